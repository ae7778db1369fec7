using Dge.Api.Data;
using Dge.Api.Data.Seed;
using Dge.Api.Doctors;
using Dge.Api.Groups;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Data.Seed;

public sealed class DatabaseSeederTests
{
    private static readonly DateOnly Anchor = SeedCalendar.Anchor;

    [Fact]
    public async Task Seed_SameSeedTwice_GivesIdenticalDatabases()
    {
        var first = await TestDatabases.CreateSeededAsync(scale: 1);
        var second = await TestDatabases.CreateSeededAsync(scale: 1);
        await using var a = TestDatabases.Open(first);
        await using var b = TestDatabases.Open(second);

        Assert.Equal(await DatabaseContent.RowCountsAsync(a), await DatabaseContent.RowCountsAsync(b));
        Assert.Equal(await DatabaseContent.HashAsync(a), await DatabaseContent.HashAsync(b));
    }

    [Fact]
    public async Task Seed_OtherRandomSeed_GivesOtherPeople()
    {
        var other = await TestDatabases.CreateSeededAsync(scale: 1, randomSeed: 7);
        await using var a = TestDatabases.Open(await TestDatabases.CopyNationalAsync());
        await using var b = TestDatabases.Open(other);

        Assert.NotEqual(await DatabaseContent.HashAsync(a), await DatabaseContent.HashAsync(b));
    }

    [Fact]
    public async Task Seed_ReferenceData_IsLoadedCompletely()
    {
        await using var db = TestDatabases.Open(await TestDatabases.CopyReferenceOnlyAsync());

        Assert.Equal(98, await db.Municipalities.CountAsync());
        Assert.Equal(98, await db.Municipalities.Select(m => m.Code).Distinct().CountAsync());
        Assert.Equal(17, await db.HealthCouncils.CountAsync());
        Assert.Equal(37, await db.Themes.CountAsync());
        Assert.Equal(5, await db.KapUnits.CountAsync());
        Assert.Equal(6, await db.Regions.CountAsync());
        Assert.Equal(0, await db.Doctors.CountAsync());
        var oestdanmark = await db.Regions.SingleAsync(r => r.Name == "Region Østdanmark");
        Assert.Equal(new DateOnly(2027, 1, 1), oestdanmark.From);
        Assert.Equal(2, await db.Regions.CountAsync(r => r.SuccessorId == oestdanmark.Id && r.To == new DateOnly(2027, 1, 1)));
        Assert.Equal(46, await db.MunicipalityRegions.CountAsync(p => p.RegionId == oestdanmark.Id && p.From == new DateOnly(2027, 1, 1) && p.To == null));
        Assert.Equal(98, await db.Municipalities.CountAsync(m => m.RegionHistory.Any(p => p.From <= Anchor && (p.To == null || p.To > Anchor))));
    }

    [Fact]
    public async Task Seed_NationalScale_HasTheDocumentedVolumes()
    {
        await using var db = TestDatabases.Open(await TestDatabases.CopyNationalAsync());

        var activeGps = await ActiveGps(db).CountAsync();
        Assert.InRange(activeGps, 3_200, 3_600);
        Assert.InRange(await db.Doctors.CountAsync(d => d.Phase == DoctorPhase.Trainee), 500, 700);
        Assert.InRange(await db.QualityClusters.CountAsync(), 105, 125);
        Assert.InRange(await db.Clinics.CountAsync(), 1_700, 2_100);
        Assert.InRange(await db.Groups.CountAsync(), 540, 660);
        Assert.InRange(await db.Meetings.CountAsync(), 6_000, 8_000);
        Assert.InRange(await db.MeetingAttendances.CountAsync(), 40_000, 60_000);
        Assert.InRange(await db.LearningMaterials.CountAsync(), 1_800, 2_200);
        Assert.InRange(await db.Coordinators.CountAsync(c => c.ClusterId == null), 30, 60);
    }

    [Fact]
    public async Task Seed_NationalScale_SpreadsGpsLikeTheRealRegions()
    {
        await using var db = TestDatabases.Open(await TestDatabases.CopyNationalAsync());
        var expectedShares = new Dictionary<string, double>
        {
            ["1084"] = 0.31, ["1082"] = 0.24, ["1083"] = 0.23, ["1085"] = 0.13, ["1081"] = 0.09,
        };

        var perRegion = await ActiveGps(db)
            .Select(d => d.Employments.AsQueryable().Where(Periods.ActiveOn<ClinicEmployment>(Anchor)).Select(e => e.Clinic!.Municipality!.RegionHistory.AsQueryable()
                .Where(Periods.ActiveOn<Dge.Api.Municipalities.MunicipalityRegion>(Anchor)).Select(p => p.Region!.Code).FirstOrDefault()).FirstOrDefault())
            .GroupBy(code => code).Select(g => new { Code = g.Key, Count = g.Count() }).ToListAsync();
        var total = perRegion.Sum(r => r.Count);

        foreach (var (code, share) in expectedShares)
        {
            Assert.InRange(perRegion.Single(r => r.Code == code).Count / (double)total, share - 0.02, share + 0.02);
        }
    }

    [Fact]
    public async Task Seed_NationalScale_LeavesGapsForTheViewsToFind()
    {
        await using var db = TestDatabases.Open(await TestDatabases.CopyNationalAsync());
        var activeGroupMembers = db.GroupMemberships
            .Where(Periods.ActiveOn<GroupMembership>(Anchor))
            .Where(m => m.Group!.From <= Anchor && (m.Group.To == null || m.Group.To > Anchor))
            .Select(m => m.DoctorId);
        var newSince = Anchor.AddMonths(-24);

        var active = await ActiveGps(db).CountAsync();
        var covered = await ActiveGps(db).CountAsync(d => activeGroupMembers.Contains(d.Id));
        var nynedsatte = await ActiveGps(db).CountAsync(d => d.EstablishedOn > newSince && d.EstablishedOn <= Anchor);
        var nynedsatteCovered = await ActiveGps(db).CountAsync(d => d.EstablishedOn > newSince && d.EstablishedOn <= Anchor && activeGroupMembers.Contains(d.Id));

        Assert.InRange(covered / (double)active, 0.75, 0.85);
        Assert.InRange(nynedsatte, 200, 600);
        Assert.True(nynedsatteCovered / (double)nynedsatte < covered / (double)active - 0.1, "New GPs should be clearly less covered than GPs overall.");
    }

    [Fact]
    public async Task Seed_NationalScale_KeepsTheDomainRules()
    {
        await using var db = TestDatabases.Open(await TestDatabases.CopyNationalAsync());
        var memberships = await db.GroupMemberships.AsNoTracking().ToListAsync();
        var groups = await db.Groups.AsNoTracking().ToListAsync();
        var meetings = await db.Meetings.AsNoTracking().ToListAsync();

        var activeGroups = groups.Where(g => g.From <= Anchor && (g.To is null || g.To > Anchor)).ToList();
        Assert.All(activeGroups, g => Assert.Equal(1, memberships.Count(m => m.GroupId == g.Id && m.Role == MembershipRole.Leader && m.IsActiveOn(Anchor))));
        Assert.All(memberships, m => Assert.True(m.To is null || m.To >= m.From));
        Assert.DoesNotContain(memberships.GroupBy(m => (m.GroupId, m.DoctorId)), g => g.Any(a => g.Any(b => a.Id < b.Id && a.From < (b.To ?? DateOnly.MaxValue) && b.From < (a.To ?? DateOnly.MaxValue))));
        Assert.All(meetings, m => Assert.InRange(m.DurationHours, 0.5, 12));
        Assert.Equal(0, await db.Clinics.CountAsync(c => c.Ydernummer.Length != 6));
        Assert.Equal(0, await db.ClusterClinicMemberships.CountAsync(m => m.Clinic!.Municipality!.RegionHistory.Any(p => p.From <= Anchor && (p.To == null || p.To > Anchor) && p.RegionId != m.Cluster!.RegionId)));
        Assert.Equal(0, await db.MeetingAttendances.CountAsync(a => !db.GroupMemberships.Any(m =>
            m.GroupId == a.Meeting!.GroupId && m.DoctorId == a.DoctorId && m.From <= a.Meeting.Date && (m.To == null || m.To > a.Meeting.Date))));
    }

    private static IQueryable<Doctor> ActiveGps(DgeDbContext db) =>
        db.Doctors.Where(d => d.Phase == DoctorPhase.Gp && d.Employments.AsQueryable().Any(Periods.ActiveOn<ClinicEmployment>(Anchor)));
}

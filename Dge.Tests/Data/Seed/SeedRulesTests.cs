using System.Globalization;
using System.Text.RegularExpressions;
using Dge.Api.Coordinators;
using Dge.Api.Data.Reference;
using Dge.Api.Data.Seed;
using Dge.Api.Doctors;
using Dge.Api.Groups;
using Xunit.Abstractions;

namespace Dge.Tests.Data.Seed;

/// <summary>
/// Every rule of DOMAIN.md ("Rules") checked against the seeded national database on every day that matters, so an
/// admin who edits seeded data is never blocked by history the rules forbid. A failure names the first offending rows.
/// </summary>
public sealed partial class SeedRulesTests(SeededHistory seed, ITestOutputHelper output) : IClassFixture<SeededHistory>
{
    // The seed deliberately keeps a few groups of 4–5 or 13–14 members so the norm warning has something to flag
    // (about 3 % of the groups); on top of that a group may briefly dip below 6 when members leave. More than 5 % of
    // active groups outside 6–12 on a day would no longer be "rare".
    private const double NormShare = 0.95;

    private static readonly DateOnly Anchor = SeedCalendar.Anchor;

    [Fact]
    public void Groups_EveryDayWithMembers_HaveExactlyOneLeaderAmongThem()
    {
        var byGroup = seed.Memberships.ToLookup(m => m.GroupId);

        // A group's members and roles only change on a founding day or on a day a membership starts or ends.
        var violations =
            from g in seed.Groups
            from day in byGroup[g.Id].SelectMany(m => new[] { m.From, m.To ?? m.From }).Append(g.From).Distinct().Order()
            let members = seed.CurrentMemberships(g, byGroup, day).ToList()
            let leaders = members.Count(m => m.Role == MembershipRole.Leader)
            where members.Count > 0 && leaders != 1
            select $"group {g.Id} on {Iso(day)}: {leaders} leaders among {members.Count} members";

        AssertNone(violations, "one leader among the current members");
    }

    [Fact]
    public void Memberships_OfOneDoctorInOneGroup_DoNotOverlap()
    {
        var violations =
            from pair in seed.Memberships.GroupBy(m => (m.GroupId, m.DoctorId))
            let periods = pair.OrderBy(m => m.From).ThenBy(m => m.Id).ToList()
            from i in Enumerable.Range(1, periods.Count - 1)
            where periods[i - 1].To is null || periods[i - 1].To > periods[i].From
            select $"memberships {periods[i - 1].Id} and {periods[i].Id} (doctor {pair.Key.DoctorId}, group {pair.Key.GroupId}) overlap";

        AssertNone(violations, "membership periods do not overlap");
    }

    [Fact]
    public void Memberships_LieWithinTheirGroupsLifetime()
    {
        var groups = seed.Groups.ToDictionary(g => g.Id);

        var violations =
            from m in seed.Memberships
            let g = groups[m.GroupId]
            where m.From < g.From || (g.To is { } dissolved && (m.To is null || m.To > dissolved))
            select $"membership {m.Id} [{Iso(m.From)}, {Iso(m.To)}) outside group {g.Id} [{Iso(g.From)}, {Iso(g.To)})";

        AssertNone(violations, "memberships within the group's lifetime");
    }

    [Fact]
    public void Periods_EveryTable_EndOnOrAfterTheyStart()
    {
        var violations = seed.Memberships.Where(m => m.To < m.From).Select(m => $"membership {m.Id}")
            .Concat(seed.Employments.Where(e => e.To < e.From).Select(e => $"employment {e.Id}"))
            .Concat(seed.ClusterMemberships.Where(c => c.To < c.From).Select(c => $"cluster membership {c.Id}"))
            .Concat(seed.Adoptions.Where(a => a.To < a.From).Select(a => $"package adoption {a.Id}"))
            .Concat(seed.Coordinators.Where(c => c.To < c.From).Select(c => $"coordinator {c.Id}"))
            .Concat(seed.MunicipalityRegions.Where(p => p.To < p.From).Select(p => $"municipality region {p.Id}"))
            .Concat(seed.Groups.Where(g => g.To < g.From).Select(g => $"group {g.Id}"));

        AssertNone(violations, "to ≥ from");
    }

    [Fact]
    public void Clinics_Ydernumre_AreSixDigitsAndUnique()
    {
        var violations = seed.Clinics.Where(c => !SixDigits().IsMatch(c.Ydernummer)).Select(c => $"clinic {c.Id}: '{c.Ydernummer}'")
            .Concat(seed.Clinics.GroupBy(c => c.Ydernummer).Where(g => g.Count() > 1).Select(g => $"ydernummer {g.Key}: clinics {string.Join(", ", g.Select(c => c.Id))}"));

        AssertNone(violations, "ydernummer is 6 digits and unique");
    }

    [Fact]
    public void Municipalities_Codes_AreTheOfficial98()
    {
        var official = ReferenceData.Load().Municipalities.Select(m => m.Code).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(98, official.Count);
        Assert.Equal(official.Order(StringComparer.Ordinal), seed.Municipalities.Select(m => m.Code).Order(StringComparer.Ordinal));
        var known = seed.Municipalities.Select(m => m.Id).ToHashSet();
        AssertNone(seed.Clinics.Where(c => !known.Contains(c.MunicipalityId)).Select(c => $"clinic {c.Id}"), "clinics in an official municipality");
    }

    [Fact]
    public void Meetings_Attendees_AreMembersOnTheMeetingDate()
    {
        var meetings = seed.Meetings.ToDictionary(m => m.Id);
        var memberships = seed.Memberships.ToLookup(m => (m.GroupId, m.DoctorId));

        var violations =
            from a in seed.Attendances
            let meeting = meetings[a.MeetingId]
            where !memberships[(meeting.GroupId, a.DoctorId)].Any(m => SeededHistory.On(m.From, m.To, meeting.Date))
            select $"meeting {meeting.Id} on {Iso(meeting.Date)}: doctor {a.DoctorId} is no member of group {meeting.GroupId}";

        AssertNone(violations, "attendees are members on the meeting date");
    }

    [Fact]
    public void Meetings_Durations_AreHalfAnHourToTwelveHours()
    {
        AssertNone(seed.Meetings.Where(m => m.DurationHours is < 0.5 or > 12).Select(m => $"meeting {m.Id}: {m.DurationHours} h"), "duration 0.5–12 h");
    }

    [Fact]
    public void Clusters_Clinics_AreInTheClustersRegion()
    {
        var clusters = seed.Clusters.ToDictionary(c => c.Id);
        var clinics = seed.Clinics.ToDictionary(c => c.Id);
        var regionsOf = seed.MunicipalityRegions.ToLookup(p => p.MunicipalityId);

        // Regions only change on 2027-01-01, after the seeded history: the first and last day of each membership suffice.
        var violations =
            from m in seed.ClusterMemberships
            from day in new[] { m.From, m.To is { } to ? to.AddDays(-1) : Anchor }.Distinct()
            let region = regionsOf[clinics[m.ClinicId].MunicipalityId].Where(p => SeededHistory.On(p.From, p.To, day)).Select(p => (int?)p.RegionId).SingleOrDefault()
            where region != clusters[m.ClusterId].RegionId
            select $"cluster membership {m.Id} on {Iso(day)}: clinic {m.ClinicId} in region {region}, cluster {m.ClusterId} in region {clusters[m.ClusterId].RegionId}";

        AssertNone(violations, "a cluster's clinics are in the cluster's region");
    }

    [Fact]
    public void Groups_Advisors_AreAdvisorsOfTheKapUnitsRegion()
    {
        var coordinators = seed.Coordinators.ToDictionary(c => c.Id);
        var units = seed.KapUnits.ToDictionary(k => k.Id);

        var violations =
            from g in seed.Groups.Where(g => g.AdvisorId is not null)
            let advisor = coordinators[g.AdvisorId!.Value]
            where advisor.Role != CoordinatorRole.Advisor || advisor.RegionId != units[g.KapUnitId].RegionId
            select $"group {g.Id}: coordinator {advisor.Id} ({advisor.Role}, region {advisor.RegionId}) for KAP unit {g.KapUnitId}";

        AssertNone(violations, "the advisor is an ADVISOR of the KAP unit's region");
    }

    [Fact]
    public void Doctors_Careers_AreDatedConsistentlyWithTheirPhase()
    {
        var violations = seed.Doctors.Select(d => (d, problem: d switch
        {
            { Phase: DoctorPhase.Trainee } when d.EstablishedOn is not null || d.RetiredOn is not null => "a trainee with a GP career",
            { Phase: DoctorPhase.Gp } when d.EstablishedOn is null || d.EstablishedOn > Anchor || d.RetiredOn is not null => "a GP not practising on the anchor",
            { Phase: DoctorPhase.Retired } when d.EstablishedOn is null || d.RetiredOn is null || d.RetiredOn <= d.EstablishedOn || d.RetiredOn > Anchor => "a retired doctor without a past career",
            _ => null,
        }))
            .Where(x => x.problem is not null)
            .Select(x => $"doctor {x.d.Id} ({x.d.Phase}, {Iso(x.d.EstablishedOn)}–{Iso(x.d.RetiredOn)}): {x.problem}");

        AssertNone(violations, "dated careers");
    }

    [Fact]
    public void Doctors_Retired_HaveNothingAfterRetiredOn()
    {
        var retired = seed.Doctors.Where(d => d.RetiredOn is not null).ToDictionary(d => d.Id, d => d.RetiredOn!.Value);
        var meetings = seed.Meetings.ToDictionary(m => m.Id);

        var violations = seed.Employments.Where(e => retired.TryGetValue(e.DoctorId, out var end) && !(e.To <= end)).Select(e => $"employment {e.Id} of doctor {e.DoctorId}")
            .Concat(seed.Memberships.Where(m => retired.TryGetValue(m.DoctorId, out var end) && !(m.To <= end)).Select(m => $"membership {m.Id} of doctor {m.DoctorId}"))
            .Concat(seed.Attendances.Where(a => retired.TryGetValue(a.DoctorId, out var end) && meetings[a.MeetingId].Date >= end).Select(a => $"attendance of doctor {a.DoctorId} at meeting {a.MeetingId}"))
            .Concat(seed.Coordinators.Where(c => c.DoctorId is { } id && retired.TryGetValue(id, out var end) && !(c.To <= end)).Select(c => $"coordinator role {c.Id} of doctor {c.DoctorId}"));

        AssertNone(violations, "nothing of a GP extends past retiredOn");
    }

    [Fact]
    public void Doctors_Retired_WorkedUntilTheyRetired()
    {
        var employedTo = seed.Employments.ToLookup(e => e.DoctorId);

        var violations = seed.Doctors
            .Where(d => d.RetiredOn is { } end && !employedTo[d.Id].Any(e => SeededHistory.On(e.From, e.To, end.AddDays(-1))))
            .Select(d => $"doctor {d.Id} retired on {Iso(d.RetiredOn)} without a clinic the day before");

        AssertNone(violations, "a retired doctor worked until retiredOn");
    }

    [Theory]
    [InlineData("2020-06-30")]
    [InlineData("2025-06-30")]
    [InlineData("2026-11-01")]
    public void Groups_OnADay_AlmostAllHaveSixToTwelveMembers(string date)
    {
        var day = DateOnly.Parse(date, CultureInfo.InvariantCulture);
        var byGroup = seed.Memberships.ToLookup(m => m.GroupId);

        var sizes = seed.Groups.Where(g => SeededHistory.On(g.From, g.To, day))
            .Select(g => seed.CurrentMemberships(g, byGroup, day).Select(m => m.DoctorId).Distinct().Count()).ToList();
        var normal = sizes.Count(s => s is >= 6 and <= 12);
        output.WriteLine($"{date}: {sizes.Count} active groups, {normal} with 6–12 members, {sizes.Count(s => s < 6)} fewer, {sizes.Count(s => s > 12)} more");

        Assert.True(normal >= NormShare * sizes.Count, $"{date}: only {normal} of {sizes.Count} active groups have 6–12 members");
    }

    private static void AssertNone(IEnumerable<string> violations, string rule)
    {
        var all = violations.ToList();
        Assert.True(all.Count == 0, $"{rule}: {all.Count} violations, first: {string.Join("; ", all.Take(10))}");
    }

    private static string Iso(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "open";

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex SixDigits();
}

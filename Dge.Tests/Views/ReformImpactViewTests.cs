using System.Text.Json;
using Dge.Api.Doctors;
using Dge.Api.Groups;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Views;

public sealed class ReformImpactViewTests(ViewsFixture fixture) : IClassFixture<ViewsFixture>
{
    [Theory]
    [InlineData("2027-03-01")]
    [InlineData("2026-11-01")]
    public Task ReformImpact_EveryNewRegionAndHealthCouncil_MatchesTheOracle(string asOf) => AssertMatchesOracleAsync(fixture.Graph, fixture.Oracle, asOf);

    /// <summary>
    /// The national data has no doctor working in two clinics at once, and every group reaches its scopes through GPs. Here
    /// doctors also work in a second clinic, in the same municipality, in another municipality of their region and in another
    /// region, and a group reaches a region only through a trainee who is its member: the view still matches the oracle.
    /// </summary>
    [Fact]
    public async Task ReformImpact_DoctorsInTwoClinicsAndAGroupReachedOnlyThroughATrainee_MatchesTheOracle()
    {
        var graph = new NationalGraph();
        await graph.InitializeAsync();
        try
        {
            var (_, trainee, group, region) = await AddSecondClinicsAndATraineeAsync(graph);
            ViewOracle oracle;
            await using (var db = graph.OpenDb())
            {
                oracle = await ViewOracle.LoadAsync(db);
            }

            var day = new DateOnly(2027, 3, 1);
            var reached = oracle.CurrentMembers(day)[group]
                .SelectMany(d => oracle.Employments.Where(e => e.DoctorId == d && ViewOracle.On(e.From, e.To, day)))
                .Select(e => oracle.RegionOf(oracle.Clinics.Single(c => c.Id == e.ClinicId).MunicipalityId, day))
                .ToList();
            Assert.Equal(1, reached.Count(r => r == region));
            Assert.Contains(trainee, oracle.CurrentMembers(day)[group]);
            await AssertMatchesOracleAsync(graph, oracle, "2027-03-01");
            await AssertMatchesOracleAsync(graph, oracle, "2026-11-01");
        }
        finally
        {
            await graph.DisposeAsync();
        }
    }

    /// <summary>
    /// Gives 30 GPs working in one clinic on both test days a second clinic from 2020 (ten in the same municipality, ten in
    /// another municipality of the same region, ten in another region), and a current group of Region Nordjylland's KAP unit
    /// a trainee member working in Region Syddanmark, where none of its members work. Returns the 30 GPs, the trainee, the group and the region.
    /// </summary>
    internal static async Task<(List<int> Gps, int Trainee, int Group, int Region)> AddSecondClinicsAndATraineeAsync(NationalGraph graph)
    {
        await using var db = graph.OpenDb();
        DateOnly[] days = [new(2026, 11, 1), new(2027, 3, 1)];
        bool On(ClinicEmployment e, DateOnly day) => e.From <= day && (e.To == null || e.To > day);
        var clinics = await db.Clinics.AsNoTracking().ToDictionaryAsync(c => c.Id);
        var regionOf = (await db.MunicipalityRegions.AsNoTracking().Where(p => p.To == null).ToListAsync()).ToDictionary(p => p.MunicipalityId, p => p.RegionId);
        var employments = await db.ClinicEmployments.AsNoTracking().ToListAsync();
        var gps = (await db.Doctors.AsNoTracking().Where(d => d.Phase == DoctorPhase.Gp && d.EstablishedOn < new DateOnly(2020, 1, 1) && d.RetiredOn == null).OrderBy(d => d.Id).Select(d => d.Id).ToListAsync())
            .Select(id => (Id: id, Clinics: employments.Where(e => e.DoctorId == id && days.All(day => On(e, day))).Select(e => clinics[e.ClinicId]).ToList()))
            .Where(d => d.Clinics.Count == 1 && employments.Count(e => e.DoctorId == d.Id) == 1)
            .Take(30)
            .ToList();
        Assert.Equal(30, gps.Count);
        foreach (var (doctor, i) in gps.Select((d, i) => (d, i)))
        {
            var home = doctor.Clinics[0];
            var second = clinics.Values.Where(c => c.Id != home.Id).OrderBy(c => c.Id).First(c => i switch
            {
                < 10 => c.MunicipalityId == home.MunicipalityId,
                < 20 => c.MunicipalityId != home.MunicipalityId && regionOf[c.MunicipalityId] == regionOf[home.MunicipalityId],
                _ => regionOf[c.MunicipalityId] != regionOf[home.MunicipalityId],
            });
            db.Add(new ClinicEmployment { DoctorId = doctor.Id, ClinicId = second.Id, From = new DateOnly(2020, 1, 1) });
        }

        var nordjylland = await db.Regions.SingleAsync(r => r.Name == "Region Nordjylland");
        var syddanmark = await db.Regions.SingleAsync(r => r.Name == "Region Syddanmark");
        var members = await db.GroupMemberships.AsNoTracking().Where(m => m.To == null).ToListAsync();
        var group = await db.Groups.AsNoTracking()
            .Where(g => g.KapUnit!.RegionId == nordjylland.Id && g.From < new DateOnly(2020, 1, 1) && g.To == null)
            .OrderBy(g => g.Id)
            .Select(g => g.Id)
            .ToListAsync();
        var reachable = group.First(g => members.Where(m => m.GroupId == g).All(m =>
            employments.Where(e => e.DoctorId == m.DoctorId).All(e => regionOf[clinics[e.ClinicId].MunicipalityId] != syddanmark.Id)));
        var clinic = clinics.Values.OrderBy(c => c.Id).First(c => regionOf[c.MunicipalityId] == syddanmark.Id);
        var trainee = new Doctor { FirstName = "Kommende", LastName = "Læge", Email = "kommende@example.dk", Phone = "12345678", Phase = DoctorPhase.Trainee };
        db.Add(trainee);
        await db.SaveChangesAsync();
        db.Add(new ClinicEmployment { DoctorId = trainee.Id, ClinicId = clinic.Id, From = new DateOnly(2020, 1, 1) });
        db.Add(new GroupMembership { GroupId = reachable, DoctorId = trainee.Id, Role = MembershipRole.Member, From = new DateOnly(2020, 1, 1) });
        await db.SaveChangesAsync();
        return (gps.Select(d => d.Id).ToList(), trainee.Id, reachable, syddanmark.Id);
    }

    private static async Task AssertMatchesOracleAsync(NationalGraph graph, ViewOracle oracle, string asOf)
    {
        var day = DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture);
        var reform = new DateOnly(2027, 1, 1);
        var before = reform.AddDays(-1);
        var after = day > reform ? day : reform;
        var moves = oracle.Municipalities.Where(m => oracle.RegionOf(m.Id, before) != oracle.RegionOf(m.Id, after)).Select(m => m.Id).ToHashSet();
        var closed = oracle.Regions.Where(r => !ViewOracle.On(r.From, r.To, after)).Select(r => r.Id).ToHashSet();
        var members = oracle.CurrentMembers(day);
        var workplaces = oracle.Employments.Where(e => ViewOracle.On(e.From, e.To, day)).ToLookup(e => e.DoctorId, e => oracle.Clinics.Single(c => c.Id == e.ClinicId).MunicipalityId);

        var data = await graph.DataAsync("""
            query($asOf: Date) { reformImpact(asOf: $asOf) { reformDay structureDay
              regions { scopeId name formerRegions { id } municipalities municipalitiesMoving kapUnits { id } kapUnitsMoving { id } clusters clustersMoving groups groupsMoving doctorsMoving coverage { activeDoctors coveredDoctors coverage nynedsatActive nynedsatCovered nynedsatCoverage } }
              healthCouncils { scopeId name formerRegions { id } municipalities municipalitiesMoving kapUnits { id } kapUnitsMoving { id } clusters clustersMoving groups groupsMoving doctorsMoving coverage { activeDoctors coveredDoctors coverage nynedsatActive nynedsatCovered nynedsatCoverage } } } }
            """, new { asOf });

        var impact = data.GetProperty("reformImpact");
        Assert.Equal("2027-01-01", impact.GetProperty("reformDay").GetString());
        Assert.Equal(ViewsFixture.Iso(after), impact.GetProperty("structureDay").GetString());
        var regionRows = impact.GetProperty("regions").EnumerateArray().ToList();
        Assert.Equal(["Region Midtjylland", "Region Nordjylland", "Region Syddanmark", "Region Østdanmark"], regionRows.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(oracle.HealthCouncils.Count, impact.GetProperty("healthCouncils").GetArrayLength());

        void Check(string kind, IEnumerable<JsonElement> rows, Func<int, int?> scopeOfMunicipality)
        {
            var coverage = oracle.Coverage(kind, day, after);
            var movingDoctors = oracle.Coverage(kind, day, after, c => moves.Contains(c.MunicipalityId));
            foreach (var row in rows)
            {
                var id = ViewsFixture.KeyOf(row.GetProperty("scopeId"));
                var municipalities = oracle.Municipalities.Where(m => scopeOfMunicipality(m.Id) == id).Select(m => m.Id).ToHashSet();
                var units = oracle.KapUnits.Where(k => oracle.MunicipalityRegions.Any(p => municipalities.Contains(p.MunicipalityId) && p.RegionId == k.RegionId)).ToList();
                var groups = members.Where(g => g.Any(d => workplaces[d].Any(municipalities.Contains))).Select(g => oracle.Groups.Single(x => x.Id == g.Key)).ToList();
                var what = $"{kind} {row.GetProperty("name").GetString()}";
                Assert.Equal(municipalities.Select(m => oracle.RegionOf(m, before)).OfType<int>().Distinct().Order(), Ids(row.GetProperty("formerRegions")).Order());
                Assert.Equal(municipalities.Count, row.GetProperty("municipalities").GetInt32());
                Assert.Equal(municipalities.Count(moves.Contains), row.GetProperty("municipalitiesMoving").GetInt32());
                Assert.Equal(units.Select(k => k.Id).Order(), Ids(row.GetProperty("kapUnits")).Order());
                Assert.Equal(units.Where(k => closed.Contains(k.RegionId)).Select(k => k.Id).Order(), Ids(row.GetProperty("kapUnitsMoving")).Order());
                Assert.Equal(oracle.Clusters.Count(c => municipalities.Contains(c.MunicipalityId)), row.GetProperty("clusters").GetInt32());
                Assert.Equal(oracle.Clusters.Count(c => municipalities.Contains(c.MunicipalityId) && moves.Contains(c.MunicipalityId)), row.GetProperty("clustersMoving").GetInt32());
                Assert.True(groups.Count == row.GetProperty("groups").GetInt32(), $"{what}: groups");
                Assert.True(groups.Count(g => closed.Contains(oracle.KapUnits.Single(k => k.Id == g.KapUnitId).RegionId)) == row.GetProperty("groupsMoving").GetInt32(), $"{what}: groupsMoving");
                Assert.True((movingDoctors.GetValueOrDefault(id)?.Active ?? 0) == row.GetProperty("doctorsMoving").GetInt32(), $"{what}: doctorsMoving");
                ViewsFixture.AssertCoverage(coverage.GetValueOrDefault(id), row.GetProperty("coverage"), what);
            }
        }

        Check("REGION", regionRows, m => oracle.RegionOf(m, after));
        Check("HEALTH_COUNCIL", impact.GetProperty("healthCouncils").EnumerateArray(), m => oracle.Municipalities.Single(x => x.Id == m).HealthCouncilId);
        var east = regionRows.Single(r => r.GetProperty("name").GetString() == "Region Østdanmark");
        Assert.Equal(46, east.GetProperty("municipalitiesMoving").GetInt32());
        Assert.True(east.GetProperty("doctorsMoving").GetInt32() > 0);
    }

    private static IEnumerable<int> Ids(JsonElement list) => list.EnumerateArray().Select(x => ViewsFixture.KeyOf(x.GetProperty("id")));
}

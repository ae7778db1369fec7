using System.Text.Json;

namespace Dge.Tests.Views;

public sealed class ReformImpactViewTests(ViewsFixture fixture) : IClassFixture<ViewsFixture>
{
    [Theory]
    [InlineData("2027-03-01")]
    [InlineData("2026-11-01")]
    public async Task ReformImpact_EveryNewRegionAndHealthCouncil_MatchesTheOracle(string asOf)
    {
        var day = DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture);
        var oracle = fixture.Oracle;
        var reform = new DateOnly(2027, 1, 1);
        var before = reform.AddDays(-1);
        var after = day > reform ? day : reform;
        var moves = oracle.Municipalities.Where(m => oracle.RegionOf(m.Id, before) != oracle.RegionOf(m.Id, after)).Select(m => m.Id).ToHashSet();
        var closed = oracle.Regions.Where(r => !ViewOracle.On(r.From, r.To, after)).Select(r => r.Id).ToHashSet();
        var members = oracle.CurrentMembers(day);
        var workplaces = oracle.Employments.Where(e => ViewOracle.On(e.From, e.To, day)).ToLookup(e => e.DoctorId, e => oracle.Clinics.Single(c => c.Id == e.ClinicId).MunicipalityId);

        var data = await fixture.Graph.DataAsync("""
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

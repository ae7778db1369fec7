using System.Text.Json;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Views;

public sealed class GroupSuggestionViewTests(ViewsFixture fixture) : IClassFixture<ViewsFixture>
{
    public static TheoryData<string> Dates() => new(ViewsFixture.Dates.Select(ViewsFixture.Iso));

    [Theory]
    [MemberData(nameof(Dates))]
    public async Task GroupSuggestions_ForGpsTraineesAndNynedsatte_MatchTheOracle(string asOf)
    {
        var day = DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture);
        var oracle = fixture.Oracle;
        var covered = oracle.CoveredDoctorIds(day);
        var sample = oracle.ActiveDoctors(day).Select(x => x.Doctor).Where(d => !covered.Contains(d.Id)).DistinctBy(d => d.Id).OrderBy(d => d.Id).Where((_, i) => i % 20 == 0)
            .Concat(oracle.Doctors.Where(d => d.Phase == Dge.Api.Doctors.DoctorPhase.Trainee).OrderBy(d => d.Id).Take(5))
            .Concat(oracle.ActiveDoctors(day).Select(x => x.Doctor).Where(d => oracle.IsNynedsat(d, day)).DistinctBy(d => d.Id).OrderBy(d => d.Id).Take(10))
            .Select(d => d.Id).Distinct().ToList();

        var data = await fixture.Graph.DataAsync(
            "query($ids: [ID!]!, $asOf: Date) { nodes(ids: $ids) { ... on Doctor { id groupSuggestions(asOf: $asOf, first: 5) { group { id } rank reasons members freePlaces clusterMembers municipalityMembers } } } }",
            new { ids = sample.Select(id => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Doctor:{id}"))).Take(50).ToList(), asOf });

        var nodes = data.GetProperty("nodes").EnumerateArray().ToList();
        Assert.NotEmpty(nodes);
        foreach (var node in nodes)
        {
            var id = ViewsFixture.KeyOf(node.GetProperty("id"));
            AssertSuggestions(oracle.Suggestions(id, day, 5), node.GetProperty("groupSuggestions"));
        }

        Assert.Contains(nodes, n => n.GetProperty("groupSuggestions").GetArrayLength() > 0);
    }

    /// <summary>
    /// Doctors working in two clinics at once (in one municipality, in two municipalities of a region, in two regions), which
    /// the national data does not have: all their places count in the ranking (the groups, their order and the reasons are
    /// compared, and the members counted from the doctor's cluster and municipality).
    /// </summary>
    [Fact]
    public async Task GroupSuggestions_ForDoctorsInTwoClinics_MatchTheOracle()
    {
        var graph = new NationalGraph();
        await graph.InitializeAsync();
        try
        {
            var (gps, trainee, _, _) = await ReformImpactViewTests.AddSecondClinicsAndATraineeAsync(graph);
            ViewOracle oracle;
            await using (var db = graph.OpenDb())
            {
                oracle = await ViewOracle.LoadAsync(db);
            }

            var day = new DateOnly(2026, 11, 1);
            var data = await graph.DataAsync(
                "query($ids: [ID!]!, $asOf: Date) { nodes(ids: $ids) { ... on Doctor { id groupSuggestions(asOf: $asOf, first: 5) { group { id } rank reasons members freePlaces clusterMembers municipalityMembers } } } }",
                new { ids = gps.Append(trainee).Select(id => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Doctor:{id}"))).ToList(), asOf = ViewsFixture.Iso(day) });

            var nodes = data.GetProperty("nodes").EnumerateArray().ToList();
            Assert.Equal(gps.Count + 1, nodes.Count);
            foreach (var node in nodes)
            {
                AssertSuggestions(oracle.Suggestions(ViewsFixture.KeyOf(node.GetProperty("id")), day, 5), node.GetProperty("groupSuggestions"));
            }

            Assert.Contains(nodes, n => n.GetProperty("groupSuggestions").GetArrayLength() > 0);
        }
        finally
        {
            await graph.DisposeAsync();
        }
    }

    [Fact]
    public async Task GroupSuggestions_FirstTooLarge_IsATypedError()
    {
        var errors = await fixture.Graph.ErrorsAsync("{ doctors(first: 1) { nodes { groupSuggestions(first: 500) { rank } } } }");

        Assert.Equal("INVALID_PAGING", errors[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    internal static void AssertSuggestions(List<ViewOracle.OracleSuggestion> expected, JsonElement actual)
    {
        var rows = actual.EnumerateArray().ToList();
        Assert.Equal(expected.Select(e => e.GroupId), rows.Select(r => ViewsFixture.KeyOf(r.GetProperty("group").GetProperty("id"))));
        Assert.Equal(Enumerable.Range(1, expected.Count), rows.Select(r => r.GetProperty("rank").GetInt32()));
        Assert.Equal(expected.Select(e => string.Join(",", e.Reasons)), rows.Select(r => string.Join(",", r.GetProperty("reasons").EnumerateArray().Select(x => x.GetString()))));
        Assert.Equal(
            expected.Select(e => (e.Members, FreePlaces: 12 - e.Members, e.ClusterMembers, e.MunicipalityMembers)),
            rows.Select(r => (
                r.GetProperty("members").GetInt32(),
                r.GetProperty("freePlaces").GetInt32(),
                r.GetProperty("clusterMembers").GetInt32(),
                r.GetProperty("municipalityMembers").GetInt32())));
    }
}

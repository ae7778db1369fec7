using System.Text.Json;

namespace Dge.Tests.Views;

public sealed class ClusterAlignmentViewTests(ViewsFixture fixture) : IClassFixture<ViewsFixture>
{
    private const string Selection = """
        cluster { id } activeDoctors coveredDoctors coverage alignedCoveredDoctors alignedCoverage
        groups { group { id } overlap members share aligned }
        themeAlignment { ratio packageThemes { code } coveredThemes { code } missedThemes { code } }
        uncoveredDoctors { doctor { id } nynedsat }
        """;

    public static TheoryData<string> Dates() => new(ViewsFixture.Dates.Select(ViewsFixture.Iso));

    [Theory]
    [MemberData(nameof(Dates))]
    public async Task ClusterAlignment_EveryCluster_MatchesTheOracle(string asOf)
    {
        var day = DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture);
        var expected = fixture.Oracle.Alignment(day);

        var nodes = await AllAsync(asOf);

        Assert.Equal(expected.Keys.Order(), nodes.Select(n => ViewsFixture.KeyOf(n.GetProperty("cluster").GetProperty("id"))).Order());
        foreach (var node in nodes)
        {
            var id = ViewsFixture.KeyOf(node.GetProperty("cluster").GetProperty("id"));
            AssertAlignment(expected[id], node, $"cluster {id} on {asOf}");
        }

        Assert.Contains(expected.Values, a => a.Groups.Any(g => !g.Aligned));
        Assert.Contains(expected.Values, a => a.Uncovered.Any(u => u.Nynedsat));
    }

    [Theory]
    [MemberData(nameof(Dates))]
    public async Task AlignmentField_OnQualityCluster_MatchesTheOracle(string asOf)
    {
        var day = DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture);
        var expected = fixture.Oracle.Alignment(day);

        var nodes = new List<JsonElement>();
        var pages = 0;
        string? after = null;
        do
        {
            pages++;
            var data = await fixture.Graph.DataAsync(
                $"query($asOf: Date, $after: String) {{ qualityClusters(first: 100, after: $after) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ id alignment(asOf: $asOf) {{ {Selection} }} }} }} }}",
                new { asOf, after });
            var page = data.GetProperty("qualityClusters");
            nodes.AddRange(page.GetProperty("nodes").EnumerateArray());
            after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        }
        while (after is not null);

        // Every cluster, over as many pages of 100 as it takes (two on the national data), each page's alignments batched.
        Assert.Equal(fixture.Oracle.Clusters.Count, nodes.Count);
        Assert.Equal((fixture.Oracle.Clusters.Count + 99) / 100, pages);
        Assert.Equal(expected.Keys.Order(), nodes.Select(n => ViewsFixture.KeyOf(n.GetProperty("id"))).Order());
        foreach (var node in nodes)
        {
            var id = ViewsFixture.KeyOf(node.GetProperty("id"));
            AssertAlignment(expected[id], node.GetProperty("alignment"), $"cluster {id} on {asOf}");
        }
    }

    [Fact]
    public async Task ClusterAlignment_LowestAlignedCoverageInMidtjylland_AreTheOraclesTenWithTheirNynedsatte()
    {
        var day = new DateOnly(2026, 11, 1);
        var oracle = fixture.Oracle;
        var midt = oracle.Regions.Single(r => r.Code == "1082").Id;
        var alignment = oracle.Alignment(day);
        var expected = oracle.Clusters
            .Where(c => oracle.RegionOf(c.MunicipalityId, day) == midt)
            .Select(c => alignment[c.Id])
            .OrderBy(a => a.Doctors == 0 ? 1 : 0).ThenBy(a => a.Doctors == 0 ? 0 : (double)a.AlignedCovered / a.Doctors).ThenBy(a => a.ClusterId)
            .Take(10)
            .ToList();

        var data = await fixture.Graph.DataAsync("""
            {
              clusterAlignment(asOf: "2026-11-01", where: { regionCode: "1082" }, order: { alignedCoverage: ASC }, first: 10) {
                totalCount
                nodes { cluster { id } alignedCoverage uncoveredDoctors(nynedsatOnly: true) { doctor { id } nynedsat suggestions(first: 3) { group { id } rank reasons members freePlaces clusterMembers municipalityMembers } } }
              }
            }
            """);

        var page = data.GetProperty("clusterAlignment");
        var nodes = page.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(oracle.Clusters.Count(c => oracle.RegionOf(c.MunicipalityId, day) == midt), page.GetProperty("totalCount").GetInt32());
        Assert.Equal(expected.Select(e => e.ClusterId), nodes.Select(n => ViewsFixture.KeyOf(n.GetProperty("cluster").GetProperty("id"))));
        foreach (var (node, cluster) in nodes.Zip(expected))
        {
            var uncovered = node.GetProperty("uncoveredDoctors").EnumerateArray().ToList();
            Assert.Equal(cluster.Uncovered.Where(u => u.Nynedsat).Select(u => u.DoctorId).Order(), uncovered.Select(u => ViewsFixture.KeyOf(u.GetProperty("doctor").GetProperty("id"))).Order());
            Assert.All(uncovered, u => Assert.True(u.GetProperty("nynedsat").GetBoolean()));
            foreach (var doctor in uncovered)
            {
                var suggestions = oracle.Suggestions(ViewsFixture.KeyOf(doctor.GetProperty("doctor").GetProperty("id")), day, 3);
                GroupSuggestionViewTests.AssertSuggestions(suggestions, doctor.GetProperty("suggestions"));
            }
        }

        Assert.Contains(nodes, n => n.GetProperty("uncoveredDoctors").GetArrayLength() > 0);
    }

    /// <summary>
    /// Each root field and each batch of alignment fields reads its own basis (its clusters' doctors and their groups); their
    /// groups, themes and uncovered doctors are batched per basis, so fields of one request never answer from another's.
    /// </summary>
    [Fact]
    public async Task ClusterAlignment_TwoRegionsAndAClusterField_OnTwoDaysInOneRequest_EachMatchesTheOracle()
    {
        var (day, before) = (new DateOnly(2026, 11, 1), new DateOnly(2025, 6, 15));
        var oracle = fixture.Oracle;
        var (midt, nord) = (oracle.Regions.Single(r => r.Code == "1082").Id, oracle.Regions.Single(r => r.Code == "1081").Id);

        var data = await fixture.Graph.DataAsync($$"""
            {
              midt: clusterAlignment(asOf: "2026-11-01", where: { regionCode: "1082" }, first: 100) { nodes { {{Selection}} } }
              nord: clusterAlignment(asOf: "2026-11-01", where: { regionCode: "1081" }, first: 100) { nodes { {{Selection}} } }
              earlier: qualityClusters(first: 20) { nodes { id alignment(asOf: "2025-06-15") { {{Selection}} } } }
            }
            """);

        foreach (var (alias, region) in new[] { ("midt", midt), ("nord", nord) })
        {
            var nodes = data.GetProperty(alias).GetProperty("nodes").EnumerateArray().ToList();
            Assert.Equal(
                oracle.Clusters.Where(c => oracle.RegionOf(c.MunicipalityId, day) == region).Select(c => c.Id).Order(),
                nodes.Select(n => ViewsFixture.KeyOf(n.GetProperty("cluster").GetProperty("id"))).Order());
            foreach (var node in nodes)
            {
                var id = ViewsFixture.KeyOf(node.GetProperty("cluster").GetProperty("id"));
                AssertAlignment(oracle.Alignment(day)[id], node, $"{alias}: cluster {id}");
            }
        }

        var earlier = data.GetProperty("earlier").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(20, earlier.Count);
        foreach (var node in earlier)
        {
            var id = ViewsFixture.KeyOf(node.GetProperty("id"));
            AssertAlignment(oracle.Alignment(before)[id], node.GetProperty("alignment"), $"earlier: cluster {id}");
        }
    }

    [Fact]
    public async Task ClusterAlignment_PagedWithAfter_ContinuesWhereTheFirstPageEnded()
    {
        var first = await fixture.Graph.DataAsync("""{ clusterAlignment(asOf: "2026-11-01", order: [{ coverage: DESC }], first: 60) { pageInfo { hasNextPage endCursor } nodes { cluster { id } } } }""");
        var cursor = first.GetProperty("clusterAlignment").GetProperty("pageInfo").GetProperty("endCursor").GetString();

        var second = await fixture.Graph.DataAsync("""query($after: String) { clusterAlignment(asOf: "2026-11-01", order: [{ coverage: DESC }], first: 60, after: $after) { pageInfo { hasNextPage } nodes { cluster { id } } } }""", new { after = cursor });

        var ids = first.GetProperty("clusterAlignment").GetProperty("nodes").EnumerateArray()
            .Concat(second.GetProperty("clusterAlignment").GetProperty("nodes").EnumerateArray())
            .Select(n => ViewsFixture.KeyOf(n.GetProperty("cluster").GetProperty("id"))).ToList();
        Assert.True(first.GetProperty("clusterAlignment").GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.False(second.GetProperty("clusterAlignment").GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(fixture.Oracle.Clusters.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task ClusterAlignment_RegionIdOfAnotherType_IsATypedError()
    {
        var data = await fixture.Graph.DataAsync("{ kapUnits(first: 1) { nodes { id } } }");
        var kapUnitId = data.GetProperty("kapUnits").GetProperty("nodes")[0].GetProperty("id").GetString();

        var errors = await fixture.Graph.ErrorsAsync("query($id: ID) { clusterAlignment(where: { regionId: $id }) { totalCount } }", new { id = kapUnitId });

        Assert.Equal("INVALID_FILTER", errors[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    private async Task<List<JsonElement>> AllAsync(string asOf)
    {
        var nodes = new List<JsonElement>();
        string? after = null;
        do
        {
            var data = await fixture.Graph.DataAsync(
                $"query($asOf: Date, $after: String) {{ clusterAlignment(asOf: $asOf, first: 100, after: $after) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ {Selection} }} }} }}",
                new { asOf, after });
            var page = data.GetProperty("clusterAlignment");
            nodes.AddRange(page.GetProperty("nodes").EnumerateArray());
            after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        }
        while (after is not null);
        return nodes;
    }

    internal static void AssertAlignment(ViewOracle.OracleAlignment expected, JsonElement actual, string what)
    {
        Assert.True(expected.Doctors == actual.GetProperty("activeDoctors").GetInt32(), $"{what}: doctors");
        Assert.True(expected.Covered == actual.GetProperty("coveredDoctors").GetInt32(), $"{what}: covered");
        Assert.True(expected.AlignedCovered == actual.GetProperty("alignedCoveredDoctors").GetInt32(), $"{what}: aligned covered {expected.AlignedCovered} ≠ {actual.GetProperty("alignedCoveredDoctors")}");
        ViewsFixture.AssertRatio(ViewsFixture.Ratio(expected.Covered, expected.Doctors), actual.GetProperty("coverage"), $"{what}: coverage");
        ViewsFixture.AssertRatio(ViewsFixture.Ratio(expected.AlignedCovered, expected.Doctors), actual.GetProperty("alignedCoverage"), $"{what}: alignedCoverage");

        var groups = actual.GetProperty("groups").EnumerateArray()
            .Select(g => (Id: ViewsFixture.KeyOf(g.GetProperty("group").GetProperty("id")), Overlap: g.GetProperty("overlap").GetInt32(), Members: g.GetProperty("members").GetInt32(), Aligned: g.GetProperty("aligned").GetBoolean(), Share: g.GetProperty("share").GetDouble()))
            .ToList();
        Assert.Equal(
            expected.Groups.OrderBy(g => g.GroupId).Select(g => (g.GroupId, g.Overlap, g.Members, g.Aligned)),
            groups.OrderBy(g => g.Id).Select(g => (g.Id, g.Overlap, g.Members, g.Aligned)));
        Assert.All(groups, g => Assert.Equal((double)g.Overlap / g.Members, g.Share, 9));

        var themes = actual.GetProperty("themeAlignment");
        static List<string> Codes(JsonElement list) => list.EnumerateArray().Select(t => t.GetProperty("code").GetString()!).ToList();
        Assert.Equal(expected.PackageThemes, Codes(themes.GetProperty("packageThemes")));
        Assert.Equal(expected.CoveredThemes, Codes(themes.GetProperty("coveredThemes")));
        Assert.Equal(expected.PackageThemes.Except(expected.CoveredThemes), Codes(themes.GetProperty("missedThemes")));
        ViewsFixture.AssertRatio(ViewsFixture.Ratio(expected.CoveredThemes.Count, expected.PackageThemes.Count), themes.GetProperty("ratio"), $"{what}: theme ratio");

        Assert.Equal(
            expected.Uncovered,
            actual.GetProperty("uncoveredDoctors").EnumerateArray().Select(u => (ViewsFixture.KeyOf(u.GetProperty("doctor").GetProperty("id")), u.GetProperty("nynedsat").GetBoolean())).OrderBy(u => u.Item1).ToList());
    }
}

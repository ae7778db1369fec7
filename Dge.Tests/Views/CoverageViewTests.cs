using System.Text.Json;

namespace Dge.Tests.Views;

public sealed class CoverageViewTests(ViewsFixture fixture) : IClassFixture<ViewsFixture>
{
    public static TheoryData<string, string> ScopesAndDates()
    {
        var data = new TheoryData<string, string>();
        foreach (var scope in new[] { "REGION", "KAP_UNIT", "HEALTH_COUNCIL", "MUNICIPALITY", "CLUSTER" })
        {
            foreach (var day in ViewsFixture.Dates)
            {
                data.Add(scope, ViewsFixture.Iso(day));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScopesAndDates))]
    public async Task Coverage_EveryScopeOfAKind_MatchesTheOracle(string scope, string asOf)
    {
        var day = DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture);
        var oracle = fixture.Oracle;
        var expected = oracle.Coverage(scope, day);
        var expectedScopes = ScopeIds(oracle, scope, day);

        var data = await fixture.Graph.DataAsync(
            $"query($by: CoverageScope!, $asOf: Date) {{ coverage(by: $by, asOf: $asOf) {{ scope scopeId code name {ViewsFixture.CoverageSelection} }} }}",
            new { by = scope, asOf });

        var rows = data.GetProperty("coverage").EnumerateArray().ToList();
        Assert.Equal(expectedScopes.Order(), rows.Select(r => ViewsFixture.KeyOf(r.GetProperty("scopeId"))).Order());
        Assert.All(rows, row => Assert.Equal(scope, row.GetProperty("scope").GetString()));
        foreach (var row in rows)
        {
            var id = ViewsFixture.KeyOf(row.GetProperty("scopeId"));
            ViewsFixture.AssertCoverage(expected.GetValueOrDefault(id), row, $"{scope} {id} on {asOf}");
        }

        Assert.True(expected.Values.Sum(c => c.Active) > 0);
    }

    public static TheoryData<string> Dates() => new(ViewsFixture.Dates.Select(ViewsFixture.Iso));

    [Theory]
    [MemberData(nameof(Dates))]
    public async Task Coverage_National_CountsEveryActiveDoctorOnce(string asOf)
    {
        var day = DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture);
        var expected = fixture.Oracle.Coverage("NATIONAL", day)[0];

        var data = await fixture.Graph.DataAsync(
            $"query($asOf: Date) {{ coverage(by: NATIONAL, asOf: $asOf) {{ scope scopeId code name {ViewsFixture.CoverageSelection} }} }}", new { asOf });

        var row = Assert.Single(data.GetProperty("coverage").EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, row.GetProperty("scopeId").ValueKind);
        Assert.Equal("DK", row.GetProperty("code").GetString());
        Assert.True(expected.Active > 3_000);
        ViewsFixture.AssertCoverage(expected, row, $"national on {asOf}");
    }

    [Fact]
    public async Task Coverage_AfterTheMerger_RegionsAreTheFourNewOnes()
    {
        var data = await fixture.Graph.DataAsync("""{ coverage(by: REGION, asOf: "2027-03-01") { name code activeDoctors } }""");

        var names = data.GetProperty("coverage").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Region Midtjylland", "Region Nordjylland", "Region Syddanmark", "Region Østdanmark"], names);
    }

    [Fact]
    public async Task Coverage_BeforeTheMerger_RegionsAreTheFiveOldOnes()
    {
        var data = await fixture.Graph.DataAsync("""{ coverage(by: REGION, asOf: "2026-11-01") { code } }""");

        var codes = data.GetProperty("coverage").EnumerateArray().Select(r => r.GetProperty("code").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["1081", "1082", "1083", "1084", "1085"], codes);
    }

    public static TheoryData<string, string, string> ScopeFields()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var day in ViewsFixture.Dates)
        {
            data.Add("regions", "REGION", ViewsFixture.Iso(day));
            data.Add("kapUnits", "KAP_UNIT", ViewsFixture.Iso(day));
            data.Add("healthCouncils", "HEALTH_COUNCIL", ViewsFixture.Iso(day));
            data.Add("municipalities", "MUNICIPALITY", ViewsFixture.Iso(day));
            data.Add("qualityClusters", "CLUSTER", ViewsFixture.Iso(day));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScopeFields))]
    public async Task CoverageField_OnEveryScopeEntity_MatchesTheOracle(string listField, string scope, string asOf)
    {
        var day = DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture);
        var expected = fixture.Oracle.Coverage(scope, day);
        var nodes = new List<JsonElement>();
        string? after = null;

        do
        {
            var data = await fixture.Graph.DataAsync(
                $"query($asOf: Date, $after: String) {{ {listField}(first: 100, after: $after) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ id coverage(asOf: $asOf) {{ asOf {ViewsFixture.CoverageSelection} }} }} }} }}",
                new { asOf, after });
            var page = data.GetProperty(listField);
            nodes.AddRange(page.GetProperty("nodes").EnumerateArray());
            after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        }
        while (after is not null);

        Assert.NotEmpty(nodes);
        foreach (var node in nodes)
        {
            var id = ViewsFixture.KeyOf(node.GetProperty("id"));
            var coverage = node.GetProperty("coverage");
            Assert.Equal(asOf, coverage.GetProperty("asOf").GetString());
            ViewsFixture.AssertCoverage(expected.GetValueOrDefault(id), coverage, $"{listField} {id} on {asOf}");
        }
    }

    private static IEnumerable<int> ScopeIds(ViewOracle oracle, string scope, DateOnly day) => scope switch
    {
        "REGION" => oracle.Regions.Where(r => ViewOracle.On(r.From, r.To, day)).Select(r => r.Id),
        "KAP_UNIT" => oracle.KapUnits.Select(k => k.Id),
        "HEALTH_COUNCIL" => oracle.HealthCouncils.Select(h => h.Id),
        "MUNICIPALITY" => oracle.Municipalities.Select(m => m.Id),
        _ => oracle.Clusters.Select(c => c.Id),
    };

    [Theory]
    [InlineData("""{ coverage(by: REGION, asOf: "0001-01-01") { name } }""")]
    [InlineData("""{ clusterAlignment(asOf: "0002-06-01") { totalCount } }""")]
    [InlineData("""{ regions { nodes { coverage(asOf: "3000-01-01") { coverage } } } }""")]
    [InlineData("""{ reformImpact(asOf: "0001-01-01") { reformDay } }""")]
    public async Task AsOf_OutsideTheSupportedYears_IsATypedError(string query)
    {
        var errors = await fixture.Graph.ErrorsAsync(query);

        Assert.Equal("INVALID_DATE", errors[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("asOf", errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}

using Dge.Tests.Infrastructure;

namespace Dge.Tests.Views;

public sealed class AdvisorWorkloadViewTests(ViewsFixture fixture) : IClassFixture<ViewsFixture>
{
    public static TheoryData<string> Dates() => new(ViewsFixture.Dates.Select(ViewsFixture.Iso));

    [Theory]
    [MemberData(nameof(Dates))]
    public async Task AdvisorWorkload_EveryActiveAdvisor_MatchesTheOracle(string asOf)
    {
        var day = DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture);
        var expected = fixture.Oracle.AdvisorWorkload(day).ToDictionary(a => a.AdvisorId);

        var data = await fixture.Graph.DataAsync(
            "query($asOf: Date) { advisorWorkload(asOf: $asOf, threshold: 20) { threshold advisorsOverThreshold nodes { advisor { id } activeGroups currentMembers memberships overThreshold groups { id } } } }",
            new { asOf });

        var report = data.GetProperty("advisorWorkload");
        var rows = report.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(expected.Keys.Order(), rows.Select(r => ViewsFixture.KeyOf(r.GetProperty("advisor").GetProperty("id"))).Order());
        foreach (var row in rows)
        {
            var e = expected[ViewsFixture.KeyOf(row.GetProperty("advisor").GetProperty("id"))];
            Assert.Equal(e.Groups, row.GetProperty("activeGroups").GetInt32());
            Assert.Equal(e.Groups, row.GetProperty("groups").GetArrayLength());
            Assert.Equal(e.Members, row.GetProperty("currentMembers").GetInt32());
            Assert.Equal(e.Memberships, row.GetProperty("memberships").GetInt32());
            Assert.Equal(e.Groups > 20, row.GetProperty("overThreshold").GetBoolean());
        }

        Assert.Equal(20, report.GetProperty("threshold").GetInt32());
        Assert.Equal(expected.Values.Count(a => a.Groups > 20), report.GetProperty("advisorsOverThreshold").GetInt32());
        Assert.Equal(rows.Select(r => r.GetProperty("activeGroups").GetInt32()).OrderDescending(), rows.Select(r => r.GetProperty("activeGroups").GetInt32()));
    }

    [Fact]
    public async Task AdvisorWorkload_WithoutThreshold_UsesTheConfiguredDefault()
    {
        await using var factory = new DgeAppFactory(await TestDatabases.CopyNationalAsync(), settings: new Dictionary<string, string> { ["Dge:Views:AdvisorGroupThreshold"] = "40" });
        await factory.CreateReadyClientAsync();

        var json = await SchemaExecution.ExecuteAsync(factory.Services, """{ advisorWorkload(asOf: "2026-11-01") { threshold nodes { activeGroups overThreshold } } }""");

        var report = json.GetProperty("data").GetProperty("advisorWorkload");
        Assert.Equal(40, report.GetProperty("threshold").GetInt32());
        Assert.All(report.GetProperty("nodes").EnumerateArray(), n => Assert.Equal(n.GetProperty("activeGroups").GetInt32() > 40, n.GetProperty("overThreshold").GetBoolean()));
    }

    [Fact]
    public async Task AdvisorWorkload_NegativeThreshold_IsATypedError()
    {
        var errors = await fixture.Graph.ErrorsAsync("{ advisorWorkload(threshold: -1) { threshold } }");

        Assert.Equal("INVALID_THRESHOLD", errors[0].GetProperty("extensions").GetProperty("code").GetString());
    }
}

using System.Net;
using System.Text.Json;
using Dge.Api.Groups;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Views;

public sealed class AnnualReportViewTests(ViewsFixture fixture) : IClassFixture<ViewsFixture>
{
    private const double MinimumHours = 2;
    private const double GroupGrant = 10_000;
    private const double AttendeeFee = 2_000;

    private const string Selection = """
        scope code name year groupsActive groupsFounded groupsDissolved groupsByKind { kind active founded dissolved }
        meetings meetingHours attendances topThemes { theme { code } meetings }
        coverage { asOf activeDoctors coveredDoctors coverage nynedsatActive nynedsatCovered nynedsatCoverage }
        funding { groupGrantPerYear activeGroups groupGrants attendeeFeePerMeeting minimumMeetingHours qualifyingMeetings qualifyingAttendances attendeeFees total }
        """;

    public static TheoryData<string, int> KapUnitsAndYears()
    {
        var data = new TheoryData<string, int>();
        foreach (var code in new[] { "KAP-H", "KAP-S", "KEU-SYD", "MIDTKRAFT", "NORD-KAP" })
        {
            foreach (var year in new[] { 2024, 2025, 2026 })
            {
                data.Add(code, year);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KapUnitsAndYears))]
    public async Task AnnualReport_ForAKapUnit_MatchesTheOracle(string code, int year)
    {
        var oracle = fixture.Oracle;
        var unit = oracle.KapUnits.Single(k => k.Code == code);
        var coverage = oracle.Coverage("KAP_UNIT", new DateOnly(year, 12, 31)).GetValueOrDefault(unit.Id);
        var expected = oracle.Annual(g => g.KapUnitId == unit.Id, year, coverage ?? new OracleCoverage(0, 0, 0, 0), MinimumHours);

        var data = await fixture.Graph.DataAsync($"query($code: String, $year: Int!) {{ annualReport(kapUnitCode: $code, year: $year) {{ {Selection} }} }}", new { code, year });

        AssertReport(expected, data.GetProperty("annualReport"), year);
    }

    [Theory]
    [InlineData("Region Midtjylland", 2025)]
    [InlineData("Region Hovedstaden", 2026)]
    [InlineData("Region Østdanmark", 2027)]
    public async Task AnnualReport_ForARegion_MatchesTheOracle(string name, int year)
    {
        var oracle = fixture.Oracle;
        var region = oracle.Regions.Single(r => r.Name == name);
        var units = oracle.KapUnits.Where(k => k.RegionId == region.Id || oracle.Regions.Single(r => r.Id == k.RegionId).SuccessorId == region.Id).Select(k => k.Id).ToHashSet();
        var coverage = oracle.Coverage("REGION", new DateOnly(year, 12, 31)).GetValueOrDefault(region.Id);
        var expected = oracle.Annual(g => units.Contains(g.KapUnitId), year, coverage ?? new OracleCoverage(0, 0, 0, 0), MinimumHours);
        var regionId = Dge.Api.GraphQL.Relay.NodeId.Encode("Region", region.Id);

        var data = await fixture.Graph.DataAsync($"query($id: ID, $year: Int!) {{ annualReport(regionId: $id, year: $year) {{ {Selection} }} }}", new { id = regionId, year });

        Assert.True(expected.Kinds.Values.Sum(k => k.Active) > 0);
        Assert.True(expected.Coverage.Active > 0, $"{name} has no active doctors on 31 Dec {year}.");
        AssertReport(expected, data.GetProperty("annualReport"), year);
    }

    [Theory]
    [InlineData("""{ annualReport(regionCode: "1084", year: 2027) { name } }""", "Region Østdanmark")]
    [InlineData("""{ annualReport(regionCode: "1085", year: 2030) { name } }""", "Region Østdanmark")]
    public async Task AnnualReport_RegionAfterItClosed_IsATypedErrorNamingItsSuccessor(string query, string successor)
    {
        var errors = await fixture.Graph.ErrorsAsync(query);

        Assert.Equal("REGION_NOT_IN_FORCE", errors[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains(successor, errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ annualReport(year: 2025) { name } }""", "INVALID_REPORT_SCOPE")]
    [InlineData("""{ annualReport(kapUnitCode: "KAP-H", regionCode: "1084", year: 2025) { name } }""", "INVALID_REPORT_SCOPE")]
    [InlineData("""{ annualReport(kapUnitCode: "KAP-X", year: 2025) { name } }""", "UNKNOWN_REPORT_SCOPE")]
    [InlineData("""{ annualReport(regionCode: "9999", year: 2025) { name } }""", "UNKNOWN_REPORT_SCOPE")]
    [InlineData("""{ annualReport(regionId: "VGhlbWU6MQ==", year: 2025) { name } }""", "INVALID_ID")]
    [InlineData("""{ annualReport(regionCode: "1082", regionId: "UmVnaW9uOjE=", year: 2025) { name } }""", "INVALID_REPORT_SCOPE")]
    [InlineData("""{ annualReport(kapUnitCode: "KAP-H", year: 1200) { name } }""", "INVALID_YEAR")]
    public async Task AnnualReport_BadArguments_AreTypedErrors(string query, string code)
    {
        var errors = await fixture.Graph.ErrorsAsync(query);

        Assert.Equal(code, errors[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task AnnualReportCsv_KnownUnit_IsADownloadWithTheReportsFigures()
    {
        await using var factory = new DgeAppFactory(await TestDatabases.CopyNationalAsync());
        var client = await factory.CreateReadyClientAsync();
        var report = await fixture.Graph.DataAsync("""{ annualReport(kapUnitCode: "KAP-H", year: 2025) { groupsActive meetings funding { total } } }""");

        using var response = await client.GetAsync(new Uri("/reports/annual/KAP-H/2025.csv", UriKind.Relative));
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("section,item,value", lines[0]);
        var values = lines.Skip(1).Select(l => l.Split(',')).Where(p => p.Length == 3).ToDictionary(p => $"{p[0]}.{p[1]}", p => p[2]);
        var annual = report.GetProperty("annualReport");
        Assert.Equal(annual.GetProperty("groupsActive").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), values["groups.active"]);
        Assert.Equal(annual.GetProperty("meetings").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), values["meetings.count"]);
        Assert.Equal(annual.GetProperty("funding").GetProperty("total").GetDouble(), double.Parse(values["funding.total"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("/reports/annual/KAP-X/2025.csv", HttpStatusCode.NotFound)]
    [InlineData("/reports/annual/KAP-H/20x5.csv", HttpStatusCode.BadRequest)]
    [InlineData("/reports/annual/KAP-H/1200.csv", HttpStatusCode.BadRequest)]
    public async Task AnnualReportCsv_UnknownUnitOrBadYear_IsAClientError(string path, HttpStatusCode expected)
    {
        await using var factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync());
        var client = await factory.CreateReadyClientAsync();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    private static void AssertReport(ViewOracle.OracleAnnual expected, JsonElement actual, int year)
    {
        Assert.Equal(year, actual.GetProperty("year").GetInt32());
        var kinds = actual.GetProperty("groupsByKind").EnumerateArray().ToDictionary(k => k.GetProperty("kind").GetString()!);
        foreach (var (kind, counts) in expected.Kinds)
        {
            var row = kinds[KindName(kind)];
            Assert.Equal(counts, (row.GetProperty("active").GetInt32(), row.GetProperty("founded").GetInt32(), row.GetProperty("dissolved").GetInt32()));
        }

        var active = expected.Kinds.Values.Sum(k => k.Active);
        Assert.Equal(active, actual.GetProperty("groupsActive").GetInt32());
        Assert.Equal(expected.Kinds.Values.Sum(k => k.Founded), actual.GetProperty("groupsFounded").GetInt32());
        Assert.Equal(expected.Kinds.Values.Sum(k => k.Dissolved), actual.GetProperty("groupsDissolved").GetInt32());
        Assert.Equal(expected.Meetings, actual.GetProperty("meetings").GetInt32());
        Assert.Equal(expected.Hours, actual.GetProperty("meetingHours").GetDouble(), 6);
        Assert.Equal(expected.Attendances, actual.GetProperty("attendances").GetInt32());
        Assert.Equal(expected.TopThemes, actual.GetProperty("topThemes").EnumerateArray().Select(t => (t.GetProperty("theme").GetProperty("code").GetString()!, t.GetProperty("meetings").GetInt32())).ToList());
        Assert.Equal($"{year}-12-31", actual.GetProperty("coverage").GetProperty("asOf").GetString());
        ViewsFixture.AssertCoverage(expected.Coverage, actual.GetProperty("coverage"), "coverage");
        var funding = actual.GetProperty("funding");
        Assert.Equal(GroupGrant, funding.GetProperty("groupGrantPerYear").GetDouble());
        Assert.Equal(AttendeeFee, funding.GetProperty("attendeeFeePerMeeting").GetDouble());
        Assert.Equal(MinimumHours, funding.GetProperty("minimumMeetingHours").GetDouble());
        Assert.Equal(expected.QualifyingMeetings, funding.GetProperty("qualifyingMeetings").GetInt32());
        Assert.Equal(expected.QualifyingAttendances, funding.GetProperty("qualifyingAttendances").GetInt32());
        Assert.Equal((GroupGrant * active) + (AttendeeFee * expected.QualifyingAttendances), funding.GetProperty("total").GetDouble());
    }

    private static string KindName(GroupKind kind) => kind switch
    {
        GroupKind.NewGp => "NEW_GP",
        _ => kind.ToString().ToUpperInvariant(),
    };
}

using System.Net;
using System.Text;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Reports;

/// <summary>The annual report of a KAP unit or a region: figures, charts, funding, print layout and CSV.</summary>
public sealed class AnnualTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Path = "/admin/reports/annual";

    [Fact]
    public async Task Annual_Choices_AreTheApisKapUnitsAndRegionsWithOstdanmarkByItsId()
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync(Path);

        var values = page.QuerySelectorAll("select#scope option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains("kap:KAP-H", values);
        Assert.Contains("region:1084", values);
        Assert.Single(values, v => v!.StartsWith("regionid:", StringComparison.Ordinal));
        Assert.Null(page.QuerySelector("#report"));
    }

    [Fact]
    public async Task Annual_KapUnit_ShowsFiguresChartsFundingAndTheApisCsv()
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?scope=kap:KAP-H&year=2025");

        Assert.Equal("KAP_UNIT", page.QuerySelector("#report")!.GetAttribute("data-scope"));
        Assert.Contains("2025", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll("table#groups tbody tr"));
        Assert.NotEmpty(page.QuerySelectorAll("svg[aria-labelledby=chart-groups-by-kind] rect"));
        Assert.NotEmpty(page.QuerySelectorAll("table#top-themes tbody tr"));
        Assert.EndsWith(" kr.", page.QuerySelector("#funding-total")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/reports/annual/KAP-H/2025.csv", page.QuerySelector("a#csv")!.GetAttribute("href"));
        Assert.Contains("selected", page.QuerySelector("option[value='kap:KAP-H']")!.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Annual_Page_PrintsAsAnA4WithoutNavigationAndForms()
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?scope=kap:KAP-H&year=2025");

        var styles = string.Concat(page.QuerySelectorAll("style").Select(s => s.TextContent));
        Assert.Contains("@media print", styles, StringComparison.Ordinal);
        Assert.Contains("size: A4; margin: 15mm", styles, StringComparison.Ordinal);
        Assert.Contains("header, footer, .no-print { display: none", styles, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".no-print form"));
    }

    [Fact]
    public async Task Annual_Region_ShowsTheRegionsReportAndTheAdminCsv()
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?scope=region:1084&year=2025");

        Assert.Equal("REGION", page.QuerySelector("#report")!.GetAttribute("data-scope"));
        Assert.Contains("Region Hovedstaden", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll("svg[aria-labelledby=chart-report-coverage] rect"));
        Assert.Equal($"{Path}?handler=Csv&scope=region%3A1084&year=2025", page.QuerySelector("a#csv")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Annual_RegionWithoutACodeByItsId_ShowsItsReportAfterTheReform()
    {
        var reader = await host.SignedInAsync(Roles.Reader);
        var choice = (await reader.PageAsync(Path)).QuerySelectorAll("select#scope option").Single(o => o.GetAttribute("value")!.StartsWith("regionid:", StringComparison.Ordinal));

        var page = await reader.PageAsync($"{Path}?scope={Uri.EscapeDataString(choice.GetAttribute("value")!)}&year=2027");

        Assert.Contains("Region Østdanmark", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith($"{Path}?handler=Csv&scope=regionid", page.QuerySelector("a#csv")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_Region_IsUtf8WithBomAndSemicolonsForDanishExcel()
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"{Path}?handler=Csv&scope=region%3A1084&year=2025", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("Afsnit;Post;Værdi", lines[0]);
        Assert.Contains("Rapport;Navn;Region Hovedstaden", lines);
        Assert.Contains(lines, l => l.StartsWith("Dækning;Dækningsgrad;0,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Csv_KapUnitLink_IsTheApisCsvWithBom()
    {
        var reader = await host.SignedInAsync(Roles.Reader);
        var page = await reader.PageAsync($"{Path}?scope=kap:MIDTKRAFT&year=2025");

        using var response = await reader.GetAsync(new Uri(page.QuerySelector("a#csv")!.GetAttribute("href")!, UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
    }

    [Theory]
    [InlineData("?scope=kap:KAP-H&year=tyve", "Year")]
    [InlineData("?scope=kap:KAP-H&year=1800", "Year")]
    [InlineData("?scope=ukendt&year=2025", "Scope")]
    [InlineData("?scope=kap:KAP-X&year=2025", "Scope")]
    [InlineData("?scope=region:1084&year=2028", "Scope")]
    [InlineData("?handler=Csv&scope=region:1084&year=2028", "Scope")]
    public async Task Annual_BadChoice_ShowsAFieldErrorAndNoReport(string query, string field)
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri(Path + query, UriKind.Relative));
        var page = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector($"[data-valmsg-for={field}]")?.TextContent));
        Assert.Null(page.QuerySelector("#report"));
    }
}

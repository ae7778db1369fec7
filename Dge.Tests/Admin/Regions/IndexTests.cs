using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Regions;

/// <summary>The regions list: past and future regions, municipalities and coverage as of a chosen day, sortable, CSV.</summary>
public sealed class IndexTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Path = "/admin/regions";

    private static List<string> Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#regions tbody tr td:first-child a").Select(a => a.TextContent).ToList();

    private static string Cell(AngleSharp.Html.Dom.IHtmlDocument page, string region, int column) =>
        page.QuerySelectorAll("#regions tbody tr").Single(tr => tr.QuerySelector("td a")?.TextContent == region).QuerySelectorAll("td")[column].TextContent;

    [Fact]
    public async Task List_ShowsEveryRegionPastAndFutureWithTheApisTotal()
    {
        var regions = (await host.DataAsync("{ regions(order: [{ name: ASC }], first: 25) { totalCount nodes { name } } }")).GetProperty("regions");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync(Path);

        Assert.Equal(regions.Strings("name"), Names(page));
        Assert.Contains("Region Østdanmark", Names(page));
        Assert.Contains($"{regions.GetProperty("totalCount").GetInt32()} i alt", page.QuerySelector(".pager p")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(["/admin/regions", "/admin/municipalities", "/admin/healthcouncils"], page.QuerySelectorAll("nav.reference-nav a").Select(a => a.GetAttribute("href")!));
    }

    [Fact]
    public async Task AsOf_TheReformDay_MovesTheMunicipalitiesToØstdanmark()
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        var before = await reader.PageAsync($"{Path}?asOf=2026-12-31");
        var after = await reader.PageAsync($"{Path}?asOf=2027-01-01");

        Assert.Equal("0", Cell(before, "Region Østdanmark", 5));
        Assert.Equal("46", Cell(after, "Region Østdanmark", 5));
        Assert.Equal("0", Cell(after, "Region Hovedstaden", 5));
        Assert.Equal(Cell(before, "Region Midtjylland", 5), Cell(after, "Region Midtjylland", 5));
        Assert.Equal("2027-01-01", after.QuerySelector("#asOf")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Status_Current_ListsTheRegionsInForceOnTheDay()
    {
        var expected = (await host.DataAsync(
            "{ regions(where: { validFrom: { lte: \"2027-01-01\" }, validTo: { nlte: \"2027-01-01\" } }, order: [{ name: ASC }]) { nodes { name } } }"))
            .GetProperty("regions").Strings("name");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?status=current&asOf=2027-01-01");

        Assert.Equal(4, expected.Count);
        Assert.Equal(expected, Names(page));
        Assert.DoesNotContain("Region Hovedstaden", Names(page));
    }

    [Fact]
    public async Task Sort_ByNameTwice_TurnsTheOrderAndAnnouncesIt()
    {
        var reader = await host.SignedInAsync(Roles.Reader);
        var ascending = await reader.PageAsync(Path);
        var toggle = ascending.QuerySelector("th[aria-sort=ascending] a")!.GetAttribute("href")!;

        var descending = await reader.PageAsync(toggle);

        Assert.Contains("sort=-name", toggle, StringComparison.Ordinal);
        Assert.Equal(Names(ascending).AsEnumerable().Reverse(), Names(descending));
        Assert.NotNull(descending.QuerySelector("th[aria-sort=descending]"));
    }

    [Fact]
    public async Task Csv_HoldsEveryRegionForDanishExcel()
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        var lines = await reader.CsvLinesAsync($"{Path}?handler=Csv&asOf=2027-01-01");

        Assert.Equal("Navn;Kode;Hjemsted;Gyldig fra;Gyldig til;Efterfølger;Dato;Kommuner;Aktive læger;Dækkede læger;Dækning;Nynedsatte;Dækkede nynedsatte;Id", lines[0]);
        Assert.Equal(6, lines.Length - 1);
        Assert.StartsWith("Region Østdanmark;;Sorø;2027-01-01;;;2027-01-01;46;", lines.Single(l => l.StartsWith("Region Østdanmark", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_Anonymous_IsSentToSignIn() => await host.AssertSignInRequiredAsync(Path);
}

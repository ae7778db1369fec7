using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Municipalities;

/// <summary>The municipalities list: search by name or code, filter by region as of a day, sortable, paged, CSV.</summary>
public sealed class IndexTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Path = "/admin/municipalities";

    private static List<string> Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#municipalities tbody tr td:nth-child(2) a").Select(a => a.TextContent).ToList();

    private async Task<string> RegionIdAsync(string name) =>
        (await host.DataAsync($"{{ regions(where: {{ name: {{ eq: \"{name}\" }} }}) {{ nodes {{ id }} }} }}")).GetProperty("regions").Strings("id")[0];

    [Fact]
    public async Task Filter_ByRegionOnADay_ListsWhatTheApiListsThatDay()
    {
        var region = await RegionIdAsync("Region Østdanmark");
        var expected = (await host.DataAsync(
            $"{{ municipalities(asOf: \"2027-01-01\", where: {{ region: {{ id: {{ eq: \"{region}\" }} }} }}, order: [{{ code: ASC }}], first: 25) {{ totalCount nodes {{ name }} }} }}"))
            .GetProperty("municipalities");
        var reader = await host.SignedInAsync(Roles.Reader);

        var today = await reader.PageAsync($"{Path}?region={Uri.EscapeDataString(region)}");
        var after = await reader.PageAsync($"{Path}?region={Uri.EscapeDataString(region)}&asOf=2027-01-01");

        Assert.Empty(Names(today));
        Assert.Equal(46, expected.GetProperty("totalCount").GetInt32());
        Assert.Equal(expected.Strings("name"), Names(after));
        Assert.Contains("46 i alt", after.QuerySelector(".pager p")?.TextContent, StringComparison.Ordinal);
        Assert.All(after.QuerySelectorAll("#municipalities tbody tr td:nth-child(3)"), td => Assert.Equal("Region Østdanmark", td.TextContent.Trim()));
    }

    [Theory]
    [InlineData("101", "København")]
    [InlineData("købe", "København")]
    [InlineData("AARHUS", "Aarhus")]
    public async Task Search_ByCodeOrNameInAnyCase_FindsTheMunicipality(string q, string name)
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?q={Uri.EscapeDataString(q)}");

        Assert.Contains(name, Names(page));
    }

    [Fact]
    public async Task Sort_ByRegion_FollowsTheApiAndPagesKeepIt()
    {
        var expected = (await host.DataAsync("{ municipalities(order: [{ region: { name: DESC } }], first: 25) { nodes { name } } }")).GetProperty("municipalities").Strings("name");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?sort=-region");
        var next = await reader.PageAsync(page.QuerySelector("a[rel=next]")!.GetAttribute("href")!);

        Assert.Equal(expected, Names(page));
        Assert.Equal("descending", page.QuerySelector("th[aria-sort]")?.GetAttribute("aria-sort"));
        Assert.Equal(25, Names(next).Count);
        Assert.Empty(Names(page).Intersect(Names(next)));
        Assert.Contains("sort=-region", next.QuerySelector("a[rel=prev]")?.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_HoldsAllNinetyEightForDanishExcel()
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        var lines = await reader.CsvLinesAsync($"{Path}?handler=Csv");

        Assert.Equal("Kode;Navn;Region;Sundhedsråd;Dato;Klinikker;Aktive læger;Dækkede læger;Dækning;Id", lines[0]);
        Assert.Equal(98, lines.Length - 1);
        Assert.StartsWith("0101;København;Region Hovedstaden;", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_Anonymous_IsSentToSignIn() => await host.AssertSignInRequiredAsync(Path);
}

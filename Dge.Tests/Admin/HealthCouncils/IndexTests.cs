using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.HealthCouncils;

/// <summary>The health councils list: filter by region, sortable, coverage on a day, CSV.</summary>
public sealed class IndexTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Path = "/admin/healthcouncils";

    private static List<string> Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#health-councils tbody tr td:first-child a").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task List_ShowsTheSeventeenCouncilsAndFiltersByRegion()
    {
        var region = (await host.DataAsync("{ regions(where: { name: { eq: \"Region Nordjylland\" } }) { nodes { id } } }")).GetProperty("regions").Strings("id")[0];
        var expected = (await host.DataAsync($"{{ healthCouncils(where: {{ region: {{ id: {{ eq: \"{region}\" }} }} }}, order: [{{ name: ASC }}]) {{ nodes {{ name }} }} }}"))
            .GetProperty("healthCouncils").Strings("name");
        var reader = await host.SignedInAsync(Roles.Reader);

        var all = await reader.PageAsync(Path);
        var filtered = await reader.PageAsync($"{Path}?region={Uri.EscapeDataString(region)}");

        Assert.Equal(17, Names(all).Count);
        Assert.Equal(2, expected.Count);
        Assert.Equal(expected, Names(filtered));
        Assert.Equal("healthcouncils", all.QuerySelector("nav.reference-nav a[aria-current=page]")?.GetAttribute("href")?.Split('/')[^1]);
    }

    [Fact]
    public async Task Sort_ByRegionDescending_FollowsTheApi()
    {
        var expected = (await host.DataAsync("{ healthCouncils(order: [{ region: { name: DESC } }], first: 25) { nodes { name } } }")).GetProperty("healthCouncils").Strings("name");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?sort=-region");

        Assert.Equal(expected, Names(page));
    }

    [Fact]
    public async Task Csv_HoldsEveryCouncilForDanishExcel()
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        var lines = await reader.CsvLinesAsync($"{Path}?handler=Csv");

        Assert.Equal("Navn;Nøgle;Region;I kraft fra;Kommuner;Dato;Aktive læger;Dækkede læger;Dækning;Id", lines[0]);
        Assert.Equal(17, lines.Length - 1);
    }

    [Fact]
    public async Task Page_Anonymous_IsSentToSignIn() => await host.AssertSignInRequiredAsync(Path);
}

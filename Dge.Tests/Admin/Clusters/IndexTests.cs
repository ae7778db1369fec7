using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Clusters;

/// <summary>The clusters list: search, filters by region, municipality and KAP unit, sortable, paged, CSV; the create button for editors.</summary>
public sealed class IndexTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Path = "/admin/clusters";

    private static List<string> Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#clusters tbody tr td:first-child a").Select(a => a.TextContent).ToList();

    private async Task<(int Total, List<string> Names)> ApiAsync(string where, string order = "{ name: ASC }")
    {
        var clusters = (await host.DataAsync($"{{ qualityClusters(where: {where}, order: [{order}], first: 25) {{ totalCount nodes {{ name }} }} }}")).GetProperty("qualityClusters");
        return (clusters.GetProperty("totalCount").GetInt32(), clusters.Strings("name"));
    }

    [Fact]
    public async Task Filter_ByRegion_ListsWhatTheApiListsWithItsTotal()
    {
        var (regionId, _, _) = await host.RegionAsync();
        var expected = await ApiAsync($"{{ region: {{ id: {{ eq: \"{regionId}\" }} }} }}");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?region={Uri.EscapeDataString(regionId)}");

        Assert.True(expected.Total > 0);
        Assert.Equal(expected.Names, Names(page));
        Assert.Contains($"{expected.Total} i alt", page.QuerySelector(".pager p")?.TextContent, StringComparison.Ordinal);
        Assert.All(page.QuerySelectorAll("#clusters tbody tr td:nth-child(2)"), td => Assert.Equal(ClusterData.Region, td.TextContent));
    }

    [Fact]
    public async Task Filter_ByMunicipalityCode_ListsTheClustersServingIt()
    {
        var expected = await ApiAsync("{ municipality: { code: { eq: \"0101\" } } }");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?municipality=0101");

        Assert.NotEmpty(expected.Names);
        Assert.Equal(expected.Names, Names(page));
        Assert.All(page.QuerySelectorAll("#clusters tbody tr td:nth-child(3)"), td => Assert.Equal("København", td.TextContent));
    }

    [Fact]
    public async Task Filter_ByKapUnit_ListsTheClustersOfItsRegion()
    {
        var unit = (await host.DataAsync($"{{ kapUnits(where: {{ region: {{ name: {{ eq: \"{ClusterData.Region}\" }} }} }}) {{ nodes {{ code }} }} }}")).GetProperty("kapUnits").Strings("code")[0];
        var expected = await ApiAsync($"{{ region: {{ name: {{ eq: \"{ClusterData.Region}\" }} }} }}");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?kapUnit={Uri.EscapeDataString(unit)}");

        Assert.Equal(expected.Names, Names(page));
    }

    [Fact]
    public async Task Search_InLowerCase_FindsTheCluster()
    {
        var first = (await ApiAsync("{ }")).Names[0];
        var word = first.Split(' ')[^1];
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?q={Uri.EscapeDataString(word.ToLowerInvariant())}");

        Assert.Contains(first, Names(page));
    }

    [Fact]
    public async Task Sort_ByMunicipalityDescending_FollowsTheApiAndPagesKeepIt()
    {
        var expected = await ApiAsync("{ }", "{ municipality: { name: DESC } }");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?sort=-municipality");
        var next = await reader.PageAsync(page.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        var back = await reader.PageAsync(next.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);

        Assert.Equal(expected.Names, Names(page));
        Assert.Empty(Names(page).Intersect(Names(next)));
        Assert.Equal(Names(page), Names(back));
    }

    [Fact]
    public async Task Csv_HoldsEveryFilteredClusterForDanishExcel()
    {
        var (regionId, _, _) = await host.RegionAsync();
        var expected = await ApiAsync($"{{ region: {{ id: {{ eq: \"{regionId}\" }} }} }}");
        var reader = await host.SignedInAsync(Roles.Reader);

        var lines = await reader.CsvLinesAsync($"{Path}?handler=Csv&region={Uri.EscapeDataString(regionId)}");

        Assert.Equal("Navn;Region;Kommunekode;Kommune;Klinikker;Klyngepakker i brug;Aktive læger;Dækkede læger;Dækning;Id", lines[0]);
        Assert.Equal(expected.Total, lines.Length - 1);
    }

    [Theory]
    [InlineData(Roles.Reader, false)]
    [InlineData(Roles.Editor, true)]
    public async Task NewClusterButton_ShownToEditorsOnly(string role, bool shown)
    {
        var client = await host.SignedInAsync(role);

        var page = await client.PageAsync(Path);

        Assert.Equal(shown, page.QuerySelector("a[href='/admin/clusters/create']") is not null);
    }

    [Fact]
    public async Task Page_Anonymous_IsSentToSignIn() => await host.AssertSignInRequiredAsync(Path);
}

using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.Admin.Materials;

/// <summary>The materials list: search title and publisher, kind, theme and status filters, sortable columns, paging, CSV.</summary>
public sealed class IndexTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Path = "/admin/materials";

    /// <summary>The API's own answer for a filter: the total and the first page's titles in the given order.</summary>
    private async Task<(int Total, List<string> Titles)> ApiAsync(string where, string order = "{ title: ASC }")
    {
        using var reader = await host.WithKeyAsync(Roles.Reader);
        using var response = await reader.SendAsync(PostQuery($"{{ learningMaterials(where: {where}, order: [{order}], first: 25) {{ totalCount nodes {{ title }} }} }}"));
        var materials = (await JsonAsync(response)).GetProperty("data").GetProperty("learningMaterials");
        return (materials.GetProperty("totalCount").GetInt32(), materials.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("title").GetString()!).ToList());
    }

    private async Task<string> SomeThemeCodeAsync()
    {
        using var reader = await host.WithKeyAsync(Roles.Reader);
        using var response = await reader.SendAsync(PostQuery("{ themes(first: 1, where: { materials: { any: true } }, order: [{ code: ASC }]) { nodes { code } } }"));
        return (await JsonAsync(response)).GetProperty("data").GetProperty("themes").GetProperty("nodes")[0].GetProperty("code").GetString()!;
    }

    private static List<string> Titles(IHtmlDocument page) =>
        page.QuerySelectorAll("#materials tbody tr td:first-child").Select(td => td.TextContent).ToList();

    [Fact]
    public async Task Filters_ByKindThemeAndStatusAll_ListWhatTheApiListsWithItsTotal()
    {
        var code = await SomeThemeCodeAsync();
        var expected = await ApiAsync($"{{ kind: {{ eq: MODULE }}, themes: {{ some: {{ code: {{ eq: \"{code}\" }} }} }} }}");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?kind=MODULE&theme={code}&status=all");

        Assert.True(expected.Total > 0);
        Assert.Equal(expected.Titles, Titles(page));
        Assert.Contains($"{expected.Total} i alt", page.QuerySelector(".pager p")?.TextContent.Replace(".", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(page.QuerySelectorAll("#materials tbody tr td:nth-child(2)"), td => Assert.Equal("DGE-modul", td.TextContent));
        Assert.All(page.QuerySelectorAll("#materials tbody tr td:nth-child(6)"), td => Assert.Contains(code, td.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_Retired_ListsOnlyMaterialsRetiredByToday()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var expected = await ApiAsync($"{{ retiredOn: {{ lte: \"{today}\" }} }}");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?status=retired");

        Assert.Equal(expected.Titles, Titles(page));
        Assert.All(page.QuerySelectorAll("#materials tbody tr td:nth-child(5)"), td => Assert.False(string.IsNullOrEmpty(td.TextContent)));
    }

    [Fact]
    public async Task Search_Publisher_FindsItsMaterials()
    {
        var expected = await ApiAsync("{ or: [{ title: { contains: \"DSAM\" } }, { publisher: { contains: \"DSAM\" } }, { title: { contains: \"dsam\" } }, { publisher: { contains: \"dsam\" } }, { title: { contains: \"Dsam\" } }, { publisher: { contains: \"Dsam\" } }] }");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?q=dsam&status=all");

        Assert.True(expected.Total > 0);
        Assert.Equal(expected.Titles, Titles(page));
    }

    [Fact]
    public async Task Sort_ByPublishedTwice_TurnsTheOrder()
    {
        var reader = await host.SignedInAsync(Roles.Reader);
        var first = await reader.PageAsync($"{Path}?status=all&sort=published");
        var toggle = first.QuerySelector("th[aria-sort=ascending] a")!.GetAttribute("href")!;

        var descending = await reader.PageAsync(toggle);

        Assert.Contains("sort=-published", toggle, StringComparison.Ordinal);
        var dates = descending.QuerySelectorAll("#materials tbody tr td:nth-child(4)").Select(td => td.TextContent).ToList();
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
        Assert.NotNull(descending.QuerySelector("th[aria-sort=descending]"));
    }

    [Fact]
    public async Task Paging_NextAndPrevious_WalkThePagesKeepingTheFilter()
    {
        var reader = await host.SignedInAsync(Roles.Reader);
        var first = await reader.PageAsync($"{Path}?status=all&kind=MODULE");

        var second = await reader.PageAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        var back = await reader.PageAsync(second.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);

        Assert.Equal(25, Titles(second).Count);
        Assert.Equal(Titles(first), Titles(back));
        Assert.All(second.QuerySelectorAll("#materials tbody tr td:nth-child(2)"), td => Assert.Equal("DGE-modul", td.TextContent));
    }

    [Fact]
    public async Task Csv_HoldsEveryFilteredRowForDanishExcel()
    {
        var code = await SomeThemeCodeAsync();
        var expected = await ApiAsync($"{{ themes: {{ some: {{ code: {{ eq: \"{code}\" }} }} }} }}");
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"{Path}?handler=Csv&theme={code}&status=all", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var lines = Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("Titel;Type;Udgiver;Udgivet;Udgået;Emner;Møder;Link;Id", lines[0]);
        Assert.Equal(expected.Total, lines.Length - 1);
    }

    [Theory]
    [InlineData(Roles.Reader, false)]
    [InlineData(Roles.Editor, true)]
    public async Task NewMaterialButton_ShownToEditorsOnly(string role, bool shown)
    {
        var client = await host.SignedInAsync(role);

        var page = await client.PageAsync(Path);

        Assert.Equal(shown, page.QuerySelector("a[href='/admin/materials/create']") is not null);
    }

    [Fact]
    public async Task Page_Anonymous_IsSentToSignIn()
    {
        using var client = host.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/admin/account/signin", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}

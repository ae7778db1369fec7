using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.Admin.Themes;

/// <summary>The themes list: search code and names, the category filter, sortable columns, paging with the total, CSV.</summary>
public sealed class IndexTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Path = "/admin/themes";

    /// <summary>The API's own answer for a filter: the total and the first page's codes in the given order.</summary>
    private async Task<(int Total, List<string> Codes, string FirstCategory)> ApiAsync(string where, string order = "{ code: ASC }")
    {
        using var reader = await host.WithKeyAsync(Roles.Reader);
        using var response = await reader.SendAsync(PostQuery($"{{ themes(where: {where}, order: [{order}], first: 25) {{ totalCount nodes {{ code category }} }} }}"));
        var themes = (await JsonAsync(response)).GetProperty("data").GetProperty("themes");
        var nodes = themes.GetProperty("nodes").EnumerateArray().ToList();
        return (themes.GetProperty("totalCount").GetInt32(), nodes.Select(n => n.GetProperty("code").GetString()!).ToList(), nodes.FirstOrDefault().ValueKind == System.Text.Json.JsonValueKind.Object ? nodes[0].GetProperty("category").GetString()! : "");
    }

    private static List<string> Codes(IHtmlDocument page) =>
        page.QuerySelectorAll("#themes tbody tr td:first-child").Select(td => td.TextContent).ToList();

    [Fact]
    public async Task Filter_ByCategory_ListsWhatTheApiListsWithItsTotal()
    {
        var category = (await ApiAsync("{ }")).FirstCategory;
        var expected = await ApiAsync($"{{ category: {{ eq: \"{category}\" }} }}");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?category={Uri.EscapeDataString(category)}");

        Assert.True(expected.Total > 0);
        Assert.Equal(expected.Codes, Codes(page));
        Assert.Contains($"{expected.Total} i alt", page.QuerySelector(".pager p")?.TextContent, StringComparison.Ordinal);
        Assert.All(page.QuerySelectorAll("#themes tbody tr td:nth-child(4)"), td => Assert.Equal(category, td.TextContent));
        Assert.Equal(category, ((IHtmlSelectElement)page.QuerySelector("#category")!).Value);
    }

    [Fact]
    public async Task Search_LowerCaseCode_FindsTheThemeByCodeOrName()
    {
        var code = (await ApiAsync("{ }")).Codes[0];
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?q={Uri.EscapeDataString(code.ToLowerInvariant())}");

        Assert.Contains(code, Codes(page));
    }

    [Fact]
    public async Task Sort_ByCodeTwice_TurnsTheOrderAndAnnouncesIt()
    {
        var expected = await ApiAsync("{ }", "{ code: DESC }");
        var reader = await host.SignedInAsync(Roles.Reader);
        var ascending = await reader.PageAsync(Path);
        var toggle = ascending.QuerySelector("th[aria-sort=ascending] a")!.GetAttribute("href")!;

        var descending = await reader.PageAsync(toggle);

        Assert.Contains("sort=-code", toggle, StringComparison.Ordinal);
        Assert.Equal(expected.Codes, Codes(descending));
        Assert.NotNull(descending.QuerySelector("th[aria-sort=descending]"));
    }

    [Fact]
    public async Task Paging_NextAndPrevious_WalkThePages()
    {
        var total = (await ApiAsync("{ }")).Total;
        var reader = await host.SignedInAsync(Roles.Reader);
        var first = await reader.PageAsync(Path);

        var second = await reader.PageAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        var back = await reader.PageAsync(second.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);

        Assert.Equal(25, Codes(first).Count);
        Assert.Equal(Math.Min(25, total - 25), Codes(second).Count);
        Assert.Empty(Codes(first).Intersect(Codes(second)));
        Assert.Equal(Codes(first), Codes(back));
    }

    [Fact]
    public async Task Csv_HoldsEveryFilteredRowForDanishExcel()
    {
        var expected = await ApiAsync("{ }");
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"{Path}?handler=Csv", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var lines = Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("Kode;Dansk navn;Engelsk navn;Kategori;Materialer;Møder;Id", lines[0]);
        Assert.Equal(expected.Total, lines.Length - 1);
    }

    [Theory]
    [InlineData(Roles.Reader, false)]
    [InlineData(Roles.Editor, true)]
    public async Task NewThemeButton_ShownToEditorsOnly(string role, bool shown)
    {
        var client = await host.SignedInAsync(role);

        var page = await client.PageAsync(Path);

        Assert.Equal(shown, page.QuerySelector("a[href='/admin/themes/create']") is not null);
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

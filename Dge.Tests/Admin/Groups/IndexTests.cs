using System.Net;
using System.Text;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.Admin.Groups;

/// <summary>The groups list: search and filters as form fields, sortable columns, paging with the total, CSV for Excel.</summary>
public sealed class IndexTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Path = "/admin/groups";

    /// <summary>The API's own answer for a filter: the total and the first page's names in the given order.</summary>
    private async Task<(int Total, List<string> Names)> ApiAsync(string where, string order = "{ name: ASC }")
    {
        using var reader = await host.WithKeyAsync(Roles.Reader);
        using var response = await reader.SendAsync(PostQuery($"{{ groups(where: {where}, order: [{order}], first: 25) {{ totalCount nodes {{ name }} }} }}"));
        var groups = (await JsonAsync(response)).GetProperty("data").GetProperty("groups");
        return (groups.GetProperty("totalCount").GetInt32(), groups.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()!).ToList());
    }

    private async Task<string> SomeKapUnitCodeAsync()
    {
        using var reader = await host.WithKeyAsync(Roles.Reader);
        using var response = await reader.SendAsync(PostQuery("{ kapUnits(first: 1, order: [{ name: ASC }]) { nodes { code } } }"));
        return (await JsonAsync(response)).GetProperty("data").GetProperty("kapUnits").GetProperty("nodes")[0].GetProperty("code").GetString()!;
    }

    private static List<string> Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#groups tbody tr td:first-child").Select(td => td.TextContent).ToList();

    [Fact]
    public async Task Filters_ByKapUnitKindAndStatus_ListWhatTheApiListsWithItsTotal()
    {
        var code = await SomeKapUnitCodeAsync();
        var expected = await ApiAsync($"{{ kapUnit: {{ code: {{ eq: \"{code}\" }} }}, kind: {{ eq: DGE }} }}");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?kapUnit={code}&kind=DGE&status=all");

        Assert.True(expected.Total > 0);
        Assert.Equal(expected.Names, Names(page));
        Assert.Contains($"{expected.Total} i alt", page.QuerySelector(".pager p")?.TextContent.Replace(".", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(page.QuerySelectorAll("#groups tbody tr td:nth-child(2)"), td => Assert.Equal("DGE-gruppe", td.TextContent));
    }

    [Fact]
    public async Task Search_IgnoresCaseOfTheFirstLetter()
    {
        var first = (await ApiAsync("{ }")).Names[0];
        var word = first.Split(' ')[0];
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?q={Uri.EscapeDataString(word.ToLowerInvariant())}&status=all");

        Assert.Contains(first, Names(page));
        Assert.All(Names(page), name => Assert.Contains(word.ToLowerInvariant(), name.ToLowerInvariant(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sort_ByNameTwice_TurnsTheOrderAndAnnouncesIt()
    {
        var expected = await ApiAsync("{ }", "{ name: DESC }");
        var reader = await host.SignedInAsync(Roles.Reader);
        var ascending = await reader.PageAsync($"{Path}?status=all");
        var toggle = ascending.QuerySelector("th[aria-sort=ascending] a")!.GetAttribute("href")!;

        var descending = await reader.PageAsync(toggle);

        Assert.Contains("sort=-name", toggle, StringComparison.Ordinal);
        Assert.Equal(expected.Names, Names(descending));
        Assert.NotNull(descending.QuerySelector("th[aria-sort=descending]"));
    }

    [Fact]
    public async Task Paging_NextAndPrevious_WalkThePagesKeepingTheFilter()
    {
        var reader = await host.SignedInAsync(Roles.Reader);
        var first = await reader.PageAsync($"{Path}?status=all&kind=DGE");

        var second = await reader.PageAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        var back = await reader.PageAsync(second.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);

        Assert.Equal(25, Names(second).Count);
        Assert.Empty(Names(first).Intersect(Names(second)));
        Assert.Equal(Names(first), Names(back));
        Assert.All(second.QuerySelectorAll("#groups tbody tr td:nth-child(2)"), td => Assert.Equal("DGE-gruppe", td.TextContent));
    }

    [Fact]
    public async Task Csv_HoldsEveryFilteredRowForDanishExcel()
    {
        var code = await SomeKapUnitCodeAsync();
        var expected = await ApiAsync($"{{ kapUnit: {{ code: {{ eq: \"{code}\" }} }} }}");
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"{Path}?handler=Csv&kapUnit={code}&status=all", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var lines = Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("Navn;Type;KAP-enhed;Stiftet;Opløst;Medlemmer;Vejleder;Id", lines[0]);
        Assert.Equal(expected.Total, lines.Length - 1);
    }

    [Theory]
    [InlineData(Roles.Reader, false)]
    [InlineData(Roles.Editor, true)]
    public async Task NewGroupButton_ShownToEditorsOnly(string role, bool shown)
    {
        var client = await host.SignedInAsync(role);

        var page = await client.PageAsync(Path);

        Assert.Equal(shown, page.QuerySelector("a[href='/admin/groups/create']") is not null);
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

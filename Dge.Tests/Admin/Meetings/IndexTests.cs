using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.Admin.Meetings;

/// <summary>The meetings list: group (from the group's page), KAP unit and date filters, sortable columns, paging, CSV.</summary>
public sealed class IndexTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Path = "/admin/meetings";

    /// <summary>The API's own answer for a filter: the total and the first page's meeting ids in the given order.</summary>
    private async Task<(int Total, List<string> Ids)> ApiAsync(string where, string order = "{ date: DESC }")
    {
        using var reader = await host.WithKeyAsync(Roles.Reader);
        using var response = await reader.SendAsync(PostQuery($"{{ meetings(where: {where}, order: [{order}], first: 25) {{ totalCount nodes {{ id }} }} }}"));
        var meetings = (await JsonAsync(response)).GetProperty("data").GetProperty("meetings");
        return (meetings.GetProperty("totalCount").GetInt32(), meetings.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).ToList());
    }

    private async Task<(string Id, string Name, string KapUnitCode)> SomeGroupAsync()
    {
        using var reader = await host.WithKeyAsync(Roles.Reader);
        using var response = await reader.SendAsync(PostQuery("{ groups(first: 1, where: { meetings: { any: true } }, order: [{ name: ASC }]) { nodes { id name kapUnit { code } } } }"));
        var group = (await JsonAsync(response)).GetProperty("data").GetProperty("groups").GetProperty("nodes")[0];
        return (group.GetProperty("id").GetString()!, group.GetProperty("name").GetString()!, group.GetProperty("kapUnit").GetProperty("code").GetString()!);
    }

    /// <summary>The latest meeting's day and the day 90 days before it, as the date fields write them.</summary>
    private async Task<(string To, string From)> WindowAsync()
    {
        using var reader = await host.WithKeyAsync(Roles.Reader);
        using var response = await reader.SendAsync(PostQuery("{ meetings(first: 1, order: [{ date: DESC }]) { nodes { date } } }"));
        var latest = DateOnly.Parse((await JsonAsync(response)).GetProperty("data").GetProperty("meetings").GetProperty("nodes")[0].GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        return (latest.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), latest.AddDays(-90).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static List<string> Ids(IHtmlDocument page) =>
        page.QuerySelectorAll("#meetings tbody tr td:first-child a").Select(a => Uri.UnescapeDataString(a.GetAttribute("href")!["/admin/meetings/".Length..])).ToList();

    [Fact]
    public async Task Filter_ByGroup_ListsItsMeetingsAndNamesTheGroup()
    {
        var group = await SomeGroupAsync();
        var expected = await ApiAsync($"{{ group: {{ id: {{ eq: \"{group.Id}\" }} }} }}");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?group={Uri.EscapeDataString(group.Id)}");

        Assert.True(expected.Total > 0);
        Assert.Equal(expected.Ids, Ids(page));
        Assert.Equal(group.Name, page.QuerySelector("#group-filter a[href^='/admin/groups/']")?.TextContent);
        Assert.Contains($"{expected.Total} i alt", page.QuerySelector(".pager p")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(group.Id, page.QuerySelector("form[role=search] input[name=group]")?.GetAttribute("value"));
        Assert.All(page.QuerySelectorAll("#meetings tbody tr td:nth-child(2)"), td => Assert.Equal(group.Name, td.TextContent));
    }

    [Fact]
    public async Task Filter_ByKapUnitAndDates_ListsWhatTheApiListsWithItsTotal()
    {
        var group = await SomeGroupAsync();
        var (to, from) = await WindowAsync();
        var expected = await ApiAsync($"{{ group: {{ kapUnit: {{ code: {{ eq: \"{group.KapUnitCode}\" }} }} }}, date: {{ gte: \"{from}\", lte: \"{to}\" }} }}");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?kapUnit={group.KapUnitCode}&from={from}&to={to}");

        Assert.True(expected.Total > 0);
        Assert.Equal(expected.Ids, Ids(page));
        Assert.Contains($"{expected.Total} i alt", page.QuerySelector(".pager p")?.TextContent.Replace(".", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(page.QuerySelectorAll("#meetings tbody tr td:first-child a"), a => Assert.InRange(a.TextContent, from, to));
    }

    [Fact]
    public async Task Sort_NewestFirstByDefault_ThenByDurationBothWays()
    {
        var expected = await ApiAsync("{ }", "{ durationHours: DESC }");
        var reader = await host.SignedInAsync(Roles.Reader);
        var newest = await reader.PageAsync(Path);
        var ascending = await reader.PageAsync($"{Path}?sort=duration");

        var descending = await reader.PageAsync(ascending.QuerySelector("th[aria-sort=ascending] a")!.GetAttribute("href")!);

        Assert.NotNull(newest.QuerySelector("th[aria-sort=descending] a[href*='sort=date']"));
        var dates = newest.QuerySelectorAll("#meetings tbody tr td:first-child").Select(td => td.TextContent).ToList();
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
        Assert.Equal(expected.Ids, Ids(descending));
    }

    [Fact]
    public async Task Paging_NextAndPrevious_WalkThePagesKeepingTheFilter()
    {
        var group = await SomeGroupAsync();
        var reader = await host.SignedInAsync(Roles.Reader);
        var first = await reader.PageAsync($"{Path}?kapUnit={group.KapUnitCode}");

        var second = await reader.PageAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        var back = await reader.PageAsync(second.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);

        Assert.Equal(25, Ids(second).Count);
        Assert.Empty(Ids(first).Intersect(Ids(second)));
        Assert.Equal(Ids(first), Ids(back));
        Assert.Contains($"kapUnit={group.KapUnitCode}", second.QuerySelector("a[rel=next]")?.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_HoldsEveryFilteredRowForDanishExcel()
    {
        var group = await SomeGroupAsync();
        var expected = await ApiAsync($"{{ group: {{ id: {{ eq: \"{group.Id}\" }} }} }}");
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"{Path}?handler=Csv&group={Uri.EscapeDataString(group.Id)}", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var lines = Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("Dato;Gruppe;KAP-enhed;Timer;Deltagere;Emner;Id", lines[0]);
        Assert.Equal(expected.Total, lines.Length - 1);
        Assert.All(lines.Skip(1), line => Assert.Contains(group.Name, line, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Roles.Reader, false)]
    [InlineData(Roles.Editor, true)]
    public async Task RecordButton_ShownToEditorsOnly(string role, bool shown)
    {
        var client = await host.SignedInAsync(role);

        var page = await client.PageAsync(Path);

        Assert.Equal(shown, page.QuerySelector("a[href='/admin/meetings/record']") is not null);
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

using System.Net;
using AngleSharp.Html.Dom;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.Admin.Clusters;

/// <summary>A cluster's page: facts, alignment, themes, uncovered doctors with one-click adds, and the admins' history.</summary>
public sealed class DetailsTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Day = "2026-11-01";

    /// <summary>The page of the <paramref name="rank"/>th weakest cluster on <see cref="Day"/>, as the landing page links it (with its date).</summary>
    private static async Task<string> WeakestClusterPathAsync(HttpClient client, int rank)
    {
        var home = await client.PageAsync($"/admin?asOf={Day}");
        return home.QuerySelectorAll("table#weakest-clusters tbody tr a")[rank].GetAttribute("href")!;
    }

    private static Task<HttpResponseMessage> AddAsync(HttpClient client, IHtmlDocument page, string path, string doctorId, string groupId) =>
        client.PostFormAsync(page, path.Replace("?", "?handler=Add&", StringComparison.Ordinal), [new("doctorId", doctorId), new("groupId", groupId)]);

    /// <summary>The ids of the groups the doctor is a member of on <see cref="Day"/>, read through GraphQL.</summary>
    private static async Task<List<string>> GroupsOfAsync(HttpClient client, string doctorId)
    {
        var query = $$"""{ node(id: "{{doctorId}}") { ... on Doctor { groups(asOf: "{{Day}}", first: 50) { nodes { id } } } } }""";
        using var response = await client.SendAsync(PostQuery(query));
        var json = await JsonAsync(response);
        return [.. json.GetProperty("data").GetProperty("node").GetProperty("groups").GetProperty("nodes").EnumerateArray().Select(g => g.GetProperty("id").GetString()!)];
    }

    [Theory]
    [InlineData("UXVhbGl0eUNsdXN0ZXI6OTk5OTk5")]
    [InlineData("ikke-et-id")]
    [InlineData("UmVnaW9uOjE=")]
    public async Task Details_UnknownId_Answers404WithAPage(string id)
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"/admin/clusters/{id}", UriKind.Relative));
        var page = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull(page.QuerySelector("#not-found"));
    }

    [Fact]
    public async Task Details_Reader_SeesFactsAlignmentGroupsThemesAndSuggestionsButNoAddButtonsOrHistory()
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync(await WeakestClusterPathAsync(reader, 0));

        Assert.StartsWith("Klynge ", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("KAP", page.QuerySelector("#facts .kap-unit")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, page.QuerySelectorAll("table#alignment tbody tr").Length);
        Assert.Equal(3, page.QuerySelectorAll("svg[aria-labelledby=chart-alignment] rect").Length);
        Assert.NotEmpty(page.QuerySelectorAll("table#groups tbody tr .share-text"));
        Assert.NotNull(page.QuerySelector("#themes"));
        Assert.NotEmpty(page.QuerySelectorAll("table#uncovered ol.suggestions li"));
        Assert.Empty(page.QuerySelectorAll("button.add-member"));
        Assert.Null(page.QuerySelector("table#history"));
    }

    [Fact]
    public async Task Details_Admin_SeesTheHistory()
    {
        var admin = await host.SignedInAsync(Roles.Admin);
        var path = await WeakestClusterPathAsync(admin, 3);

        var page = await admin.PageAsync(path);

        Assert.Contains(page.QuerySelectorAll("h2"), h => h.TextContent == "Ændringer");
        Assert.NotNull(page.QuerySelector("a[href^='/admin/audit?entityId=']"));
    }

    [Fact]
    public async Task Details_BadAsOf_ShowsAFieldError()
    {
        var reader = await host.SignedInAsync(Roles.Reader);
        var path = (await WeakestClusterPathAsync(reader, 0)).Split('?')[0];

        using var response = await reader.GetAsync(new Uri($"{path}?asOf=2026-99-01", UriKind.Relative));
        var page = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-valmsg-for=AsOf]")?.TextContent));
    }

    [Fact]
    public async Task Add_Reader_Answers403AndChangesNothing()
    {
        var reader = await host.SignedInAsync(Roles.Reader);
        var path = await WeakestClusterPathAsync(reader, 2);
        var page = await reader.PageAsync(path);
        var row = page.QuerySelector("table#uncovered tbody tr")!;
        var doctorId = row.GetAttribute("data-doctor")!;
        var groupId = page.QuerySelector("table#groups tbody tr")!.GetAttribute("data-group")!;

        using var response = await AddAsync(reader, page, path, doctorId, groupId);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(groupId, await GroupsOfAsync(reader, doctorId));
    }

    [Fact]
    public async Task Add_EditorClicksASuggestion_AddsTheMembershipAndSaysWhoJoinedWhich()
    {
        var editor = await host.SignedInAsync(Roles.Editor);
        var path = await WeakestClusterPathAsync(editor, 1);
        var page = await editor.PageAsync(path);
        var form = page.QuerySelector("table#uncovered form")!;
        var doctorId = form.QuerySelector("input[name=doctorId]")!.GetAttribute("value")!;
        var groupId = form.QuerySelector("input[name=groupId]")!.GetAttribute("value")!;
        var groupName = form.QuerySelector("button")!.TextContent["Tilføj til ".Length..];
        var doctorName = form.Closest("tr")!.QuerySelector("td")!.TextContent.Replace(" (nynedsat)", "", StringComparison.Ordinal);

        using var response = await editor.PostFormAsync(page, form.GetAttribute("action")!, [new("doctorId", doctorId), new("groupId", groupId)]);
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{doctorName} er tilføjet til {groupName} fra {Day}.", result.QuerySelector("p.status")!.TextContent);
        Assert.Contains(groupId, await GroupsOfAsync(editor, doctorId));
        Assert.Null(result.QuerySelector($"table#uncovered tr[data-doctor='{doctorId}']"));
    }

    [Fact]
    public async Task Add_OverTheGroupsNorm_ShowsTheWarningButAdds()
    {
        var editor = await host.SignedInAsync(Roles.Editor);
        var path = await WeakestClusterPathAsync(editor, 0);
        var page = await editor.PageAsync(path);
        var group = page.QuerySelectorAll("table#uncovered ol.suggestions li").First(li => li.TextContent.Contains(" 1 ledige pladser", StringComparison.Ordinal));
        var groupId = group.QuerySelector("input[name=groupId]")!.GetAttribute("value")!;
        var doctors = page.QuerySelectorAll("table#uncovered tbody tr").Select(r => r.GetAttribute("data-doctor")!).Take(2).ToList();

        using (var first = await AddAsync(editor, page, path, doctors[0], groupId))
        {
            Assert.Null((await first.DocumentAsync()).QuerySelector("#warnings"));
        }

        using var second = await AddAsync(editor, await editor.PageAsync(path), path, doctors[1], groupId);
        var result = await second.DocumentAsync();

        Assert.Contains("13 members", result.QuerySelector("#warnings")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(result.QuerySelector("p.status"));
        Assert.Contains(groupId, await GroupsOfAsync(editor, doctors[1]));
    }

    [Fact]
    public async Task Add_RefusedByTheApi_ShowsItsErrorAndAddsNothing()
    {
        var editor = await host.SignedInAsync(Roles.Editor);
        var path = (await WeakestClusterPathAsync(editor, 4)).Replace($"asOf={Day}", "asOf=1950-01-01", StringComparison.Ordinal);
        var page = await editor.PageAsync(path);
        var current = await editor.PageAsync(path.Replace("asOf=1950-01-01", $"asOf={Day}", StringComparison.Ordinal));
        var form = current.QuerySelector("table#uncovered form")!;
        var doctorId = form.QuerySelector("input[name=doctorId]")!.GetAttribute("value")!;
        var groupId = form.QuerySelector("input[name=groupId]")!.GetAttribute("value")!;

        using var response = await AddAsync(editor, page, path, doctorId, groupId);
        var result = await response.DocumentAsync();

        Assert.StartsWith("Lægen blev ikke tilføjet: ", result.QuerySelector("p.error[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Null(result.QuerySelector("p.status"));
        Assert.DoesNotContain(groupId, await GroupsOfAsync(editor, doctorId));
    }
}

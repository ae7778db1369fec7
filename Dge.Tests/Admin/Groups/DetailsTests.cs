using System.Net;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.Admin.Groups;

/// <summary>A group's page: members, leader, advisor, meetings and themes linked, and its history for admins.</summary>
public sealed class DetailsTests(AccessHost host) : IClassFixture<AccessHost>
{
    /// <summary>An active group with meetings: its id, name, members' names and meeting count, as the API has them.</summary>
    private async Task<(string Id, string Name, List<string> Members, int Meetings)> SomeGroupAsync()
    {
        using var reader = await host.WithKeyAsync(Roles.Reader);
        using var response = await reader.SendAsync(PostQuery(
            "{ groups(first: 1, where: { kind: { eq: DGE }, meetings: { some: { durationHours: { gte: 2 } } } }, order: [{ name: ASC }]) { nodes { id name members(first: 100) { nodes { doctor { firstName lastName } } } meetings { totalCount } } } }"));
        var group = (await JsonAsync(response)).GetProperty("data").GetProperty("groups").GetProperty("nodes")[0];
        return (
            group.GetProperty("id").GetString()!,
            group.GetProperty("name").GetString()!,
            group.GetProperty("members").GetProperty("nodes").EnumerateArray().Select(m => $"{m.GetProperty("doctor").GetProperty("firstName").GetString()} {m.GetProperty("doctor").GetProperty("lastName").GetString()}").ToList(),
            group.GetProperty("meetings").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Page_ShowsTheGroupsMembersAndMeetingsLinked()
    {
        var group = await SomeGroupAsync();
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"/admin/groups/{Uri.EscapeDataString(group.Id)}");

        Assert.Equal(group.Name, page.QuerySelector("h1")?.TextContent);
        Assert.Equal(group.Members.Order(StringComparer.Ordinal), page.QuerySelectorAll("#members tbody td:first-child a").Select(a => a.TextContent).Order(StringComparer.Ordinal));
        Assert.All(page.QuerySelectorAll("#members tbody td:first-child a"), a => Assert.StartsWith("/admin/doctors/", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Equal($"Møder ({group.Meetings})", page.QuerySelector("#meetings-heading")?.TextContent);
        Assert.NotEmpty(page.QuerySelectorAll("#themes a[href^='/admin/themes/']"));
        Assert.StartsWith("/admin/kapunits/", page.QuerySelector("dl.facts a")?.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Reader, false)]
    [InlineData(Roles.Editor, true)]
    public async Task Actions_ShownToEditorsOnly_HistoryToAdminsOnly(string role, bool edits)
    {
        var group = await SomeGroupAsync();
        var client = await host.SignedInAsync(role);

        var page = await client.PageAsync($"/admin/groups/{Uri.EscapeDataString(group.Id)}");

        Assert.Equal(edits, page.QuerySelector("nav.actions a[href$='/edit']") is not null);
        Assert.Equal(edits, page.QuerySelector("#members a[href$='/end']") is not null);
        Assert.Equal("Historikken vises for administratorer.", page.QuerySelector("#history-heading + p")?.TextContent);
    }

    [Theory]
    [InlineData("RGdlR3JvdXA6OTk5OTk5OQ==")]
    [InlineData("not-an-id")]
    [InlineData("RG9jdG9yOjE=")]
    public async Task Page_IdOfNoGroup_Answers404(string id)
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"/admin/groups/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

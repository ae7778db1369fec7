using System.Net;
using Dge.Api.Access;
using Dge.Tests.Admin.Materials;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Meetings;

/// <summary>A meeting's page: its group, attendees, themes and materials linked; edit and delete for editors.</summary>
public sealed class DetailsTests(AccessHost host) : IClassFixture<AccessHost>
{
    private readonly CatalogData data = new(host);

    [Fact]
    public async Task Page_ShowsTheGroupAttendeesThemesAndMaterialsLinked()
    {
        var theme = (await data.QueryAsync("{ themes(first: 1, order: [{ code: ASC }]) { nodes { id nameDa } } }")).GetProperty("themes").GetProperty("nodes")[0];
        var materialTitle = CatalogData.Unique("Mødemateriale");
        var material = await data.NewMaterialAsync(materialTitle);
        var (meetingId, groupId, members) = await data.NewMeetingAsync(20, [theme.GetProperty("id").GetString()!], [material]);
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"/admin/meetings/{Uri.EscapeDataString(meetingId)}");

        Assert.Equal($"/admin/groups/{Uri.EscapeDataString(groupId)}", page.QuerySelector("#group-link")?.GetAttribute("href"));
        Assert.Equal(members.Take(2).Select(m => m.Name).Order(StringComparer.Ordinal), page.QuerySelectorAll("#attendees a").Select(a => a.TextContent).Order(StringComparer.Ordinal));
        Assert.All(page.QuerySelectorAll("#attendees a"), a => Assert.StartsWith("/admin/doctors/", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Equal(theme.GetProperty("nameDa").GetString(), page.QuerySelector("#themes a[href^='/admin/themes/']")?.TextContent);
        Assert.Equal(materialTitle, page.QuerySelector("#materials a[href^='/admin/materials/']")?.TextContent);
        Assert.Contains("2025-05-06", page.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Reader, false)]
    [InlineData(Roles.Editor, true)]
    public async Task Actions_ShownToEditorsOnly(string role, bool edits)
    {
        var (meetingId, _, _) = await data.NewMeetingAsync(23);
        var client = await host.SignedInAsync(role);

        var page = await client.PageAsync($"/admin/meetings/{Uri.EscapeDataString(meetingId)}");

        Assert.Equal(edits, page.QuerySelector("nav.actions a[href$='/edit']") is not null);
        Assert.Equal(edits, page.QuerySelector("nav.actions a[href$='/delete']") is not null);
        Assert.Equal("Historikken vises for administratorer.", page.QuerySelector("#history-heading + p")?.TextContent);
    }

    [Theory]
    [InlineData("TWVldGluZzo5OTk5OTk5OQ==")]
    [InlineData("not-an-id")]
    [InlineData("VGhlbWU6MQ==")]
    public async Task Page_IdOfNoMeeting_Answers404(string id)
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"/admin/meetings/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

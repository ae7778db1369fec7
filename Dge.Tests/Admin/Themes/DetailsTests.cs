using System.Net;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.Admin.Themes;

/// <summary>A theme's page: its materials, clusters, groups and latest meetings linked, edit for editors, history for admins.</summary>
public sealed class DetailsTests(AccessHost host) : IClassFixture<AccessHost>
{
    /// <summary>A theme that materials treat and meetings met on: its id, Danish name and counts, as the API has them.</summary>
    private async Task<(string Id, string NameDa, int Materials, int Meetings, int Groups)> SomeThemeAsync()
    {
        using var reader = await host.WithKeyAsync(Roles.Reader);
        using var response = await reader.SendAsync(PostQuery(
            "{ themes(first: 1, where: { materials: { any: true }, meetings: { any: true } }, order: [{ code: ASC }]) { nodes { id nameDa materials { totalCount } meetings { totalCount } groups { totalCount } } } }"));
        var theme = (await JsonAsync(response)).GetProperty("data").GetProperty("themes").GetProperty("nodes")[0];
        return (theme.GetProperty("id").GetString()!, theme.GetProperty("nameDa").GetString()!, theme.GetProperty("materials").GetProperty("totalCount").GetInt32(),
            theme.GetProperty("meetings").GetProperty("totalCount").GetInt32(), theme.GetProperty("groups").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Page_ShowsTheThemesMaterialsGroupsAndMeetingsLinked()
    {
        var theme = await SomeThemeAsync();
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"/admin/themes/{Uri.EscapeDataString(theme.Id)}");

        Assert.StartsWith(theme.NameDa, page.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);
        Assert.Equal($"Materialer ({theme.Materials})", page.QuerySelector("#materials-heading")?.TextContent);
        Assert.Equal(Math.Min(100, theme.Materials), page.QuerySelectorAll("#materials tbody a[href^='/admin/materials/']").Length);
        Assert.Equal(Math.Min(100, theme.Groups), page.QuerySelectorAll("#groups a[href^='/admin/groups/']").Length);
        Assert.Equal(Math.Min(10, theme.Meetings), page.QuerySelectorAll("#meetings tbody a[href^='/admin/meetings/']").Length);
        Assert.Contains($"{theme.Meetings} i alt", page.QuerySelector("#meetings-heading")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Reader, false, "Historikken vises for administratorer.")]
    [InlineData(Roles.Editor, true, "Historikken vises for administratorer.")]
    [InlineData(Roles.Admin, true, null)]
    public async Task EditButton_ShownToEditorsOnly_HistoryToAdminsOnly(string role, bool edits, string? historyNote)
    {
        var theme = await SomeThemeAsync();
        var client = await host.SignedInAsync(role);

        var page = await client.PageAsync($"/admin/themes/{Uri.EscapeDataString(theme.Id)}");

        Assert.Equal(edits, page.QuerySelector("nav.actions a[href$='/edit']") is not null);
        if (historyNote is not null)
        {
            Assert.Equal(historyNote, page.QuerySelector("#history-heading + p")?.TextContent);
        }
        else
        {
            Assert.NotEqual("Historikken vises for administratorer.", page.QuerySelector("#history-heading + p")?.TextContent);
        }
    }

    [Theory]
    [InlineData("VGhlbWU6OTk5OTk5OQ==")]
    [InlineData("not-an-id")]
    [InlineData("RG9jdG9yOjE=")]
    public async Task Page_IdOfNoTheme_Answers404(string id)
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"/admin/themes/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

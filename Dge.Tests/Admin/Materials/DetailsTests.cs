using System.Net;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.Admin.Materials;

/// <summary>A material's page: themes, intended group kinds, cluster adoptions and meetings linked; actions for editors.</summary>
public sealed class DetailsTests(AccessHost host) : IClassFixture<AccessHost>
{
    /// <summary>A cluster package some clusters adopted and some meetings used, as the API has it.</summary>
    private async Task<(string Id, string Title, int Themes, int Adoptions, int Meetings)> SomePackageAsync()
    {
        using var reader = await host.WithKeyAsync(Roles.Reader);
        using var response = await reader.SendAsync(PostQuery(
            "{ learningMaterials(first: 1, where: { kind: { eq: CLUSTER_PACKAGE }, adoptions: { any: true }, meetings: { any: true } }, order: [{ title: ASC }]) { nodes { id title themes { totalCount } adoptions { totalCount } meetings { totalCount } } } }"));
        var m = (await JsonAsync(response)).GetProperty("data").GetProperty("learningMaterials").GetProperty("nodes")[0];
        return (m.GetProperty("id").GetString()!, m.GetProperty("title").GetString()!, m.GetProperty("themes").GetProperty("totalCount").GetInt32(),
            m.GetProperty("adoptions").GetProperty("totalCount").GetInt32(), m.GetProperty("meetings").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Page_ShowsThemesAdoptionsAndMeetingsLinked()
    {
        var material = await SomePackageAsync();
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"/admin/materials/{Uri.EscapeDataString(material.Id)}");

        Assert.Equal(material.Title, page.QuerySelector("h1")?.TextContent);
        Assert.Equal(material.Themes, page.QuerySelectorAll("#themes a[href^='/admin/themes/']").Length);
        Assert.Equal(material.Adoptions, page.QuerySelectorAll("#adoptions tbody a[href^='/admin/clusters/']").Length);
        Assert.Equal(material.Meetings.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("#meeting-count")?.TextContent);
        Assert.Equal(Math.Min(10, material.Meetings), page.QuerySelectorAll("#meetings tbody a[href^='/admin/meetings/']").Length);
        Assert.Equal(Math.Min(10, material.Meetings), page.QuerySelectorAll("#meetings tbody a[href^='/admin/groups/']").Length);
    }

    [Theory]
    [InlineData(Roles.Reader, false)]
    [InlineData(Roles.Editor, true)]
    public async Task Actions_ShownToEditorsOnly(string role, bool edits)
    {
        var material = await SomePackageAsync();
        var client = await host.SignedInAsync(role);

        var page = await client.PageAsync($"/admin/materials/{Uri.EscapeDataString(material.Id)}");

        Assert.Equal(edits, page.QuerySelector("nav.actions a[href$='/edit']") is not null);
        Assert.Equal("Historikken vises for administratorer.", page.QuerySelector("#history-heading + p")?.TextContent);
    }

    [Theory]
    [InlineData("TGVhcm5pbmdNYXRlcmlhbDo5OTk5OTk5")]
    [InlineData("not-an-id")]
    [InlineData("VGhlbWU6MQ==")]
    public async Task Page_IdOfNoMaterial_Answers404(string id)
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"/admin/materials/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

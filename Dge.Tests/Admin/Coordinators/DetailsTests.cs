using System.Net;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Coordinators;

/// <summary>A coordinator's page: role, scope, doctor and advised groups linked; actions for editors.</summary>
public sealed class DetailsTests(AccessHost host) : IClassFixture<AccessHost>
{
    private readonly PeopleData data = new(host);

    [Fact]
    public async Task Page_AdvisorWithGroups_ShowsTheScopeAndTheGroupsLinked()
    {
        var advisor = (await data.QueryAsync("{ coordinators(first: 1, where: { role: { eq: ADVISOR }, advisedGroups: { any: true } }, order: [{ name: ASC }]) { nodes { id name email region { id } advisedGroups(first: 100) { totalCount } } } }"))
            .GetProperty("coordinators").GetProperty("nodes")[0];
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync(PeopleData.PathOf("coordinators", advisor.GetProperty("id").GetString()!));

        Assert.Equal(advisor.GetProperty("name").GetString(), page.QuerySelector("h1")?.TextContent);
        Assert.Equal("Efteruddannelsesvejleder", page.QuerySelector("#coordinator-role")?.TextContent);
        Assert.Equal(PeopleData.PathOf("regions", advisor.GetProperty("region").GetProperty("id").GetString()!), page.QuerySelector("#coordinator-scope a")?.GetAttribute("href"));
        Assert.Equal(advisor.GetProperty("email").GetString(), page.QuerySelector("#coordinator-email")?.TextContent);
        Assert.Equal(advisor.GetProperty("advisedGroups").GetProperty("totalCount").GetInt32(), page.QuerySelectorAll("#advised-groups a[href^='/admin/groups/']").Length);
    }

    [Fact]
    public async Task Page_CoordinatorLinkedToADoctor_LinksTheDoctor()
    {
        var coordinator = (await data.QueryAsync("{ coordinators(first: 1, where: { doctor: { lastName: { neq: null } } }, order: [{ name: ASC }]) { nodes { id doctor { id } } } }"))
            .GetProperty("coordinators").GetProperty("nodes")[0];
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync(PeopleData.PathOf("coordinators", coordinator.GetProperty("id").GetString()!));

        Assert.Equal(PeopleData.PathOf("doctors", coordinator.GetProperty("doctor").GetProperty("id").GetString()!), page.QuerySelector("#coordinator-doctor a")?.GetAttribute("href"));
    }

    [Theory]
    [InlineData(Roles.Reader, false)]
    [InlineData(Roles.Editor, true)]
    public async Task Actions_ShownToEditorsOnly(string role, bool edits)
    {
        var coordinator = await data.NewCoordinatorAsync();
        var client = await host.SignedInAsync(role);

        var page = await client.PageAsync(PeopleData.PathOf("coordinators", coordinator.Id));

        Assert.Equal(edits, page.QuerySelector("nav.actions a[href$='/edit']") is not null);
        Assert.Equal(edits, page.QuerySelector("nav.actions a[href$='/doctor']") is not null);
        Assert.Equal(edits, page.QuerySelector("nav.actions a[href$='/end']") is not null);
    }

    [Theory]
    [InlineData("Q29vcmRpbmF0b3I6OTk5OTk5OQ==")]
    [InlineData("not-an-id")]
    [InlineData("RG9jdG9yOjE=")]
    public async Task Page_IdOfNoCoordinator_Answers404(string id)
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"/admin/coordinators/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

using System.Net;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.HealthCouncils;

/// <summary>A health council's page: its region and municipalities linked, and its coverage on a day.</summary>
public sealed class DetailsTests(AccessHost host) : IClassFixture<AccessHost>
{
    [Fact]
    public async Task Page_ShowsTheCouncilsRegionAndMunicipalitiesLinked()
    {
        var council = (await host.DataAsync(
            "{ healthCouncils(first: 1, order: [{ name: ASC }]) { nodes { id name region { id name } municipalities(first: 100, order: [{ name: ASC }]) { nodes { name } } } } }"))
            .GetProperty("healthCouncils").GetProperty("nodes")[0];
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"/admin/healthcouncils/{Uri.EscapeDataString(council.GetProperty("id").GetString()!)}?asOf=2027-06-01");

        Assert.Equal(council.GetProperty("name").GetString(), page.QuerySelector("h1")?.TextContent);
        Assert.Equal($"/admin/regions/{Uri.EscapeDataString(council.GetProperty("region").GetProperty("id").GetString()!)}", page.QuerySelector("#region a")?.GetAttribute("href"));
        Assert.Equal(council.GetProperty("municipalities").Strings("name"), page.QuerySelectorAll("#municipalities a").Select(a => a.TextContent));
        Assert.All(page.QuerySelectorAll("#municipalities a"), a => Assert.StartsWith("/admin/municipalities/", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Equal("Dækning pr. 2027-06-01", page.QuerySelector("#coverage-heading")?.TextContent);
    }

    [Theory]
    [InlineData("SGVhbHRoQ291bmNpbDo5OTk5OQ==")]
    [InlineData("not-an-id")]
    [InlineData("UmVnaW9uOjE=")]
    public async Task Page_IdOfNoCouncil_Answers404(string id)
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"/admin/healthcouncils/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

using System.Net;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Regions;

/// <summary>A region's page: municipalities (as of a day), KAP unit, health councils and clusters linked, coverage, and the reform.</summary>
public sealed class DetailsTests(AccessHost host) : IClassFixture<AccessHost>
{
    private async Task<JsonElement> RegionAsync(string name, string asOf) =>
        (await host.DataAsync($$"""
            { regions(where: { name: { eq: "{{name}}" } }) { nodes {
                id
                municipalities(asOf: "{{asOf}}", first: 100, order: [{ name: ASC }]) { totalCount nodes { name } }
                kapUnits { nodes { id name } }
                healthCouncils { nodes { name } }
                clusters { totalCount }
                coordinators(first: 100) { nodes { name } }
                coverage(asOf: "{{asOf}}") { activeDoctors }
            } } }
            """)).GetProperty("regions").GetProperty("nodes")[0];

    [Fact]
    public async Task Page_ShowsTheRegionsMunicipalitiesKapUnitAndCouncilsLinked()
    {
        var region = await RegionAsync("Region Midtjylland", "2026-12-01");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"/admin/regions/{Uri.EscapeDataString(region.GetProperty("id").GetString()!)}?asOf=2026-12-01");

        Assert.Equal("Region Midtjylland", page.QuerySelector("h1")?.TextContent);
        Assert.Equal(region.GetProperty("municipalities").Strings("name"), page.QuerySelectorAll("#municipalities tbody td:nth-child(2) a").Select(a => a.TextContent));
        Assert.All(page.QuerySelectorAll("#municipalities tbody td:nth-child(2) a"), a => Assert.StartsWith("/admin/municipalities/", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.All(page.QuerySelectorAll("#municipalities tbody td:nth-child(3) a"), a => Assert.StartsWith("/admin/healthcouncils/", a.GetAttribute("href"), StringComparison.Ordinal));
        var unit = region.GetProperty("kapUnits").GetProperty("nodes")[0];
        Assert.Equal($"/admin/kapunits/{Uri.EscapeDataString(unit.GetProperty("id").GetString()!)}", page.QuerySelector("#kap-units a")?.GetAttribute("href"));
        Assert.Equal(region.GetProperty("healthCouncils").Strings("name").Order(StringComparer.Ordinal), page.QuerySelectorAll("#health-councils a").Select(a => a.TextContent).Order(StringComparer.Ordinal));
        Assert.Equal(5, page.QuerySelectorAll("#health-councils a").Length);
        Assert.Equal($"{region.GetProperty("clusters").GetProperty("totalCount").GetInt32()} klynger", page.QuerySelector("#clusters-link")?.TextContent);
        Assert.Equal(region.GetProperty("coordinators").Strings("name").Order(StringComparer.Ordinal), page.QuerySelectorAll("#coordinators tbody a").Select(a => a.TextContent).Order(StringComparer.Ordinal));
        Assert.All(page.QuerySelectorAll("#coordinators tbody a"), a => Assert.StartsWith("/admin/coordinators/", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Equal(region.GetProperty("coverage").GetProperty("activeDoctors").GetInt32().ToString("#,0", System.Globalization.CultureInfo.InvariantCulture).Replace(',', '.'), page.QuerySelector("#coverage dd")?.TextContent);
    }

    [Fact]
    public async Task Page_ClosingRegionAfterTheReform_HasNoMunicipalitiesAndNamesItsSuccessor()
    {
        var region = await RegionAsync("Region Hovedstaden", "2027-01-01");
        var reader = await host.SignedInAsync(Roles.Reader);
        var path = $"/admin/regions/{Uri.EscapeDataString(region.GetProperty("id").GetString()!)}";

        var today = await reader.PageAsync(path);
        var after = await reader.PageAsync($"{path}?asOf=2027-01-01");

        Assert.Equal(0, region.GetProperty("municipalities").GetProperty("totalCount").GetInt32());
        Assert.Equal("Kommuner pr. 2027-01-01 (0)", after.QuerySelector("#municipalities-heading")?.TextContent);
        Assert.Equal(29, today.QuerySelectorAll("#municipalities tbody tr").Length);
        Assert.Equal("Region Østdanmark", today.QuerySelector("#reform a")?.TextContent);
        Assert.Contains("nedlægges 2027-01-01", today.QuerySelector("#reform")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(29, today.QuerySelectorAll("#municipality-periods tbody tr").Length);
    }

    [Fact]
    public async Task Page_NewRegion_NamesThePredecessors()
    {
        var region = await RegionAsync("Region Østdanmark", "2027-01-01");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"/admin/regions/{Uri.EscapeDataString(region.GetProperty("id").GetString()!)}?asOf=2027-01-01");

        Assert.Equal(["Region Hovedstaden", "Region Sjælland"], page.QuerySelectorAll("#reform-predecessors a").Select(a => a.TextContent));
        Assert.Equal(46, page.QuerySelectorAll("#municipalities tbody tr").Length);
        Assert.Equal(6, page.QuerySelectorAll("#health-councils a").Length);
    }

    [Theory]
    [InlineData("UmVnaW9uOjk5OTk5")]
    [InlineData("not-an-id")]
    [InlineData("RG9jdG9yOjE=")]
    public async Task Page_IdOfNoRegion_Answers404(string id)
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"/admin/regions/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

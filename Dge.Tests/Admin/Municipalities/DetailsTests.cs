using System.Net;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Municipalities;

/// <summary>A municipality's page: its region on a day and over time, health council, clinics, clusters and coverage linked.</summary>
public sealed class DetailsTests(AccessHost host) : IClassFixture<AccessHost>
{
    [Fact]
    public async Task Page_ShowsTheRegionOverTimeCouncilClinicsAndClustersLinked()
    {
        var municipality = (await host.DataAsync(
            "{ municipalityByCode(code: \"0101\") { id healthCouncil { id name } clinics { totalCount } clusters(order: [{ name: ASC }]) { nodes { name } } } }")).GetProperty("municipalityByCode");
        var reader = await host.SignedInAsync(Roles.Reader);
        var path = $"/admin/municipalities/{Uri.EscapeDataString(municipality.GetProperty("id").GetString()!)}";

        var today = await reader.PageAsync(path);
        var after = await reader.PageAsync($"{path}?asOf=2027-01-01");

        Assert.Equal("København (0101)", today.QuerySelector("h1")?.TextContent);
        Assert.Equal("Region Hovedstaden", today.QuerySelector("#region a")?.TextContent);
        Assert.Equal("Region Østdanmark", after.QuerySelector("#region a")?.TextContent);
        Assert.Equal(["Region Hovedstaden", "Region Østdanmark"], today.QuerySelectorAll("#region-history tbody td:first-child a").Select(a => a.TextContent));
        Assert.Equal("2027-01-01", today.QuerySelectorAll("#region-history tbody tr")[1].QuerySelectorAll("td")[1].TextContent);
        Assert.Equal($"/admin/healthcouncils/{Uri.EscapeDataString(municipality.GetProperty("healthCouncil").GetProperty("id").GetString()!)}", today.QuerySelector("#health-council a")?.GetAttribute("href"));
        Assert.Equal("/admin/clinics?municipality=0101", today.QuerySelector("#clinics-link")?.GetAttribute("href"));
        Assert.StartsWith(municipality.GetProperty("clinics").GetProperty("totalCount").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), today.QuerySelector("#clinics-link")?.TextContent.Replace(".", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(municipality.GetProperty("clusters").Strings("name"), today.QuerySelectorAll("#clusters a").Select(a => a.TextContent));
        Assert.NotEmpty(today.QuerySelectorAll("#clusters a[href^='/admin/clusters/']"));
    }

    [Theory]
    [InlineData("TXVuaWNpcGFsaXR5Ojk5OTk5")]
    [InlineData("not-an-id")]
    [InlineData("UmVnaW9uOjE=")]
    public async Task Page_IdOfNoMunicipality_Answers404(string id)
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"/admin/municipalities/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

using System.Net;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.KapUnits;

/// <summary>A KAP unit's page: region, groups, secretariat and the region's clusters linked, coverage, annual report and history.</summary>
public sealed class DetailsTests(AccessHost host) : IClassFixture<AccessHost>
{
    private async Task<System.Text.Json.JsonElement> UnitAsync() =>
        (await host.DataAsync(
            "{ kapUnits(first: 1, order: [{ name: ASC }]) { nodes { id code name region { id } coordinators(first: 50) { nodes { name } } region { clusters { totalCount } } } } }"))
            .GetProperty("kapUnits").GetProperty("nodes")[0];

    [Fact]
    public async Task Page_LinksTheRegionGroupsCoordinatorsClustersAndAnnualReport()
    {
        var unit = await UnitAsync();
        var code = unit.GetProperty("code").GetString()!;
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"/admin/kapunits/{Uri.EscapeDataString(unit.GetProperty("id").GetString()!)}");

        Assert.Equal($"{unit.GetProperty("name").GetString()} ({code})", page.QuerySelector("h1")?.TextContent);
        Assert.Equal($"/admin/regions/{Uri.EscapeDataString(unit.GetProperty("region").GetProperty("id").GetString()!)}", page.QuerySelector("#region a")?.GetAttribute("href"));
        Assert.Equal($"/admin/groups?kapUnit={Uri.EscapeDataString(code)}", page.QuerySelector("#groups-link")?.GetAttribute("href"));
        Assert.Equal($"/admin/reports/annual?kapUnit={Uri.EscapeDataString(code)}", page.QuerySelector("#annual-report")?.GetAttribute("href"));
        Assert.Equal(unit.GetProperty("coordinators").Strings("name").Order(StringComparer.Ordinal), page.QuerySelectorAll("#coordinators tbody a").Select(a => a.TextContent).Order(StringComparer.Ordinal));
        Assert.All(page.QuerySelectorAll("#coordinators tbody a"), a => Assert.StartsWith("/admin/coordinators/", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Equal(unit.GetProperty("region").GetProperty("clusters").GetProperty("totalCount").GetInt32(), page.QuerySelectorAll("#clusters tbody a[href^='/admin/clusters/']").Length);
    }

    [Fact]
    public async Task ActiveGroups_CountWhatTheApiCountsOnTheDay()
    {
        var unit = (await host.DataAsync(
            "{ kapUnits(first: 1, order: [{ name: ASC }]) { nodes { id groups(where: { foundedOn: { lte: \"2025-01-01\" }, dissolvedOn: { nlte: \"2025-01-01\" } }) { totalCount } } } }"))
            .GetProperty("kapUnits").GetProperty("nodes")[0];
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"/admin/kapunits/{Uri.EscapeDataString(unit.GetProperty("id").GetString()!)}?asOf=2025-01-01");

        Assert.Equal(unit.GetProperty("groups").GetProperty("totalCount").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("#active-groups")?.TextContent);
        Assert.Equal("Dækning pr. 2025-01-01", page.QuerySelector("#coverage-heading")?.TextContent);
    }

    [Theory]
    [InlineData(Roles.Reader, "Historikken vises for administratorer.")]
    [InlineData(Roles.Admin, null)]
    public async Task History_ShownToAdminsOnly(string role, string? notice)
    {
        var unit = await UnitAsync();
        var client = await host.SignedInAsync(role);

        var page = await client.PageAsync($"/admin/kapunits/{Uri.EscapeDataString(unit.GetProperty("id").GetString()!)}");

        Assert.NotNull(page.QuerySelector("#history-heading"));
        Assert.Equal(notice is not null, page.QuerySelector("#history-heading + p")?.TextContent == "Historikken vises for administratorer.");
    }

    [Theory]
    [InlineData("S2FwVW5pdDo5OTk5OQ==")]
    [InlineData("not-an-id")]
    [InlineData("UmVnaW9uOjE=")]
    public async Task Page_IdOfNoKapUnit_Answers404(string id)
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"/admin/kapunits/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

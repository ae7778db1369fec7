using System.Globalization;
using System.Net;
using System.Text;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Coordinators;

/// <summary>The coordinators list: name search, role, region, KAP unit and status filters, sortable columns, paging, CSV without e-mail.</summary>
public sealed class IndexTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Path = "/admin/coordinators";

    private readonly PeopleData data = new(host);

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<(int Total, List<string> Links)> ApiAsync(string where, string order = "{ name: ASC }")
    {
        var coordinators = (await data.QueryAsync($"{{ coordinators(where: {where}, order: [{order}], first: 25) {{ totalCount nodes {{ id }} }} }}", role: Roles.Reader)).GetProperty("coordinators");
        return (coordinators.GetProperty("totalCount").GetInt32(), coordinators.GetProperty("nodes").EnumerateArray().Select(n => PeopleData.PathOf("coordinators", n.GetProperty("id").GetString()!)).ToList());
    }

    private static List<string> Links(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#coordinators tbody tr td:first-child a").Select(a => a.GetAttribute("href")!).ToList();

    private static string Total(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelector(".pager p")!.TextContent.Replace(".", "", StringComparison.Ordinal);

    [Fact]
    public async Task Filters_ByRoleAndRegion_ListWhatTheApiListsWithItsTotal()
    {
        var region = await data.SomeRegionIdAsync();
        var expected = await ApiAsync($"{{ role: {{ eq: ADVISOR }}, region: {{ id: {{ eq: \"{region}\" }} }}, to: {{ nlte: \"{Today}\" }} }}");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?role=ADVISOR&region={Uri.EscapeDataString(region)}");

        Assert.True(expected.Total > 0);
        Assert.Equal(expected.Links, Links(page));
        Assert.Contains($"{expected.Total} i alt", Total(page), StringComparison.Ordinal);
        Assert.All(page.QuerySelectorAll("#coordinators tbody tr td:nth-child(2)"), td => Assert.Equal("Efteruddannelsesvejleder", td.TextContent));
    }

    [Fact]
    public async Task Filters_ByKapUnit_ListTheUnitsStaffAndTheScopesOfItsRegion()
    {
        var unit = (await data.QueryAsync("{ kapUnits(first: 1, order: [{ name: ASC }]) { nodes { code region { id } } } }")).GetProperty("kapUnits").GetProperty("nodes")[0];
        var code = unit.GetProperty("code").GetString();
        var region = unit.GetProperty("region").GetProperty("id").GetString();
        var expected = await ApiAsync(
            $"{{ to: {{ nlte: \"{Today}\" }}, or: [{{ kapUnit: {{ code: {{ eq: \"{code}\" }} }} }}, {{ region: {{ id: {{ eq: \"{region}\" }} }} }}, {{ cluster: {{ region: {{ id: {{ eq: \"{region}\" }} }} }} }}, {{ municipality: {{ region: {{ id: {{ eq: \"{region}\" }} }} }} }}] }}");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?kapUnit={code}");

        Assert.True(expected.Total > 0);
        Assert.Equal(expected.Links, Links(page));
        Assert.Contains($"{expected.Total} i alt", Total(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Ended_ListsOnlyEndedRoles_AndSearchFindsByName()
    {
        var coordinator = await data.NewCoordinatorAsync();
        var version = (await data.NodeAsync(coordinator.Id, "... on Coordinator { version }")).GetProperty("version").GetInt32();
        await data.QueryAsync("mutation($input: EndCoordinatorInput!) { endCoordinator(input: $input) { errors { __typename } } }", new { input = new { id = coordinator.Id, expectedVersion = version, to = "2025-01-01" } });
        var reader = await host.SignedInAsync(Roles.Reader);

        var active = await reader.PageAsync($"{Path}?q={Uri.EscapeDataString(coordinator.Name.ToLowerInvariant())}");
        var ended = await reader.PageAsync($"{Path}?q={Uri.EscapeDataString(coordinator.Name.ToLowerInvariant())}&status=ended");

        Assert.Empty(Links(active));
        Assert.Equal([PeopleData.PathOf("coordinators", coordinator.Id)], Links(ended));
        Assert.Equal("2025-01-01", ended.QuerySelector("#coordinators tbody tr td:nth-child(5)")?.TextContent);
    }

    [Fact]
    public async Task Sort_ByNameTwice_TurnsTheOrder()
    {
        var expected = await ApiAsync($"{{ to: {{ nlte: \"{Today}\" }} }}", "{ name: DESC }");
        var reader = await host.SignedInAsync(Roles.Reader);
        var ascending = await reader.PageAsync(Path);
        var toggle = ascending.QuerySelector("th[aria-sort=ascending] a")!.GetAttribute("href")!;

        var descending = await reader.PageAsync(toggle);

        Assert.Contains("sort=-name", toggle, StringComparison.Ordinal);
        Assert.Equal(expected.Links, Links(descending));
    }

    [Fact]
    public async Task Paging_NextAndPrevious_WalkThePages()
    {
        var reader = await host.SignedInAsync(Roles.Reader);
        var first = await reader.PageAsync($"{Path}?status=all");

        var second = await reader.PageAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        var back = await reader.PageAsync(second.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);

        Assert.NotEmpty(Links(second));
        Assert.Empty(Links(first).Intersect(Links(second)));
        Assert.Equal(Links(first), Links(back));
    }

    [Fact]
    public async Task Csv_HoldsEveryFilteredRowWithoutEmail()
    {
        var expected = await ApiAsync("{ }");
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"{Path}?handler=Csv&status=all", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("Navn;Rolle;Område;Fra;Til;Timer pr. uge;Læge;Id", lines[0]);
        Assert.Equal(expected.Total, lines.Length - 1);
        Assert.DoesNotContain("@", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Reader, false)]
    [InlineData(Roles.Editor, true)]
    public async Task NewCoordinatorButton_ShownToEditorsOnly(string role, bool shown)
    {
        var client = await host.SignedInAsync(role);

        var page = await client.PageAsync(Path);

        Assert.Equal(shown, page.QuerySelector("a[href='/admin/coordinators/create']") is not null);
    }

    [Fact]
    public async Task Page_Anonymous_IsSentToSignIn()
    {
        using var client = host.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/admin/account/signin", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}

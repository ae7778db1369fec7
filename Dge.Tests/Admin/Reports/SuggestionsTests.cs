using System.Globalization;
using System.Net;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Reports;

/// <summary>The uncovered nynedsatte of a region with their group suggestions, linked from the landing page.</summary>
public sealed class SuggestionsTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Day = "2026-11-01";

    [Fact]
    public async Task Suggestions_Region_ListsAsManyAsTheLandingPageCountsWithTheirSuggestions()
    {
        var reader = await host.SignedInAsync(Roles.Reader);
        var home = await reader.PageAsync($"/admin?asOf={Day}");
        var link = home.QuerySelectorAll("table#coverage tbody tr").Single(r => r.QuerySelector("td")!.TextContent == "Region Nordjylland").QuerySelector("td.uncovered a")!;

        var page = await reader.PageAsync(link.GetAttribute("href")!);

        Assert.Contains("Region Nordjylland", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith($"{link.TextContent} nynedsatte uden gruppe pr. {Day}", page.QuerySelector("#suggestions-count")!.TextContent, StringComparison.Ordinal);
        var rows = page.QuerySelectorAll("table#suggestions tbody tr").ToList();
        Assert.Equal(int.Parse(link.TextContent, CultureInfo.InvariantCulture), rows.Count);
        Assert.Contains(rows, r => r.QuerySelectorAll("ol.suggestions li").Length > 0);
    }

    [Fact]
    public async Task Suggestions_RegionWithoutACodeAfterTheReform_IsFoundByItsId()
    {
        var reader = await host.SignedInAsync(Roles.Reader);
        var home = await reader.PageAsync("/admin?asOf=2027-06-01");
        var link = home.QuerySelectorAll("table#coverage tbody tr").Single(r => r.QuerySelector("td")!.TextContent == "Region Østdanmark").QuerySelector("td.uncovered a")!;

        var page = await reader.PageAsync(link.GetAttribute("href")!);

        Assert.Contains("Region Østdanmark", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(int.Parse(link.TextContent, CultureInfo.InvariantCulture), page.QuerySelectorAll("table#suggestions tbody tr").Length);
    }

    [Theory]
    [InlineData("?region=9999&asOf=2026-11-01", "Region")]
    [InlineData("?asOf=2026-11-01", "Region")]
    [InlineData("?region=1084&asOf=2026-02-30", "AsOf")]
    public async Task Suggestions_BadQuery_ShowsAFieldError(string query, string field)
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"/admin/reports/suggestions{query}", UriKind.Relative));
        var page = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector($"[data-valmsg-for={field}]")?.TextContent));
        Assert.Null(page.QuerySelector("table#suggestions"));
    }
}

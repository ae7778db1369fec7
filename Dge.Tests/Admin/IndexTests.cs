using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.Admin;

public sealed class IndexTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Day = "2026-11-01";

    [Fact]
    public async Task Index_NationalData_ShowsCoverageOfTheFiveCurrentRegionsAndTheCountry()
    {
        await using var factory = new DgeAppFactory(
            await TestDatabases.CopyNationalAsync(),
            configureServices: services => services.AddSingleton<TimeProvider>(new FixedTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero))));
        (await factory.CreateReadyClientAsync()).Dispose();
        var client = await factory.SignedInClientAsync(Roles.Reader);

        using var response = await client.GetAsync(new Uri("/admin", UriKind.Relative));
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var regions = document.QuerySelectorAll("table#coverage tbody tr").ToList();
        Assert.Equal(
            ["Region Hovedstaden", "Region Midtjylland", "Region Nordjylland", "Region Sjælland", "Region Syddanmark"],
            regions.Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        var percentage = new Regex(@"^\d{1,3},\d %$");
        Assert.All(regions, r => Assert.Matches(percentage, r.QuerySelector("td.coverage")!.TextContent.Trim()));
        Assert.All(regions, r => Assert.Matches(percentage, r.QuerySelector("td.nynedsat-coverage")!.TextContent.Trim()));
        var national = document.QuerySelector("table#coverage tfoot tr[data-scope=national]");
        Assert.NotNull(national);
        Assert.Matches(percentage, national.QuerySelector("td.coverage")!.TextContent.Trim());
    }

    [Fact]
    public async Task Index_ReferenceDataOnly_ShowsRegionsWithoutDoctors()
    {
        await using var factory = new DgeAppFactory(
            await TestDatabases.CopyReferenceOnlyAsync(),
            configureServices: services => services.AddSingleton<TimeProvider>(new FixedTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero))));
        (await factory.CreateReadyClientAsync()).Dispose();
        var client = await factory.SignedInClientAsync(Roles.Reader);

        using var response = await client.GetAsync(new Uri("/admin", UriKind.Relative));
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, document.QuerySelectorAll("table#coverage tbody tr").Length);
        Assert.All(document.QuerySelectorAll("table#coverage tbody td.coverage"), cell => Assert.Equal("–", cell.TextContent.Trim()));
    }

    [Fact]
    public async Task Index_Charts_DrawTheCoverageTablesFigures()
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"/admin?asOf={Day}");

        var chart = page.QuerySelector("svg[aria-labelledby=chart-coverage]")!;
        Assert.Equal("img", chart.GetAttribute("role"));
        var rows = page.QuerySelectorAll("table#coverage tbody tr, table#coverage tfoot tr").ToList();
        Assert.Equal(6, rows.Count);
        Assert.Equal(
            rows.Select(r => r.QuerySelector("td.coverage")!.TextContent.Trim()),
            chart.QuerySelectorAll("text.bar-value").Select(t => t.TextContent));
        Assert.All(chart.QuerySelectorAll("rect"), r => Assert.True(double.Parse(r.GetAttribute("width")!, CultureInfo.InvariantCulture) > 0));
        Assert.Equal(6, page.QuerySelectorAll("svg[aria-labelledby=chart-nynedsat-coverage] rect").Length);
    }

    [Fact]
    public async Task Index_AsOfAfterTheReform_ShowsTheReformsRegions()
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync("/admin?asOf=2027-06-01");

        Assert.Equal(
            ["Region Midtjylland", "Region Nordjylland", "Region Syddanmark", "Region Østdanmark"],
            page.QuerySelectorAll("table#coverage tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        Assert.Equal("2027-06-01", page.QuerySelector("input#asOf")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("2027-13-45")]
    [InlineData("igår")]
    [InlineData("0001-01-01")]
    public async Task Index_BadAsOf_ShowsAFieldErrorAndNoFigures(string asOf)
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"/admin?asOf={Uri.EscapeDataString(asOf)}", UriKind.Relative));
        var page = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-valmsg-for=AsOf]")?.TextContent));
        Assert.Null(page.QuerySelector("table#coverage"));
        Assert.Equal(asOf, page.QuerySelector("input#asOf")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Index_WeakestClusters_AreTenWeakestFirstAndLinkToTheirPages()
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"/admin?asOf={Day}");

        var rows = page.QuerySelectorAll("table#weakest-clusters tbody tr").ToList();
        Assert.Equal(10, rows.Count);
        var shares = rows.Select(r => double.Parse(r.QuerySelector("td.aligned-coverage")!.TextContent.Replace(" %", "").Replace(',', '.'), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(shares.Order(), shares);
        Assert.All(rows, r => Assert.Equal($"/admin/clusters/{Uri.EscapeDataString(r.GetAttribute("data-cluster")!)}?asOf={Day}", r.QuerySelector("a")!.GetAttribute("href")));
        Assert.Equal(10, page.QuerySelectorAll("svg[aria-labelledby=chart-weakest-clusters] rect").Length);
    }

    [Fact]
    public async Task Index_UncoveredNynedsatte_CountPerRegionAndLinkToTheSuggestions()
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"/admin?asOf={Day}");

        var row = page.QuerySelectorAll("table#coverage tbody tr").Single(r => r.QuerySelector("td")!.TextContent == "Region Midtjylland");
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        var link = row.QuerySelector("td.uncovered a")!;
        Assert.InRange(int.Parse(link.TextContent, CultureInfo.InvariantCulture), 1, int.Parse(cells[4], CultureInfo.InvariantCulture));
        Assert.Equal($"/admin/reports/suggestions?region=1082&asOf={Day}", link.GetAttribute("href"));
    }

    [Fact]
    public async Task Index_Advisors_ListOnlyThoseOverTheThreshold()
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"/admin?asOf={Day}");

        var threshold = int.Parse(new Regex(@"flere end (\d+)").Match(page.QuerySelector("#advisors")!.ParentElement!.TextContent).Groups[1].Value, CultureInfo.InvariantCulture);
        var groups = page.QuerySelectorAll("table#advisors tbody tr").Select(r => int.Parse(r.QuerySelectorAll("td")[2].TextContent, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(groups);
        Assert.All(groups, g => Assert.True(g > threshold));
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}

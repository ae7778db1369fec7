using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.Admin;

public sealed class IndexTests
{
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

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}

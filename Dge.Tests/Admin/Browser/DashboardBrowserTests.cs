using System.Globalization;
using Microsoft.Playwright;

namespace Dge.Tests.Admin.Browser;

/// <summary>
/// The dashboard and the reports in Chromium: charts drawn with data, the date picker moving to the reform's regions, a
/// cluster page opened from the weakest clusters, the suggestions and the annual report; axe on each page type. With
/// DGE_SCREENSHOTS_DIR set, it also saves screenshots of the dashboard and a cluster page there (for the docs).
/// </summary>
public sealed class DashboardBrowserTests
{
    private static readonly string? ScreenshotsDirectory = Environment.GetEnvironmentVariable("DGE_SCREENSHOTS_DIR");

    [Fact]
    public async Task Dashboard_ChartsDateClusterSuggestionsAnnualReport_WorkInChromiumWithoutSeriousAccessibilityViolations()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var browser = await AdminBrowser.StartAsync(timeout.Token);
        await browser.SignInAsAdminAsync();
        var page = browser.Page;

        await page.GotoAsync("admin");
        await Assertions.Expect(page.Locator("table#coverage tbody tr")).ToHaveCountAsync(5);
        var bars = page.Locator("svg[aria-labelledby=chart-coverage] rect");
        await Assertions.Expect(bars).ToHaveCountAsync(6);
        foreach (var width in await bars.EvaluateAllAsync<string[]>("rects => rects.map(r => r.getAttribute('width'))"))
        {
            Assert.True(double.Parse(width, CultureInfo.InvariantCulture) > 0, $"A coverage bar is {width} wide.");
        }

        Assert.True((await page.Locator("svg[aria-labelledby=chart-coverage] rect").First.BoundingBoxAsync())!.Width > 0);
        await Assertions.Expect(page.Locator("table#weakest-clusters tbody tr")).ToHaveCountAsync(10);
        await browser.CheckAccessibilityAsync("dashboard");
        await ScreenshotAsync(page, "dashboard.png");

        await page.GetByLabel("Dato").FillAsync("2027-06-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis" }).ClickAsync();
        await Assertions.Expect(page.Locator("table#coverage tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("table#coverage tbody")).ToContainTextAsync("Region Østdanmark");
        await Assertions.Expect(page.Locator("svg[aria-labelledby=chart-coverage]")).ToContainTextAsync("Region Østdanmark");

        var cluster = page.Locator("table#weakest-clusters tbody tr a").First;
        var clusterName = await cluster.TextContentAsync();
        await cluster.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(clusterName!);
        await Assertions.Expect(page.Locator("table#alignment tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("button.add-member").First).ToBeVisibleAsync();
        await browser.CheckAccessibilityAsync("cluster page");
        await ScreenshotAsync(page, "cluster.png");

        await page.GotoAsync("admin");
        await page.Locator("table#coverage tbody td.uncovered a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#suggestions-count")).ToContainTextAsync("nynedsatte uden gruppe");
        await browser.CheckAccessibilityAsync("suggestions");

        await page.GetByRole(AriaRole.Link, new() { Name = "Årsrapport" }).ClickAsync();
        await page.GetByLabel("KAP-enhed eller region").SelectOptionAsync("kap:KAP-H");
        await page.GetByLabel("År").FillAsync("2025");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis" }).ClickAsync();
        await Assertions.Expect(page.Locator("#report")).ToContainTextAsync("Fonden for Almen Praksis");
        await Assertions.Expect(page.Locator("svg[aria-labelledby=chart-groups-by-kind] rect").First).ToBeVisibleAsync();
        await browser.CheckAccessibilityAsync("annual report");

        Assert.Empty(browser.Violations);
    }

    /// <summary>Saves the page as it is now, only when a directory for screenshots is given.</summary>
    private static async Task ScreenshotAsync(IPage page, string file)
    {
        if (string.IsNullOrEmpty(ScreenshotsDirectory))
        {
            return;
        }

        Directory.CreateDirectory(ScreenshotsDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotsDirectory, file), FullPage = true });
    }
}

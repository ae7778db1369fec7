using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dge.Tests.Admin.Browser;

/// <summary>
/// The geography and cluster pages in Chromium: the reference lists and a region's, a municipality's and a health council's
/// page, the KAP units and a unit's page, the clusters list, and a new cluster with one validation error then success; axe
/// on each page type.
/// </summary>
public sealed partial class GeographyBrowserTests
{
    [Fact]
    public async Task Geography_ListsDetailsAndNewCluster_WorkInChromiumWithoutSeriousAccessibilityViolations()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var browser = await AdminBrowser.StartAsync(timeout.Token);
        await browser.SignInAsAdminAsync();
        var page = browser.Page;

        await page.GetByRole(AriaRole.Link, new() { Name = "Regioner og kommuner" }).ClickAsync();
        await Assertions.Expect(page.Locator("table#regions tbody tr")).ToHaveCountAsync(6);
        await browser.CheckAccessibilityAsync("regions list");
        await page.GetByLabel("Dato").FillAsync("2027-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis" }).ClickAsync();
        await Assertions.Expect(page.Locator("table#regions tbody tr:has(td:first-child a:text-is('Region Østdanmark')) td:nth-child(6)")).ToHaveTextAsync("46");

        await page.GetByRole(AriaRole.Link, new() { Name = "Region Midtjylland", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Region Midtjylland");
        await Assertions.Expect(page.Locator("#health-councils a")).ToHaveCountAsync(5);
        await browser.CheckAccessibilityAsync("region details");

        await page.Locator("#municipalities tbody a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#region-history tbody tr")).Not.ToHaveCountAsync(0);
        await browser.CheckAccessibilityAsync("municipality details");
        await page.Locator("#health-council a").ClickAsync();
        await Assertions.Expect(page.Locator("#municipalities a")).Not.ToHaveCountAsync(0);
        await browser.CheckAccessibilityAsync("health council details");

        await page.Locator("nav.reference-nav").GetByRole(AriaRole.Link, new() { Name = "Kommuner", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".pager p")).ToContainTextAsync("98 i alt");
        await browser.CheckAccessibilityAsync("municipalities list");
        await page.Locator("nav.reference-nav").GetByRole(AriaRole.Link, new() { Name = "Sundhedsråd", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("table#health-councils tbody tr")).ToHaveCountAsync(17);
        await browser.CheckAccessibilityAsync("health councils list");

        await page.GotoAsync("admin/kapunits");
        await Assertions.Expect(page.Locator("table#kap-units tbody tr")).ToHaveCountAsync(5);
        await browser.CheckAccessibilityAsync("KAP units list");
        await page.Locator("table#kap-units tbody tr td:first-child a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#annual-report")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#coordinators tbody tr")).Not.ToHaveCountAsync(0);
        await browser.CheckAccessibilityAsync("KAP unit details");

        await page.GotoAsync("admin/clusters");
        await Assertions.Expect(page.Locator("table#clusters tbody tr")).ToHaveCountAsync(25);
        await browser.CheckAccessibilityAsync("clusters list");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ny klynge" }).ClickAsync();
        await page.GetByLabel("Region", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Region Nordjylland" });
        await page.GetByLabel("Kommune", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Aalborg (0851)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret klynge" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.Name']")).ToHaveTextAsync("Skriv klyngens navn.");
        await Assertions.Expect(page.GetByLabel("Kommune", new() { Exact = true })).ToHaveValueAsync(new Regex(".+"));
        await browser.CheckAccessibilityAsync("cluster create with an error");
        await page.GetByLabel("Navn").FillAsync("Klynge Aalborg Browser");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret klynge" }).ClickAsync();

        // The cluster's own page is another helper's; this branch checks only where the browser was sent.
        await page.WaitForURLAsync(ClusterPage());
        var clusterPage = new Uri(page.Url).AbsolutePath;
        await page.GotoAsync(clusterPage.TrimStart('/') + "/edit");
        await Assertions.Expect(page.GetByLabel("Navn")).ToHaveValueAsync("Klynge Aalborg Browser");
        await browser.CheckAccessibilityAsync("cluster edit");
        await page.GotoAsync(clusterPage.TrimStart('/') + "/packages/adopt");
        await Assertions.Expect(page.Locator("#Input_MaterialId option")).Not.ToHaveCountAsync(1);
        await browser.CheckAccessibilityAsync("adopt cluster package");

        Assert.Empty(browser.Violations);
    }

    [GeneratedRegex("/admin/clusters/(?!create)[^/]+$")]
    private static partial Regex ClusterPage();
}

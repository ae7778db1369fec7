using Microsoft.Playwright;

namespace Dge.Tests.Admin.Browser;

/// <summary>
/// The catalog pages in Chromium: themes (list, page, a new theme with one error and one success), learning materials
/// (list, page, edit, retire form) and meetings (list, page, edit with an error, delete confirmation), with axe on each
/// page type, which must find no serious or critical violation.
/// </summary>
public sealed class CatalogBrowserTests
{
    [Fact]
    public async Task Catalog_ThemesMaterialsMeetings_WorkInChromiumWithoutSeriousAccessibilityViolations()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var browser = await AdminBrowser.StartAsync(timeout.Token);
        await browser.SignInAsAdminAsync();
        var page = browser.Page;

        // Themes: the list, a theme's page, a new theme refused once and then created.
        await page.GotoAsync("admin/themes");
        await Assertions.Expect(page.Locator("table#themes tbody tr")).ToHaveCountAsync(25);
        await browser.CheckAccessibilityAsync("themes list");
        await page.Locator("table#themes tbody a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#materials-heading")).ToBeVisibleAsync();
        await browser.CheckAccessibilityAsync("theme details");
        await page.GotoAsync("admin/themes/create");
        var code = "B" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await page.GetByLabel("Kode", new() { Exact = true }).FillAsync(code);
        await page.GetByLabel("Engelsk navn", new() { Exact = true }).FillAsync("Sleep");
        await page.GetByLabel("Kategori", new() { Exact = true }).FillAsync("Søvn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret emne" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.NameDa']")).ToHaveTextAsync("Skriv emnets danske navn.");
        await Assertions.Expect(page.GetByLabel("Kode", new() { Exact = true })).ToHaveValueAsync(code);
        await browser.CheckAccessibilityAsync("theme form with an error");
        await page.GetByLabel("Dansk navn", new() { Exact = true }).FillAsync("Søvn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret emne" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.status")).ToHaveTextAsync($"Emnet Søvn ({code}) er oprettet.");

        // Materials: the list, a material's page, its edit form saved, the retire form.
        await page.GotoAsync("admin/materials?kind=CLUSTER_PACKAGE&status=all");
        await Assertions.Expect(page.Locator("table#materials tbody tr").First).ToBeVisibleAsync();
        await browser.CheckAccessibilityAsync("materials list");
        await page.Locator("table#materials tbody a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#adoptions-heading")).ToBeVisibleAsync();
        await browser.CheckAccessibilityAsync("material details");
        await page.GetByRole(AriaRole.Link, new() { Name = "Rediger" }).ClickAsync();
        await browser.CheckAccessibilityAsync("material edit");
        await page.GetByLabel("Udgiver", new() { Exact = true }).FillAsync("KiAP");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.status")).ToContainTextAsync("er gemt.");
        await page.GotoAsync(page.Url + "/retire");
        await Assertions.Expect(page.GetByLabel("Udgået fra (første dag uden materialet)")).ToBeVisibleAsync();
        await browser.CheckAccessibilityAsync("material retire");

        // Meetings: the list, a meeting's page, its edit form refused, the delete confirmation.
        await page.GotoAsync("admin/meetings");
        await Assertions.Expect(page.Locator("table#meetings tbody tr")).ToHaveCountAsync(25);
        await browser.CheckAccessibilityAsync("meetings list");
        await page.Locator("table#meetings tbody td:first-child a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#attendees-heading")).ToBeVisibleAsync();
        await browser.CheckAccessibilityAsync("meeting details");
        await page.GetByRole(AriaRole.Link, new() { Name = "Rediger" }).ClickAsync();
        await page.GetByLabel("Varighed (timer)").FillAsync("20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.DurationHours']")).ToHaveTextAsync("Varigheden skal være mellem 0,5 og 12 timer.");
        await browser.CheckAccessibilityAsync("meeting edit with an error");
        await page.GotoAsync(page.Url.Replace("/edit", "/delete", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByLabel("Ja, slet mødet")).ToBeVisibleAsync();
        await browser.CheckAccessibilityAsync("meeting delete");

        Assert.Empty(browser.Violations);
    }
}

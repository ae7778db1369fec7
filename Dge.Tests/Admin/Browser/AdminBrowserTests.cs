using Dge.Tests.GraphQL.Http;
using Dge.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dge.Tests.Admin.Browser;

/// <summary>
/// The admin shell in a real browser (Debian's Chromium, driven by Playwright) against the real host on Kestrel: signing
/// in through the form, the overview, a new API key, signing out; and axe on each page type, which must find no serious
/// or critical violation.
/// </summary>
public sealed class AdminBrowserTests
{
    private const string AdminEmail = "admin@browser.dge";
    private const string AdminPassword = "Browser-admin-1234";

    [Fact]
    public async Task Shell_SignInCreateKeyInviteSignOutAcceptInvitation_WorksInChromiumWithoutSeriousAccessibilityViolations()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var host = await LiveDgeHost.StartAsync(
            await TestDatabases.CopyNationalAsync(),
            new Dictionary<string, string> { ["Dge:Admin:Email"] = AdminEmail, ["Dge:Admin:Password"] = AdminPassword },
            configureServices: null,
            timeout.Token);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = host.BaseAddress.ToString() });
        page.SetDefaultTimeout(30_000);
        var violations = new List<string>();

        await page.GotoAsync("admin");
        Assert.EndsWith("/admin/account/signin?ReturnUrl=%2Fadmin", page.Url, StringComparison.Ordinal);
        violations.AddRange(await SeriousViolationsAsync(page, "sign-in"));
        await page.GetByLabel("E-mail").FillAsync(AdminEmail);
        await page.GetByLabel("Adgangskode").FillAsync(AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();

        await Assertions.Expect(page.Locator("header .who")).ToContainTextAsync(AdminEmail);
        await Assertions.Expect(page.Locator("table#coverage tbody tr")).ToHaveCountAsync(5);
        violations.AddRange(await SeriousViolationsAsync(page, "overview"));

        await page.GetByRole(AriaRole.Link, new() { Name = "API-nøgler" }).ClickAsync();
        await page.GetByLabel("Navn").FillAsync("Browserportal");
        await page.GetByLabel("Rolle").SelectOptionAsync("Editor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret nøgle" }).ClickAsync();
        var secret = await page.GetByLabel("Hemmelighed").InputValueAsync();
        Assert.StartsWith("dge_", secret, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#api-keys tbody tr", new() { HasText = "Browserportal" })).ToContainTextAsync("Aktiv");
        violations.AddRange(await SeriousViolationsAsync(page, "API keys"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Brugere" }).ClickAsync();
        await page.GetByLabel("E-mail").FillAsync("ny.sekretaer@region.dk");
        await page.GetByLabel("Rolle", new() { Exact = true }).SelectOptionAsync("Editor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Invitér" }).ClickAsync();
        var code = await page.GetByLabel("Engangskode").InputValueAsync();
        await Assertions.Expect(page.Locator("#users tbody tr", new() { HasText = "ny.sekretaer@region.dk" })).ToContainTextAsync("Inviteret");
        violations.AddRange(await SeriousViolationsAsync(page, "users"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Revisionslog" }).ClickAsync();
        await page.GetByLabel("Type").SelectOptionAsync("User");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis" }).ClickAsync();
        await Assertions.Expect(page.Locator("#audit tbody tr", new() { HasText = "inviteUser" })).ToHaveCountAsync(1);
        violations.AddRange(await SeriousViolationsAsync(page, "audit log"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Du er logget ud.");
        await page.GotoAsync("admin/apikeys");
        Assert.Contains("/admin/account/signin", page.Url, StringComparison.Ordinal);

        await page.GotoAsync("admin/account/invitation");
        violations.AddRange(await SeriousViolationsAsync(page, "invitation"));
        await page.GetByLabel("E-mail").FillAsync("ny.sekretaer@region.dk");
        await page.GetByLabel("Engangskode").FillAsync(code);
        await page.GetByLabel("Ny adgangskode").FillAsync("Sekretaerens-kode-2026");
        await page.GetByLabel("Gentag adgangskoden").FillAsync("Sekretaerens-kode-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem adgangskode og log ind" }).ClickAsync();
        await Assertions.Expect(page.Locator("header .who")).ToContainTextAsync("ny.sekretaer@region.dk");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Velkommen. Din adgangskode er gemt, og du er logget ind.");

        Assert.Empty(violations);
    }

    private static Task<IEnumerable<string>> SeriousViolationsAsync(IPage page, string name) => AdminBrowser.SeriousViolationsAsync(page, name);
}

using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Dge.Api.Access;
using Dge.Tests.GraphQL.Http;
using Dge.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dge.Tests.Admin.Browser;

/// <summary>
/// One browser test's world: the real host on Kestrel over its own copy of the national test database, Debian's Chromium
/// driven by Playwright, a page at the host's address, and the accessibility findings gathered on the way.
/// </summary>
internal sealed class AdminBrowser : IAsyncDisposable
{
    public const string AdminEmail = "admin@browser.dge";
    public const string AdminPassword = "Browser-admin-1234";

    private readonly LiveDgeHost host;
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private AdminBrowser(LiveDgeHost host, IPlaywright playwright, IBrowser browser, IPage page)
    {
        this.host = host;
        this.playwright = playwright;
        this.browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    public Uri BaseAddress => host.BaseAddress;

    /// <summary>axe's serious and critical findings on every page checked so far; a test asserts it is empty at the end.</summary>
    public List<string> Violations { get; } = [];

    public static async Task<AdminBrowser> StartAsync(CancellationToken cancellationToken)
    {
        var host = await LiveDgeHost.StartAsync(
            await TestDatabases.CopyNationalAsync(),
            new Dictionary<string, string> { ["Dge:Admin:Email"] = AdminEmail, ["Dge:Admin:Password"] = AdminPassword },
            configureServices: null,
            cancellationToken);
        var playwright = await Playwright.CreateAsync();
        var browser = await Chromium.LaunchAsync(playwright);
        // A context of its own, so a test can open a second tab in the same session.
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return new AdminBrowser(host, playwright, browser, page);
    }

    /// <summary>Signs in as the configured admin through the sign-in form.</summary>
    public async Task SignInAsAdminAsync()
    {
        await Page.GotoAsync("admin/account/signin");
        await Page.GetByLabel("E-mail").FillAsync(AdminEmail);
        await Page.GetByLabel("Adgangskode").FillAsync(AdminPassword);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
        await Assertions.Expect(Page.Locator("header .who")).ToContainTextAsync(AdminEmail);
    }

    /// <summary>A new account with <paramref name="role"/>, made inside the host; its e-mail (the password is <see cref="AdminPassword"/>).</summary>
    public async Task<string> CreateUserAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@browser.dge";
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DgeUser>>();
        var user = new DgeUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, AdminPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    }

    /// <summary>A second, separate browser session (its own cookies), signed in as <paramref name="email"/>.</summary>
    public async Task<IPage> SignInInNewContextAsync(string email)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("admin/account/signin");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Adgangskode").FillAsync(AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
        await Assertions.Expect(page.Locator("header .who")).ToContainTextAsync(email);
        return page;
    }

    /// <summary>Runs a GraphQL query at <c>/graphql</c> with the signed-in admin's cookie, as a script on the page would; its <c>data</c>.</summary>
    public async Task<JsonElement> GraphQLAsync(string query, object? variables = null)
    {
        var response = await Page.APIRequest.PostAsync("graphql", new() { DataObject = new { query, variables } });
        var json = JsonDocument.Parse(await response.TextAsync()).RootElement;
        Assert.False(json.TryGetProperty("errors", out var errors), errors.ToString());
        return json.GetProperty("data");
    }

    /// <summary>Saves a screenshot of the page as <c>{name}.png</c> in DGE_SCREENSHOTS_DIR, when that is set (for the docs).</summary>
    public async Task ScreenshotAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("DGE_SCREENSHOTS_DIR") is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
        }
    }

    /// <summary>Runs axe on the page as it is now and keeps its serious and critical findings under <paramref name="name"/>.</summary>
    public async Task CheckAccessibilityAsync(string name) => Violations.AddRange(await SeriousViolationsAsync(Page, name));

    /// <summary>axe's findings of impact serious or critical on the page as it is now.</summary>
    public static async Task<IEnumerable<string>> SeriousViolationsAsync(IPage page, string name)
    {
        AxeResult result = await page.RunAxe();
        Assert.NotEmpty(result.Passes);
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{name}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}");
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await host.DisposeAsync();
    }
}

using System.Net;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.Admin.Account;

/// <summary>The admin shell's sign-in page, sign-out, and what anonymous and role-less visitors get.</summary>
public sealed class SignInTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string SignInPath = "/admin/account/signin";

    private HttpClient Browser() => host.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<string> NewUserAsync(string? role)
    {
        var email = $"shell-{Guid.NewGuid():N}@test.dge";
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DgeUser>>();
        var user = new DgeUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, AccessHost.UserPassword)).Succeeded);
        if (role is not null)
        {
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }

        return email;
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password, string returnUrl = "/admin")
    {
        var page = await browser.PageAsync($"{SignInPath}?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        return await browser.PostFormAsync(page, SignInPath, [new("Input.Email", email), new("Input.Password", password), new("ReturnUrl", returnUrl)]);
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin?asOf=2026-01-01")]
    public async Task AdminPage_Anonymous_IsSentToSignInWithItsAddress(string path)
    {
        using var response = await Browser().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{SignInPath}?ReturnUrl={Uri.EscapeDataString(path)}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_RightPassword_ReturnsToThePageAndShowsWhoIsSignedIn()
    {
        var email = await NewUserAsync(Roles.Reader);
        var browser = Browser();

        using var response = await SignInAsync(browser, email, AccessHost.UserPassword, "/admin?x=1");
        var home = await browser.PageAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin?x=1", response.Headers.Location?.OriginalString);
        Assert.Equal(email, home.QuerySelector("header .who span")?.TextContent);
    }

    [Theory]
    [InlineData("https://evil.example/admin")]
    [InlineData("//evil.example/admin")]
    [InlineData("/graphql?query={me{name}}")]
    public async Task SignIn_ReturnUrlOutsideTheShell_GoesToTheOverview(string returnUrl)
    {
        var email = await NewUserAsync(Roles.Reader);

        using var response = await SignInAsync(Browser(), email, AccessHost.UserPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsTheErrorAndKeepsTheEmailButNotThePassword()
    {
        var email = await NewUserAsync(Roles.Reader);
        var browser = Browser();

        using var response = await SignInAsync(browser, email, "Wrong-password-1234");
        var page = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Forkert e-mail eller adgangskode.", page.QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(email, page.QuerySelector("input[name='Input.Email']")?.GetAttribute("value"));
        Assert.True(string.IsNullOrEmpty(page.QuerySelector("input[name='Input.Password']")?.GetAttribute("value")));
        using var home = await browser.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task SignIn_EmptyFields_NamesEachField()
    {
        using var response = await SignInAsync(Browser(), string.Empty, string.Empty);
        var page = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Skriv din e-mail.", page.QuerySelector("[data-valmsg-for='Input.Email']")?.TextContent);
        Assert.Equal("Skriv din adgangskode.", page.QuerySelector("[data-valmsg-for='Input.Password']")?.TextContent);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountEvenForTheRightOne()
    {
        var email = await NewUserAsync(Roles.Reader);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await SignInAsync(Browser(), email, "Wrong-password-1234");
        }

        using var response = await SignInAsync(Browser(), email, AccessHost.UserPassword);
        var page = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Kontoen er låst", page.QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_PostWithoutAntiforgeryToken_IsRefused()
    {
        var email = await NewUserAsync(Roles.Reader);

        using var response = await Browser().PostAsync(
            new Uri(SignInPath, UriKind.Relative),
            new FormUrlEncodedContent([new("Input.Email", email), new("Input.Password", AccessHost.UserPassword)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SignOut_Post_EndsTheSessionAndConfirmsIt()
    {
        var email = await NewUserAsync(Roles.Reader);
        var browser = Browser();
        using (await SignInAsync(browser, email, AccessHost.UserPassword))
        {
        }

        var home = await browser.PageAsync("/admin");
        using var response = await browser.PostFormAsync(home, "/admin/account/signout", []);
        using var after = await browser.GetAsync(new Uri("/admin", UriKind.Relative));
        var signIn = await browser.PageAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("Du er logget ud.", signIn.QuerySelector("[role=status]")?.TextContent);
    }

    [Fact]
    public async Task AdminPage_SignedInWithoutRole_Answers403WithTheShellsPage()
    {
        var email = await NewUserAsync(role: null);
        var browser = Browser();
        using (await SignInAsync(browser, email, AccessHost.UserPassword))
        {
        }

        using var response = await browser.GetAsync(new Uri("/admin", UriKind.Relative));
        var page = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Ingen adgang", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task AdminPage_UnknownAddress_Answers404WithTheShellsPage()
    {
        var browser = await host.SignedInAsync(Roles.Reader);

        using var response = await browser.GetAsync(new Uri("/admin/findes-ikke", UriKind.Relative));
        var page = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Siden findes ikke", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task AdminPage_ApiKeyInsteadOfCookie_IsSentToSignIn()
    {
        var browser = Browser();
        browser.DefaultRequestHeaders.Authorization = new("Bearer", await host.NewKeyAsync(Roles.Admin));

        using var response = await browser.GetAsync(new Uri("/admin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(SignInPath, response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Http.Json;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Users;

/// <summary>The users page (admins only: invite, role, lock and unlock) and "Skift adgangskode" for anyone signed in.</summary>
public sealed class IndexTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Path = "/admin/users";

    private static string NewEmail() => $"sekretær-{Guid.NewGuid():N}@region.dk";

    private static Task<HttpResponseMessage> InviteAsync(HttpClient admin, AngleSharp.Html.Dom.IHtmlDocument page, string email, string role = Roles.Reader) =>
        admin.PostFormAsync(page, $"{Path}?handler=Invite", [new("Input.Email", email), new("Input.Role", role)]);

    [Theory]
    [InlineData(Roles.Reader)]
    [InlineData(Roles.Editor)]
    public async Task Page_BelowAdmin_Answers403AndTheMenuHidesIt(string role)
    {
        var browser = await host.SignedInAsync(role);

        using var response = await browser.GetAsync(new Uri(Path, UriKind.Relative));
        var home = await browser.PageAsync("/admin");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(home.QuerySelectorAll("nav a"), a => a.GetAttribute("href") == Path);
    }

    [Fact]
    public async Task Invite_ShowsTheCodeOnceAndListsThePendingAccount()
    {
        var admin = await host.SignedInAsync(Roles.Admin);
        var page = await admin.PageAsync(Path);
        var email = NewEmail();

        using var response = await InviteAsync(admin, page, email, Roles.Editor);
        var result = await response.DocumentAsync();
        var later = await admin.PageAsync(Path);

        var code = result.QuerySelector("#invitation-code")?.GetAttribute("value");
        Assert.Matches("^[0-9A-F]{4}(-[0-9A-F]{4}){7}$", code);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var row = later.QuerySelectorAll("#users tbody tr").Single(r => r.QuerySelector("td")?.TextContent == email);
        Assert.StartsWith("Inviteret", row.QuerySelector("td.state")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("selected", row.QuerySelector("select option[value=Editor]")?.GetAttribute("selected"));
        Assert.DoesNotContain(code!, later.Source.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_BadEmail_ShowsTheApisErrorAtTheFieldAndKeepsTheInput()
    {
        var admin = await host.SignedInAsync(Roles.Admin);
        var page = await admin.PageAsync(Path);

        using var response = await InviteAsync(admin, page, "ikke en mail", Roles.Admin);
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("must be an e-mail address", result.QuerySelector("[data-valmsg-for='Input.Email']")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("ikke en mail", result.QuerySelector("input[name='Input.Email']")?.GetAttribute("value"));
        Assert.Null(result.QuerySelector("#invitation-code"));
    }

    [Fact]
    public async Task LockAndUnlock_FromTheList_SayWhatChangedAndTakeEffect()
    {
        var admin = await host.SignedInAsync(Roles.Admin);
        var email = NewEmail();
        using (var invited = await InviteAsync(admin, await admin.PageAsync(Path), email))
        {
            Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        }

        var page = await admin.PageAsync(Path);
        var row = page.QuerySelectorAll("#users tbody tr").Single(r => r.QuerySelector("td")?.TextContent == email);
        var id = row.GetAttribute("data-user")!;
        var version = row.QuerySelector("input[name=version]")!.GetAttribute("value")!;

        using var locked = await admin.PostFormAsync(page, $"{Path}?handler=Lock", [new("id", id), new("email", email), new("version", version)]);
        var afterLock = await locked.DocumentAsync();
        using var stale = await admin.PostFormAsync(afterLock, $"{Path}?handler=Unlock", [new("id", id), new("email", email), new("version", version)]);
        var afterStale = await stale.DocumentAsync();
        var lockedRow = afterLock.QuerySelector($"#users tr[data-user='{id}']")!;
        var newVersion = lockedRow.QuerySelector("input[name=version]")!.GetAttribute("value")!;
        using var unlocked = await admin.PostFormAsync(afterStale, $"{Path}?handler=Unlock", [new("id", id), new("email", email), new("version", newVersion)]);
        var afterUnlock = await unlocked.DocumentAsync();

        Assert.Equal($"{email} er låst og kan ikke logge ind, før kontoen låses op.", afterLock.QuerySelector("p.status")?.TextContent);
        Assert.Equal("Låst af en administrator", lockedRow.QuerySelector("td.state")?.TextContent);
        Assert.Contains("ændret af en anden", afterStale.QuerySelector("p.error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal($"{email} er låst op.", afterUnlock.QuerySelector("p.status")?.TextContent);
        Assert.StartsWith("Inviteret", afterUnlock.QuerySelector($"#users tr[data-user='{id}'] td.state")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_WrongCurrentPassword_ShowsTheErrorAtTheField_ThenARightChangeSignsInWithTheNewOne()
    {
        var reader = await host.SignedInAsync(Roles.Reader);
        using var meResponse = await reader.PostAsJsonAsync("/graphql", new { query = "{ me { name } }" });
        var email = (await meResponse.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("data").GetProperty("me").GetProperty("name").GetString()!;
        var page = await reader.PageAsync("/admin/account/password");

        using var wrong = await reader.PostFormAsync(page, "/admin/account/password",
            [new("Input.CurrentPassword", "Forkert-kode-2026"), new("Input.NewPassword", "Helt-ny-kode-2027"), new("Input.ConfirmPassword", "Helt-ny-kode-2027")]);
        var wrongPage = await wrong.DocumentAsync();
        using var right = await reader.PostFormAsync(wrongPage, "/admin/account/password",
            [new("Input.CurrentPassword", AccessHost.UserPassword), new("Input.NewPassword", "Helt-ny-kode-2027"), new("Input.ConfirmPassword", "Helt-ny-kode-2027")]);
        var rightPage = await right.DocumentAsync();
        using var stillSignedIn = await reader.GetAsync(new Uri("/admin", UriKind.Relative));
        using var signIn = await host.Anonymous().PostAsJsonAsync("/account/signin", new { email, password = "Helt-ny-kode-2027" });

        Assert.Equal("currentPassword is not your current password.", wrongPage.QuerySelector("[data-valmsg-for='Input.CurrentPassword']")?.TextContent);
        Assert.Null(wrongPage.QuerySelector("input[name='Input.CurrentPassword']")?.GetAttribute("value"));
        Assert.Equal("Din adgangskode er skiftet. Du er logget ud alle andre steder.", rightPage.QuerySelector("p.status")?.TextContent);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Tests.Admin;
using Dge.Tests.Admin.Groups;
using Dge.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.Access;

/// <summary>
/// Regression tests from an independent review of accounts and the admin forms: each asserts the safe behaviour (a forced
/// sign-out ends the session cleanly, a password change keeps the changing session, wrong current passwords count toward
/// the lockout, the last admin stays, strangers cannot block an invitation, hostile form input never answers 500, Readers
/// are refused on every change handler, sign-in never leaves the site, CSV downloads are not cached).
/// </summary>
public sealed class AccountHardeningTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string ChangePassword = """
        mutation($input: ChangeMyPasswordInput!) { changeMyPassword(input: $input) { user { email } errors { __typename ... on ValidationError { code } } } }
        """;

    private const string SetRole = """
        mutation($input: SetUserRoleInput!) { setUserRole(input: $input) { user { role } errors { __typename ... on ValidationError { code } } } }
        """;

    private const string Lock = """
        mutation($input: LockUserInput!) { lockUser(input: $input) { user { lockedOutUntil } errors { __typename ... on ValidationError { code } } } }
        """;

    private static async Task<JsonElement> SendAsync(HttpClient client, string document, object input)
    {
        using var response = await client.SendAsync(Post(JsonSerializer.Serialize(new { query = document, variables = new { input } })));
        return await JsonAsync(response);
    }

    /// <summary>Sign-in locks an account after five wrong passwords; changeMyPassword counts its wrong guesses the same way, so a borrowed session is no way around it.</summary>
    [Fact]
    public async Task ChangeMyPassword_ManyWrongCurrentPasswords_LocksLikeSignIn()
    {
        using var person = await host.SignedInAsync(Roles.Reader);
        var codes = new List<string>();

        for (var attempt = 0; attempt < 6; attempt++)
        {
            var wrong = await SendAsync(person, ChangePassword, new { currentPassword = $"Gæt-nummer-{attempt}-2026", newPassword = "Helt-ny-kode-2027!" });
            codes.Add(wrong.GetProperty("data").GetProperty("changeMyPassword").GetProperty("errors")[0].GetProperty("code").GetString()!);
        }

        var right = await SendAsync(person, ChangePassword, new { currentPassword = AccessHost.UserPassword, newPassword = "Helt-ny-kode-2027!" });

        Assert.Equal(["WRONG_PASSWORD", "WRONG_PASSWORD", "WRONG_PASSWORD", "WRONG_PASSWORD", "WRONG_PASSWORD", "LOCKED_OUT"], codes);
        Assert.Equal("LOCKED_OUT", right.GetProperty("data").GetProperty("changeMyPassword").GetProperty("errors")[0].GetProperty("code").GetString());
    }

    /// <summary>
    /// The security stamp is checked at most once a minute; when that check falls in the password page's own post (the
    /// person took over a minute to type three passwords), the refreshed cookie carries the old stamp and this session ends too.
    /// ValidationInterval zero makes every request such a request.
    /// </summary>
    [Fact]
    public async Task PasswordPage_WhenTheStampWasCheckedInTheSameRequest_KeepsThisSessionSignedIn()
    {
        await using var factory = new DgeAppFactory(
            await TestDatabases.CopyNationalAsync(),
            configureServices: services =>
            {
                services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);

            });
        (await factory.CreateReadyClientAsync()).Dispose();
        using var person = await factory.SignedInClientAsync(Roles.Reader, new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await person.PageAsync("/admin/account/password");

        using var changed = await person.PostFormAsync(page, "/admin/account/password",
            [new("Input.CurrentPassword", DgeAppFactory.UserPassword), new("Input.NewPassword", "Helt-ny-kode-2027!"), new("Input.ConfirmPassword", "Helt-ny-kode-2027!")]);
        using var after = await person.GetAsync(new Uri("/admin/account/password", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    /// <summary>
    /// A role change, a lock or a password change renews the stamp so open sessions end; when the validator rejects the
    /// old cookie, Identity also signs out of Identity.TwoFactorRememberMe, which AddIdentityCore never registered.
    /// </summary>
    [Fact]
    public async Task SecurityStamp_Rejection_SignsOutWithoutA500()
    {
        await using var factory = new DgeAppFactory(
            await TestDatabases.CopyNationalAsync(),
            configureServices: services => services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero));
        (await factory.CreateReadyClientAsync()).Dispose();
        using var person = await factory.SignedInClientAsync(Roles.Editor, new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (var before = await person.GetAsync(new Uri("/admin", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // An admin changes the person's role (any stamp renewal will do).
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DgeUser>>();
            var user = Assert.Single(await users.GetUsersInRoleAsync(Roles.Editor));
            Assert.True((await users.UpdateSecurityStampAsync(user)).Succeeded);
        }

        var statuses = new List<string>();
        foreach (var path in new[] { "/admin", "/admin/account/signin", "/healthz" })
        {
            try
            {
                using var response = await person.GetAsync(new Uri(path, UriKind.Relative));
                statuses.Add($"{path} {(int)response.StatusCode}");
            }
            catch (InvalidOperationException exception)
            {
                statuses.Add($"{path} 500 {exception.Message[..Math.Min(exception.Message.Length, 60)]}");
            }
        }

        Assert.Equal(["/admin 302", "/admin/account/signin 200", "/healthz 200"], statuses);
    }

    /// <summary>An admin cannot demote or lock themselves, but an Admin API key can demote and lock the only admin account.</summary>
    [Fact]
    public async Task SetUserRoleAndLockUser_ByAnAdminKey_CannotRemoveTheLastAdmin()
    {
        await using var factory = new DgeAppFactory(await TestDatabases.CopyNationalAsync());
        (await factory.CreateReadyClientAsync()).Dispose();
        using var onlyAdmin = await factory.SignedInClientAsync(Roles.Admin);
        string key;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DgeUser>>();
            var admins = await users.GetUsersInRoleAsync(Roles.Admin);
            key = Assert.Single(admins).Id;
        }

        var (_, secret) = await factory.Services.GetRequiredService<ApiKeys>().CreateAsync("probe", Roles.Admin, null, "tests", CancellationToken.None);
        using var program = factory.CreateClient();
        program.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var id = Convert.ToBase64String(Encoding.UTF8.GetBytes($"User:{key}"));

        var locked = await SendAsync(program, Lock, new { id, expectedVersion = 0 });
        var demoted = await SendAsync(program, SetRole, new { id, expectedVersion = 1, role = Roles.Reader });

        Assert.NotEqual(JsonValueKind.Null, locked.GetProperty("data").GetProperty("lockUser").GetProperty("errors").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, demoted.GetProperty("data").GetProperty("setUserRole").GetProperty("errors").ValueKind);
    }

    /// <summary>A CSV export of a list is personal data in a file; like the pages, it must not be stored by caches.</summary>
    [Fact]
    public async Task GroupsCsv_IsNotCacheable()
    {
        using var reader = await host.SignedInAsync(Roles.Reader);

        using var csv = await reader.GetAsync(new Uri("/admin/groups?handler=Csv&q=zzzz-ingen", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.True(csv.Headers.CacheControl?.NoStore == true, $"Cache-Control: {csv.Headers.CacheControl}");
    }

    /// <summary>Hostile URLs and form values on the new pages: a 4xx or a page with an error, never a 500.</summary>
    [Fact]
    public async Task AdminPages_HostileInput_NeverAnswer500()
    {
        var data = new GroupData(host);
        var group = await data.NewGroupAsync($"Probe {Guid.NewGuid():N}");
        var doctor = (await data.DoctorsAsync(1, 0))[0].Id;
        var membership = await data.AddMemberAsync(group, doctor);
        var g = Uri.EscapeDataString(group);
        using var editor = await host.SignedInAsync(Roles.Editor);
        var long3000 = new string('a', 3000);
        var words = string.Join(' ', Enumerable.Repeat("ab", 33));
        string[] gets =
        [
            "/admin/groups?after=!!!&sort=--x&status=zzz&kind=%00",
            "/admin/groups?before=abc&sort=-",
            "/admin/groups?after=" + Convert.ToBase64String(Encoding.UTF8.GetBytes("-99999999999999999999")),
            "/admin/groups?handler=Csv&q=%25%25&kapUnit=%27%20OR%201%3D1",
            "/admin/groups?handler=Csv&after=abc&before=def",
            "/admin/groups?q=" + long3000,
            "/admin/groups/abc",
            "/admin/groups/%2Fetc%2Fpasswd",
            $"/admin/groups/{Uri.EscapeDataString(doctor)}",
            $"/admin/groups/{g}/members/abc/end",
            $"/admin/groups/{g}/members/{Uri.EscapeDataString(doctor)}/end",
            $"/admin/groups/{g}/members/{Uri.EscapeDataString(membership)}/end",
            "/admin/pick/doctor?q=" + Uri.EscapeDataString(words),
            "/admin/pick/doctor?q=%C0%80%C0%80",
            "/admin/pick/group?q=%5C%22%27",
            "/admin/pick/xyz?q=ab",
            "/admin/meetings/record?groupId=abc",
            "/admin/meetings/record?groupText=" + long3000,
            "/admin/meetings/record?groupText=a",
            "/admin/assets/..%2Fadmin.js",
            "/admin/assets/admin.JS",
        ];
        var failures = new List<string>();
        foreach (var url in gets)
        {
            try
            {
                using var response = await editor.GetAsync(new Uri(url, UriKind.Relative));
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"GET {url[..Math.Min(url.Length, 120)]}: {(int)response.StatusCode}");
                }
            }
            catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
            {
                failures.Add($"GET {url[..Math.Min(url.Length, 120)]}: 500 {exception.GetType().Name} {exception.Message}");
            }
        }

        var page = await editor.PageAsync($"/admin/groups/{g}/edit");
        (string Path, KeyValuePair<string, string>[] Fields)[] posts =
        [
            ($"/admin/groups/{g}/edit", [new("Input.Name", "x"), new("Input.Kind", "DGE"), new("Input.FoundedOn", "2026-02-30"), new("Input.ExpectedVersion", "abc")]),
            ($"/admin/groups/{g}/edit", [new("Input.Name", "x"), new("Input.Kind", "DGE"), new("Input.FoundedOn", "0001-01-01"), new("Input.ExpectedVersion", "-1")]),
            ($"/admin/groups/{g}/dissolve", [new("Input.DissolvedOn", "0001-01-01"), new("Input.Confirmed", "true"), new("Input.ExpectedVersion", "2147483647")]),
            ($"/admin/groups/{g}/dissolve", [new("Input.DissolvedOn", "9999-12-31"), new("Input.Confirmed", "maybe"), new("Input.ExpectedVersion", "1")]),
            ($"/admin/groups/{g}/members/add", [new("Input.DoctorId", "abc"), new("Input.From", "0001-01-01"), new("Input.To", "9999-12-31"), new("Input.Role", "LEADER")]),
            ($"/admin/groups/{g}/members/add", [new("Input.DoctorText", long3000), new("Input.From", "2026-01-01")]),
            ($"/admin/groups/{g}/members/add", [new("Input.DoctorId", doctor), new("Input.From", "9999-12-31"), new("Input.Role", "MEMBER")]),
            ($"/admin/groups/{g}/members/{Uri.EscapeDataString(membership)}/end", [new("Input.To", "0001-01-01"), new("Input.ExpectedVersion", "1")]),
            ($"/admin/groups/{g}/members/{Uri.EscapeDataString(membership)}/end", [new("Input.To", "9999-12-31"), new("Input.ExpectedVersion", "1")]),
            ($"/admin/groups/{g}/leader", [new("Input.DoctorId", "abc"), new("Input.From", "0001-01-01"), new("Input.ExpectedVersion", "1")]),
            ($"/admin/groups/{g}/advisor", [new("Input.AdvisorId", "abc"), new("Input.ExpectedVersion", "1")]),
            ("/admin/groups/create", [new("Input.Name", "x"), new("Input.Kind", "DGE"), new("Input.FoundedOn", "9999-12-31"), new("Input.KapUnitId", "abc"), new("Input.AdvisorId", "abc")]),
            ($"/admin/meetings/record?groupId={g}", [new("Input.Date", "0001-01-01"), new("Input.DurationHours", "1e400"), new("Input.AttendeeIds", "abc")]),
            ($"/admin/meetings/record?groupId={g}", [new("Input.Date", "9999-12-31"), new("Input.DurationHours", "NaN"), new("Input.ThemeIds", doctor)]),
            ($"/admin/meetings/record?groupId={g}", [new("Input.Date", "2026-01-05"), new("Input.DurationHours", "2"), new("Input.AttendeeIds", doctor), new("Input.AttendeeIds", doctor)]),
            ("/admin/meetings/record?groupId=abc", [new("Input.Date", "2026-01-05")]),
        ];
        foreach (var (path, fields) in posts)
        {
            var sent = string.Join('&', fields.Select(f => f.Key + "=" + f.Value[..Math.Min(f.Value.Length, 30)]));
            try
            {
                using var response = await editor.PostFormAsync(page, path, fields);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"POST {path} {sent}: {(int)response.StatusCode}");
                }
            }
            catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
            {
                failures.Add($"POST {path} {sent}: 500 {exception.GetType().Name} {exception.Message}");
            }
        }

        using var anonymous = host.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var invitationPage = await anonymous.PageAsync("/admin/account/invitation");
        foreach (var (email, code, password) in new[] { (" x ", "\u0000", "a"), ("a@b.dk", new string('Æ', 100), new string('P', 100_000) + "a1!A"), (AccessHost.AdminEmail, "0000-0000", "Abcdefgh-1234!") })
        {
            try
            {
                using var response = await anonymous.PostFormAsync(invitationPage, "/admin/account/invitation",
                    [new("Input.Email", email), new("Input.Code", code), new("Input.Password", password), new("Input.ConfirmPassword", password)]);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"POST invitation {email}: {(int)response.StatusCode}");
                }
            }
            catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
            {
                failures.Add($"POST invitation {email}: 500 {exception.GetType().Name} {exception.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>
    /// Five wrong sign-ins lock an invited account (it has no password, so every guess is wrong) for a quarter of an
    /// hour, and a locked account's invitation is refused: anyone who knows the address can keep the invitee out.
    /// </summary>
    [Fact]
    public async Task Invitation_AfterStrangersFailedSignIns_StillOpensTheAccount()
    {
        using var admin = await host.SignedInAsync(Roles.Admin);
        var email = $"inv-{Guid.NewGuid():N}@region.dk";
        var invite = await SendAsync(admin, "mutation($input: InviteUserInput!) { inviteUser(input: $input) { invitation { code } errors { __typename } } }", new { email, role = Roles.Reader });
        var code = invite.GetProperty("data").GetProperty("inviteUser").GetProperty("invitation").GetProperty("code").GetString()!;
        using var stranger = host.Anonymous();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var failed = await stranger.PostAsJsonAsync("/account/signin", new { email, password = $"Gæt-{attempt}-Abcdef!" });
        }

        using var browser = host.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await browser.PageAsync("/admin/account/invitation");
        using var accepted = await browser.PostFormAsync(page, "/admin/account/invitation",
            [new("Input.Email", email), new("Input.Code", code), new("Input.Password", "Ny-adgangskode-2026"), new("Input.ConfirmPassword", "Ny-adgangskode-2026")]);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }

    /// <summary>After sign-in the page follows ReturnUrl only within /admin on this site.</summary>
    [Fact]
    public async Task SignInPage_ReturnUrl_NeverLeavesTheSite()
    {
        var email = $"ret-{Guid.NewGuid():N}@test.dge";
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DgeUser>>();
            var user = new DgeUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, AccessHost.UserPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Reader)).Succeeded);
        }

        var locations = new List<string>();
        foreach (var returnUrl in new[] { "//evil.example", "/\\evil.example", "/admin/../..//evil.example", "/admin\\..\\..\\evil.example", "/admin%2F%2Fevil.example", "https://evil.example/admin", "/admin@evil.example", "/admin/\t/evil.example" })
        {
            using var browser = host.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var page = await browser.PageAsync("/admin/account/signin");
            using var response = await browser.PostFormAsync(page, "/admin/account/signin?ReturnUrl=" + Uri.EscapeDataString(returnUrl),
                [new("Input.Email", email), new("Input.Password", AccessHost.UserPassword), new("ReturnUrl", returnUrl)]);
            var location = response.Headers.Location?.OriginalString ?? $"(status {(int)response.StatusCode})";
            var resolved = new Uri(new Uri("https://dge.example/admin/account/signin"), location);
            if (resolved.Host != "dge.example")
            {
                locations.Add($"{returnUrl} -> {location}");
            }
        }

        Assert.True(locations.Count == 0, string.Join("\n", locations));
    }

    /// <summary>Every change handler refuses a Reader, whatever it posts.</summary>
    [Fact]
    public async Task EditHandlers_Reader_Refused()
    {
        var data = new GroupData(host);
        var group = Uri.EscapeDataString(await data.NewGroupAsync($"Probe {Guid.NewGuid():N}"));
        using var reader = await host.SignedInAsync(Roles.Reader);
        var page = await reader.PageAsync("/admin/account/password");
        string[] paths =
        [
            "/admin/groups/create", $"/admin/groups/{group}/edit", $"/admin/groups/{group}/dissolve", $"/admin/groups/{group}/members/add",
            $"/admin/groups/{group}/members/abc/end", $"/admin/groups/{group}/leader", $"/admin/groups/{group}/advisor", $"/admin/meetings/record?groupId={group}",
            "/admin/users?handler=Invite", "/admin/users?handler=Role", "/admin/users?handler=Lock", "/admin/users?handler=Unlock",
        ];
        var allowed = new List<string>();
        foreach (var path in paths)
        {
            using var response = await reader.PostFormAsync(page, path, [new("Input.Name", "x"), new("Input.Email", "x@y.dk"), new("Input.Role", "Admin"), new("role", "Admin")]);
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                allowed.Add($"{path}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(allowed);
    }
}

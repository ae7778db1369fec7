using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Api.Data;
using Dge.Tests.Admin;
using Dge.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.Access;

/// <summary>Admins invite, change the role of, lock and unlock accounts; a person accepts an invitation and changes their own password.</summary>
public sealed class UserAccountsTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Errors = "errors { __typename ... on Error { message } ... on ValidationError { path code } ... on ConflictError { currentVersion } }";

    private const string Refusals = "errors { __typename ... on Error { message } ... on ValidationError { path code } }";

    private static readonly string Invite = $$"""
        mutation($input: InviteUserInput!) { inviteUser(input: $input) { invitation { code expiresAt user { id email role invitationPending version } } {{Refusals}} } }
        """;

    private static readonly string SetRole = $$"""
        mutation($input: SetUserRoleInput!) { setUserRole(input: $input) { user { id role version } {{Errors}} } }
        """;

    private static readonly string Lock = $$"""
        mutation($input: LockUserInput!) { lockUser(input: $input) { user { id lockedOutUntil version } {{Errors}} } }
        """;

    private static readonly string Unlock = $$"""
        mutation($input: UnlockUserInput!) { unlockUser(input: $input) { user { id lockedOutUntil version } {{Errors}} } }
        """;

    private static readonly string ChangePassword = $$"""
        mutation($input: ChangeMyPasswordInput!) { changeMyPassword(input: $input) { user { email } {{Refusals}} } }
        """;

    private const string NewPassword = "Ny-adgangskode-2026";

    private static int _last;

    private static string NewEmail() => $"inviteret{Interlocked.Increment(ref _last)}-{Guid.NewGuid():N}@region.dk";

    private static async Task<JsonElement> PayloadAsync(HttpClient client, string document, object input, string field)
    {
        using var response = await client.SendAsync(Post(JsonSerializer.Serialize(new { query = document, variables = new { input } })));
        var json = await JsonAsync(response);
        Assert.False(json.TryGetProperty("errors", out var errors), errors.ToString());
        return json.GetProperty("data").GetProperty(field);
    }

    private static JsonElement OnlyError(JsonElement payload) => Assert.Single(payload.GetProperty("errors").EnumerateArray());

    private HttpClient Browser() => host.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<HttpStatusCode> SignInStatusAsync(string email, string password)
    {
        using var client = host.Anonymous();
        using var response = await client.PostAsJsonAsync("/account/signin", new { email, password });
        return response.StatusCode;
    }

    /// <summary>An invited person sets a password on the invitation page; the answer of that post.</summary>
    private async Task<HttpResponseMessage> AcceptAsync(HttpClient browser, string email, string code, string password = NewPassword)
    {
        var page = await browser.PageAsync("/admin/account/invitation");
        return await browser.PostFormAsync(page, "/admin/account/invitation",
            [new("Input.Email", email), new("Input.Code", code), new("Input.Password", password), new("Input.ConfirmPassword", password)]);
    }

    private async Task<(string Id, string Email)> ActiveUserAsync(HttpClient admin, string role = Roles.Reader)
    {
        var email = NewEmail();
        var invitation = (await PayloadAsync(admin, Invite, new { email, role }, "inviteUser")).GetProperty("invitation");
        using var browser = Browser();
        using var accepted = await AcceptAsync(browser, email, invitation.GetProperty("code").GetString()!);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        return (invitation.GetProperty("user").GetProperty("id").GetString()!, email);
    }

    private async Task<long> VersionAsync(string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DgeDbContext>();
        return (await db.Users.AsNoTracking().SingleAsync(u => u.Email == email)).Version;
    }

    [Fact]
    public async Task InviteUser_ThenTheCodeOnTheInvitationPage_SignsThePersonInWithTheRoleAndTheCodeIsSpent()
    {
        using var admin = await host.SignedInAsync(Roles.Admin);
        var email = NewEmail();

        var invitation = (await PayloadAsync(admin, Invite, new { email, role = Roles.Editor }, "inviteUser")).GetProperty("invitation");
        var code = invitation.GetProperty("code").GetString()!;
        Assert.True(invitation.GetProperty("user").GetProperty("invitationPending").GetBoolean());
        Assert.Equal(Roles.Editor, invitation.GetProperty("user").GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(email, NewPassword));

        using var browser = Browser();
        using var accepted = await AcceptAsync(browser, email, code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        using var me = await browser.SendAsync(PostQuery("{ me { name roles via } }"));
        using var again = await AcceptAsync(Browser(), email, code, "Endnu-en-kode-2026");

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var who = (await JsonAsync(me)).GetProperty("data").GetProperty("me");
        Assert.Equal(email, who.GetProperty("name").GetString());
        Assert.Equal([Roles.Reader, Roles.Editor], who.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.NoContent, await SignInStatusAsync(email, NewPassword));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("passer ikke", (await again.DocumentAsync()).QuerySelector("[data-valmsg-for='Input.Code']")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(email, "Endnu-en-kode-2026"));
    }

    [Fact]
    public async Task InviteUser_AuditsWithoutTheCodeAndTheUsersListShowsThePendingInvitation()
    {
        using var admin = await host.SignedInAsync(Roles.Admin);
        var email = NewEmail();

        var invitation = (await PayloadAsync(admin, Invite, new { email, role = Roles.Reader }, "inviteUser")).GetProperty("invitation");
        using var list = await admin.SendAsync(PostQuery("{ users { id email role invitationPending invitationExpiresAt } }"));

        var id = invitation.GetProperty("user").GetProperty("id").GetString()!;
        var row = (await JsonAsync(list)).GetProperty("data").GetProperty("users").EnumerateArray().Single(u => u.GetProperty("email").GetString() == email);
        Assert.Equal(id, row.GetProperty("id").GetString());
        Assert.True(row.GetProperty("invitationPending").GetBoolean());
        Assert.Equal(invitation.GetProperty("expiresAt").GetDateTime(), row.GetProperty("invitationExpiresAt").GetDateTime());
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DgeDbContext>();
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.EntityId == id);
        Assert.Equal(("inviteUser", "User"), (entry.Operation, entry.EntityType));
        Assert.Contains(email, entry.After, StringComparison.Ordinal);
        var code = invitation.GetProperty("code").GetString()!;
        Assert.DoesNotContain(code, entry.After, StringComparison.Ordinal);
        Assert.DoesNotContain(await db.UserTokens.AsNoTracking().Select(t => t.Value).ToListAsync(), value => value!.Contains(code, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ikke-en-mail", "Reader", "email", "INVALID_EMAIL")]
    [InlineData(null, "Superuser", "role", "UNKNOWN_ROLE")]
    public async Task InviteUser_BadInput_IsATypedErrorOnTheFieldAndCreatesNoAccount(string? email, string role, string field, string code)
    {
        using var admin = await host.SignedInAsync(Roles.Admin);
        email ??= NewEmail();

        var error = OnlyError(await PayloadAsync(admin, Invite, new { email, role }, "inviteUser"));

        Assert.Equal(["input", field], error.GetProperty("path").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(code, error.GetProperty("code").GetString());
        await using var scope = host.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<DgeDbContext>().Users.AnyAsync(u => u.Email == email));
    }

    [Fact]
    public async Task InviteUser_AnEmailWithAnAccount_IsEmailTaken()
    {
        using var admin = await host.SignedInAsync(Roles.Admin);
        var (_, email) = await ActiveUserAsync(admin);

        var error = OnlyError(await PayloadAsync(admin, Invite, new { email = email.ToUpperInvariant(), role = Roles.Admin }, "inviteUser"));

        Assert.Equal("EMAIL_TAKEN", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task LockUser_RefusesSignInUntilUnlocked_AndAStaleVersionIsAConflict()
    {
        using var admin = await host.SignedInAsync(Roles.Admin);
        var (id, email) = await ActiveUserAsync(admin);
        var version = await VersionAsync(email);

        var locked = (await PayloadAsync(admin, Lock, new { id, expectedVersion = version }, "lockUser")).GetProperty("user");
        var lockedStatus = await SignInStatusAsync(email, NewPassword);
        var stale = OnlyError(await PayloadAsync(admin, Unlock, new { id, expectedVersion = version }, "unlockUser"));
        var unlocked = (await PayloadAsync(admin, Unlock, new { id, expectedVersion = version + 1 }, "unlockUser")).GetProperty("user");

        Assert.Equal(9999, locked.GetProperty("lockedOutUntil").GetDateTime().Year);
        Assert.Equal(HttpStatusCode.Locked, lockedStatus);
        Assert.Equal(("ConflictError", version + 1), (stale.GetProperty("__typename").GetString(), stale.GetProperty("currentVersion").GetInt64()));
        Assert.Equal(JsonValueKind.Null, unlocked.GetProperty("lockedOutUntil").ValueKind);
        Assert.Equal(version + 2, unlocked.GetProperty("version").GetInt64());
        Assert.Equal(HttpStatusCode.NoContent, await SignInStatusAsync(email, NewPassword));
    }

    [Fact]
    public async Task SetUserRole_GivesTheNewRole_ButAnAdminCannotLockOrDemoteThemselves()
    {
        using var admin = await host.SignedInAsync(Roles.Admin);
        var (id, email) = await ActiveUserAsync(admin);
        using var list = await admin.SendAsync(PostQuery("{ me { name } users { id email version } }"));
        var data = (await JsonAsync(list)).GetProperty("data");
        var self = data.GetProperty("users").EnumerateArray().Single(u => u.GetProperty("email").GetString() == data.GetProperty("me").GetProperty("name").GetString());
        var selfInput = new { id = self.GetProperty("id").GetString(), expectedVersion = self.GetProperty("version").GetInt32() };

        var promoted = (await PayloadAsync(admin, SetRole, new { id, expectedVersion = await VersionAsync(email), role = Roles.Editor }, "setUserRole")).GetProperty("user");
        var demoteSelf = OnlyError(await PayloadAsync(admin, SetRole, new { selfInput.id, selfInput.expectedVersion, role = Roles.Reader }, "setUserRole"));
        var lockSelf = OnlyError(await PayloadAsync(admin, Lock, selfInput, "lockUser"));

        Assert.Equal(Roles.Editor, promoted.GetProperty("role").GetString());
        using var person = host.Anonymous();
        using (var signIn = await person.PostAsJsonAsync("/account/signin", new { email, password = NewPassword }))
        {
            Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        }

        using var me = await person.SendAsync(PostQuery("{ me { roles } }"));
        Assert.Contains(Roles.Editor, (await JsonAsync(me)).GetProperty("data").GetProperty("me").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("OWN_ADMIN_ROLE", demoteSelf.GetProperty("code").GetString());
        Assert.Equal("OWN_ACCOUNT", lockSelf.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ChangeMyPassword_NeedsTheCurrentPasswordAndTheRules_ThenOnlyTheNewOneSignsIn()
    {
        using var admin = await host.SignedInAsync(Roles.Admin);
        var (_, email) = await ActiveUserAsync(admin);
        using var person = host.Anonymous();
        using (var signIn = await person.PostAsJsonAsync("/account/signin", new { email, password = NewPassword }))
        {
            Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        }

        var wrong = OnlyError(await PayloadAsync(person, ChangePassword, new { currentPassword = "Forkert-kode-2026", newPassword = "Helt-ny-kode-2027" }, "changeMyPassword"));
        var weak = OnlyError(await PayloadAsync(person, ChangePassword, new { currentPassword = NewPassword, newPassword = "kort" }, "changeMyPassword"));
        var changed = await PayloadAsync(person, ChangePassword, new { currentPassword = NewPassword, newPassword = "Helt-ny-kode-2027" }, "changeMyPassword");

        Assert.Equal("input.currentPassword WRONG_PASSWORD", $"{string.Join('.', wrong.GetProperty("path").EnumerateArray())} {wrong.GetProperty("code")}");
        Assert.Equal("input.newPassword WEAK_PASSWORD", $"{string.Join('.', weak.GetProperty("path").EnumerateArray())} {weak.GetProperty("code")}");
        Assert.Equal(JsonValueKind.Null, changed.GetProperty("errors").ValueKind);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(email, NewPassword));
        Assert.Equal(HttpStatusCode.NoContent, await SignInStatusAsync(email, "Helt-ny-kode-2027"));
    }

    [Fact]
    public async Task ChangeMyPassword_WithAnApiKey_IsForbiddenAsData()
    {
        using var program = await host.WithKeyAsync(Roles.Admin);

        var error = OnlyError(await PayloadAsync(program, ChangePassword, new { currentPassword = "x", newPassword = "Helt-ny-kode-2027" }, "changeMyPassword"));

        Assert.Equal("ForbiddenError", error.GetProperty("__typename").GetString());
    }

    [Theory]
    [InlineData(Roles.Reader)]
    [InlineData(Roles.Editor)]
    public async Task Users_BelowAdmin_IsNotAuthorizedAndListsNoOne(string role)
    {
        using var caller = await host.SignedInAsync(role);

        using var response = await caller.SendAsync(PostQuery("{ users { email } }"));

        var json = await JsonAsync(response);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("data").ValueKind == JsonValueKind.Object ? json.GetProperty("data").GetProperty("users").ValueKind : JsonValueKind.Null);
        Assert.Equal("AUTH_NOT_AUTHORIZED", json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Invitation_OfALockedAccount_DoesNotOpenIt()
    {
        using var admin = await host.SignedInAsync(Roles.Admin);
        var email = NewEmail();
        var invitation = (await PayloadAsync(admin, Invite, new { email, role = Roles.Admin }, "inviteUser")).GetProperty("invitation");
        var id = invitation.GetProperty("user").GetProperty("id").GetString()!;
        Assert.Equal(JsonValueKind.Null, (await PayloadAsync(admin, Lock, new { id, expectedVersion = 1 }, "lockUser")).GetProperty("errors").ValueKind);

        using var browser = Browser();
        using var accepted = await AcceptAsync(browser, email, invitation.GetProperty("code").GetString()!);
        using var me = await browser.SendAsync(PostQuery("{ me { authenticated } }"));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.False((await JsonAsync(me)).GetProperty("data").GetProperty("me").GetProperty("authenticated").GetBoolean());
        Assert.Equal(HttpStatusCode.Locked, await SignInStatusAsync(email, NewPassword));
    }
}

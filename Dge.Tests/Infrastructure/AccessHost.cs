using System.Net.Http.Headers;
using Dge.Api.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.Infrastructure;

/// <summary>
/// The host over a private copy of the national database with an admin account from the settings, and ways to make the
/// callers of a permission test: users signed in by cookie, and API keys.
/// </summary>
public sealed class AccessHost : IAsyncLifetime
{
    public const string AdminEmail = "admin@test.dge";
    public const string AdminPassword = "Admin-password-1234";
    public const string UserPassword = DgeAppFactory.UserPassword;

    private DgeAppFactory? _factory;

    public DgeAppFactory Factory => _factory!;

    public IServiceProvider Services => Factory.Services;

    public async Task InitializeAsync()
    {
        _factory = new DgeAppFactory(
            await TestDatabases.CopyNationalAsync(),
            settings: new Dictionary<string, string> { ["Dge:Admin:Email"] = AdminEmail, ["Dge:Admin:Password"] = AdminPassword });
        (await _factory.CreateReadyClientAsync()).Dispose();
        await WaitForUserAsync(AdminEmail);
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>An anonymous client.</summary>
    public HttpClient Anonymous() => Factory.CreateClient();

    /// <summary>A client signed in (cookie) as a new user with <paramref name="role"/>, or with no role when null.</summary>
    public Task<HttpClient> SignedInAsync(string? role) => Factory.SignedInClientAsync(role);

    /// <summary>A client sending a new API key with <paramref name="role"/>.</summary>
    public async Task<HttpClient> WithKeyAsync(string role)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await NewKeyAsync(role));
        return client;
    }

    public async Task<string> NewKeyAsync(string role, DateTime? expiresAt = null)
    {
        var (_, secret) = await Services.GetRequiredService<ApiKeys>().CreateAsync($"test {role}", role, expiresAt, "tests", CancellationToken.None);
        return secret;
    }

    /// <summary>The admin account is made in the background once the database is ready.</summary>
    private async Task WaitForUserAsync(string email)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            await using var scope = Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DgeUser>>();
            if (await users.FindByEmailAsync(email) is { } user && await users.IsInRoleAsync(user, Roles.Admin))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The admin account {email} was not created.");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dge.Api.Access;
using Dge.Tests.GraphQL.Http;
using Dge.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dge.Tests.Access;

public sealed partial class AdminAccountTests
{
    [Fact]
    public async Task Start_DevelopmentWithoutPassword_PrintsAGeneratedPasswordOnceAndItSignsIn()
    {
        var path = await TestDatabases.CopyReferenceOnlyAsync();
        var firstLogs = new CollectingLoggerProvider();
        var console = new CollectingConsole();
        string password;
        await using (var first = Host(path, firstLogs, "Development", console: console))
        {
            using var client = await first.CreateReadyClientAsync();
            var line = await WaitForAsync(() => firstLogs.Entries.FirstOrDefault(e => e.Category == typeof(AdminAccount).FullName && e.Message.Contains("password", StringComparison.Ordinal)));
            Assert.Equal(LogLevel.Warning, line.Level);
            password = GeneratedPassword().Match(Assert.Single(console.Lines)).Groups[1].Value;
            Assert.True(password.Length >= 20);

            // Printed, never logged: log entries are kept and exported with their attributes (a generated logging method's
            // attributes are the parameters of its message, so a password among them would show in the message).
            Assert.DoesNotContain(firstLogs.Entries, e => e.Message.Contains(password, StringComparison.Ordinal));

            using var signIn = await client.PostAsJsonAsync("/account/signin", new { email = AdminAccountOptions.DevelopmentEmail, password });
            Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        }

        var secondLogs = new CollectingLoggerProvider();
        var secondConsole = new CollectingConsole();
        await using var second = Host(path, secondLogs, "Development", console: secondConsole);
        using var again = await second.CreateReadyClientAsync();
        await WaitForAdminAsync(second.Services, AdminAccountOptions.DevelopmentEmail);

        Assert.DoesNotContain(secondLogs.Entries, e => e.Message.Contains(password, StringComparison.Ordinal));
        Assert.Empty(secondConsole.Lines);
    }

    [Fact]
    public async Task Start_ProductionWithoutSettings_CreatesNoAccount()
    {
        var logs = new CollectingLoggerProvider();
        await using var host = Host(await TestDatabases.CopyReferenceOnlyAsync(), logs, "Production");
        using var client = await host.CreateReadyClientAsync();

        await WaitForAsync(() => logs.Entries.FirstOrDefault(e => e.Category == typeof(AdminAccount).FullName));

        await using var scope = host.Services.CreateAsyncScope();
        Assert.Empty(scope.ServiceProvider.GetRequiredService<UserManager<DgeUser>>().Users);
    }

    [Fact]
    public async Task Start_ConfiguredPasswordChanged_UpdatesTheAccount()
    {
        var path = await TestDatabases.CopyReferenceOnlyAsync();
        await using (var first = Host(path, new CollectingLoggerProvider(), "Production", "First-password-1234"))
        {
            (await first.CreateReadyClientAsync()).Dispose();
            await WaitForAdminAsync(first.Services, "ops@test.dge");
        }

        await using var second = Host(path, new CollectingLoggerProvider(), "Production", "Second-password-1234");
        using var client = await second.CreateReadyClientAsync();
        await WaitForAsync(async () =>
        {
            using var response = await client.PostAsJsonAsync("/account/signin", new { email = "ops@test.dge", password = "Second-password-1234" });
            return response.StatusCode == HttpStatusCode.NoContent ? "ok" : null;
        });

        using var old = await client.PostAsJsonAsync("/account/signin", new { email = "ops@test.dge", password = "First-password-1234" });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
    }

    private static DgeAppFactory Host(string path, CollectingLoggerProvider logs, string environment, string? password = null, ConsoleNotice? console = null)
    {
        var settings = new Dictionary<string, string> { ["environment"] = environment };
        if (password is not null)
        {
            settings["Dge:Admin:Email"] = "ops@test.dge";
            settings["Dge:Admin:Password"] = password;
        }

        return new DgeAppFactory(
            path,
            configureServices: services =>
            {
                services.AddSingleton<ILoggerProvider>(logs);
                if (console is not null)
                {
                    services.AddSingleton(console);
                }
            },
            settings: settings);
    }

    private static async Task WaitForAdminAsync(IServiceProvider services, string email) =>
        await WaitForAsync(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DgeUser>>();
            return await users.FindByEmailAsync(email) is { } user && await users.IsInRoleAsync(user, Roles.Admin) ? user : null;
        });

    private static Task<T> WaitForAsync<T>(Func<T?> find)
        where T : class => WaitForAsync(() => Task.FromResult(find()));

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> find)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await find() is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The admin account's start-up work did not happen.");
    }

    [GeneratedRegex("has the password (\\S+) ")]
    private static partial Regex GeneratedPassword();

    /// <summary>The host's console lines, kept for the test.</summary>
    private sealed class CollectingConsole : ConsoleNotice
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public override void WriteLine(string line) => _lines.Enqueue(line);
    }
}

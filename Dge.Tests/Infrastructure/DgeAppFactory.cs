using System.Net;
using System.Net.Http.Json;
using Dge.Api.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.Infrastructure;

/// <summary>The real host (Program.cs) over a test's own database (<see cref="TestDatabases"/>), on its provider.</summary>
public sealed class DgeAppFactory(
    string databasePath,
    int seedScale = 0,
    Action<IServiceCollection>? configureServices = null,
    IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(settings?.GetValueOrDefault("environment") ?? "Test");
        builder.UseSetting("Dge:Database:Provider", TestDatabases.ProviderOf(databasePath).ToString());
        builder.UseSetting("ConnectionStrings:Dge", TestDatabases.ConnectionString(databasePath));
        // A test's PostgreSQL database is made by the host's first start, as a Development machine's is.
        builder.UseSetting("Dge:Database:CreateIfMissing", "true");
        builder.UseSetting("Dge:Seed:Scale", seedScale.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Dge:Seed:RandomSeed", TestDatabases.RandomSeed.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Tests send many requests from one client in moments, on a machine shared with builds: rate limiting is off, and an
        // operation may run as long as SchemaExecution waits, unless a test sets these itself.
        builder.UseSetting("Dge:RateLimit:Enabled", "false");
        builder.UseSetting("Dge:GraphQL:ExecutionTimeout", "00:02:00");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (configureServices is not null)
        {
            builder.ConfigureTestServices(configureServices);
        }
    }

    /// <summary>Polls /healthz until the start-up migration and seed are done.</summary>
    public async Task<HttpClient> CreateReadyClientAsync(TimeSpan? timeout = null)
    {
        var client = CreateClient();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                return client;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The host did not become healthy in time.");
    }

    /// <summary>A client signed in (cookie, through <c>POST /account/signin</c>) as a new user with <paramref name="role"/>, or with no role when null.</summary>
    public async Task<HttpClient> SignedInClientAsync(string? role, WebApplicationFactoryClientOptions? options = null)
    {
        var email = $"{role ?? "none"}-{Guid.NewGuid():N}@test.dge";
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DgeUser>>();
            var user = new DgeUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, UserPassword)).Succeeded);
            if (role is not null)
            {
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            }
        }

        var client = options is null ? CreateClient() : CreateClient(options);
        using var response = await client.PostAsJsonAsync("/account/signin", new { email, password = UserPassword });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return client;
    }

    /// <summary>The password of the users <see cref="SignedInClientAsync"/> makes.</summary>
    public const string UserPassword = "User-password-1234";
}

using System.Net;
using Dge.Api.GraphQL.Http;
using Dge.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dge.Tests.GraphQL.Http;

public sealed class UnhandledResolverErrorsTests
{
    private const string Secret = "SELECT secret FROM \"Doctors\"";

    [Fact]
    public async Task Post_ResolverThrowsOutsideDevelopment_MasksTheErrorAndLogsIt()
    {
        var logs = new CollectingLoggerProvider();
        var clock = new ThrowingClock();
        await using var factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync(), configureServices: services => BreakResolvers(services, clock, logs));
        var client = await factory.CreateReadyClientAsync();
        clock.Throws = true;

        using var response = await client.SendAsync(GraphQLHttp.PostQuery(GraphQLHttp.RegionsQuery, "application/graphql-response+json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("InvalidOperation", body, StringComparison.OrdinalIgnoreCase);
        var error = (await GraphQLHttp.JsonAsync(response)).GetProperty("errors")[0];
        Assert.Equal("Error trying to resolve field 'regions'.", error.GetProperty("message").GetString());
        Assert.Equal(UnhandledResolverErrors.Code, error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains(logs.Entries, entry => entry.Level == LogLevel.Error && entry.Exception?.Message == Secret);
    }

    [Fact]
    public async Task Post_ResolverThrowsInDevelopment_ShowsTheDetails()
    {
        var logs = new CollectingLoggerProvider();
        var clock = new ThrowingClock();
        await using var factory = new DgeAppFactory(
            await TestDatabases.CopyReferenceOnlyAsync(),
            configureServices: services => BreakResolvers(services, clock, logs),
            settings: new Dictionary<string, string> { ["environment"] = "Development" });
        var client = await factory.CreateReadyClientAsync();
        clock.Throws = true;

        using var response = await client.SendAsync(GraphQLHttp.PostQuery(GraphQLHttp.RegionsQuery));

        var error = (await GraphQLHttp.JsonAsync(response)).GetProperty("errors")[0];
        Assert.Equal(UnhandledResolverErrors.Code, error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains(Secret, error.GetProperty("extensions").GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Every connection resolver asks the clock for today, so a clock that throws breaks them all.</summary>
    private static void BreakResolvers(IServiceCollection services, ThrowingClock clock, CollectingLoggerProvider logs)
    {
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<ILoggerProvider>(logs);
    }

    /// <summary>
    /// Tells the time until the host is ready (start-up asks it too: on PostgreSQL the first data protection key is made
    /// then), and throws from then on.
    /// </summary>
    private sealed class ThrowingClock : TimeProvider
    {
        public bool Throws { get; set; }

        public override DateTimeOffset GetUtcNow() => Throws ? throw new InvalidOperationException(Secret) : System.GetUtcNow();
    }
}

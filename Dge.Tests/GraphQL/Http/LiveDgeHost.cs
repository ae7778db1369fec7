using System.Net;
using Dge.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.GraphQL.Http;

/// <summary>
/// The real host on Kestrel at a free loopback port, over a reference-only database unless a test gives its own, for
/// clients outside the process (the graphql-http audit in node, a browser). It is ready (migrated and seeded) once
/// StartAsync returns.
/// </summary>
public sealed class LiveDgeHost : IAsyncDisposable
{
    private readonly DgeAppFactory factory;

    private LiveDgeHost(DgeAppFactory factory, Uri baseAddress)
    {
        this.factory = factory;
        BaseAddress = baseAddress;
    }

    /// <summary>The host's root, ending in a slash.</summary>
    public Uri BaseAddress { get; }

    public Uri GraphQLEndpoint => new(BaseAddress, "graphql");

    /// <summary>The host's services, for tests that look inside it.</summary>
    public IServiceProvider Services => factory.Services;

    public static async Task<LiveDgeHost> StartAsync(CancellationToken cancellationToken, Action<IServiceCollection>? configureServices = null) =>
        await StartAsync(await TestDatabases.CopyReferenceOnlyAsync(), settings: null, configureServices, cancellationToken);

    /// <summary>The host over the database at <paramref name="databasePath"/>, with the given settings and test services.</summary>
    public static async Task<LiveDgeHost> StartAsync(
        string databasePath, IReadOnlyDictionary<string, string>? settings, Action<IServiceCollection>? configureServices, CancellationToken cancellationToken)
    {
        var factory = new DgeAppFactory(databasePath, configureServices: configureServices, settings: settings);
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var host = new LiveDgeHost(factory, new Uri($"{address.TrimEnd('/')}/"));
        await host.WaitUntilHealthyAsync(cancellationToken);
        return host;
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        while (true)
        {
            using var response = await client.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}

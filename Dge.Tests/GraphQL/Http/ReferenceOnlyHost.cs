using Dge.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dge.Tests.GraphQL.Http;

/// <summary>
/// The host over a reference-only database, shared by one test class: the endpoint tests only read, so one start-up
/// serves them all. Its client does not follow redirects, so the IDE redirect can be seen. Every log entry is kept in
/// <see cref="Logs"/>.
/// </summary>
public sealed class ReferenceOnlyHost : IAsyncLifetime
{
    private DgeAppFactory? factory;
    private HttpClient? client;

    public DgeAppFactory Factory => factory ?? throw new InvalidOperationException("The host has not started.");

    public HttpClient Client => client ?? throw new InvalidOperationException("The host has not started.");

    public CollectingLoggerProvider Logs { get; } = new();

    public async Task InitializeAsync()
    {
        factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync(), configureServices: services => services.AddSingleton<ILoggerProvider>(Logs));
        using var ready = await factory.CreateReadyClientAsync();
        client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public async Task DisposeAsync()
    {
        client?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }
}

using System.Security.Claims;
using Dge.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.GraphQL.Exposure;

/// <summary>
/// The real host over a reference-only database with the given settings. No sign-in exists yet, so a request carrying
/// <see cref="SignedInHeader"/> is given an authenticated principal by a test-only middleware, standing in for one.
/// </summary>
public sealed class ExposureHost : IAsyncDisposable
{
    public const string SignedInHeader = "X-Test-Signed-In";

    private readonly DgeAppFactory factory;

    private ExposureHost(DgeAppFactory factory, HttpClient client)
    {
        this.factory = factory;
        Client = client;
    }

    /// <summary>Does not follow redirects, so the IDE redirect can be seen.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => factory.Services;

    public static async Task<ExposureHost> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var factory = new DgeAppFactory(
            await TestDatabases.CopyReferenceOnlyAsync(),
            configureServices: services => services.AddSingleton<IStartupFilter, SignInFromHeader>(),
            settings: settings);
        using var ready = await factory.CreateReadyClientAsync();
        return new ExposureHost(factory, factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await factory.DisposeAsync();
    }

    private sealed class SignInFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.ContainsKey(SignedInHeader))
                {
                    context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "analyst")], authenticationType: "Test"));
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

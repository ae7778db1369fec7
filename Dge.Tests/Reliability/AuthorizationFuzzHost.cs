using Dge.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.Reliability;

/// <summary>
/// <see cref="AccessHost"/>'s host over a copy of the national database (without the background admin account, so nothing but the fuzz writes), except that a cookie's security stamp is checked
/// on every request rather than once a minute: the fuzz's locked user is then refused from its next request on, where the
/// host would otherwise let its open session run for up to a minute (the documented delay, which is not what the fuzz tests).
/// </summary>
public sealed class AuthorizationFuzzHost : IAsyncLifetime
{
    private DgeAppFactory? _factory;

    public DgeAppFactory Factory => _factory!;

    public IServiceProvider Services => Factory.Services;

    public async Task InitializeAsync()
    {
        _factory = new DgeAppFactory(
            await TestDatabases.CopyNationalAsync(),
            configureServices: services => services.PostConfigure<SecurityStampValidatorOptions>(stamp => stamp.ValidationInterval = TimeSpan.Zero));
        (await _factory.CreateReadyClientAsync()).Dispose();
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}

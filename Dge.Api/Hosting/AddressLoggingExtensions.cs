using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Dge.Api.Hosting;

public static partial class AddressLoggingExtensions
{
    /// <summary>Tells the person who ran the host where to point a browser.</summary>
    public static WebApplication LogDgeAddresses(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                var root = address.TrimEnd('/');
                LogAddresses(app.Logger, $"{root}/graphql", $"{root}/graphql/", $"{root}/admin", $"{root}/healthz");
            }
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "DgeGraph is listening. API: {Api}  IDE: {Ide}  Admin: {Admin}  Health: {Health}")]
    private static partial void LogAddresses(ILogger logger, string api, string ide, string admin, string health);
}

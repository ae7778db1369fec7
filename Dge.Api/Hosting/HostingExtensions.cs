using Dge.Admin;
using Dge.Admin.Client;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dge.Api.Hosting;

public static partial class HostingExtensions
{
    /// <summary>The admin shell (Razor class library Dge.Admin), mounted at /admin.</summary>
    public static WebApplicationBuilder AddDgeAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddDgeAdminPages();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<IAdminGraphQLClient, InProcessGraphQLClient>();
        return builder;
    }

    public static WebApplication MapDgeAdmin(this WebApplication app)
    {
        app.MapGet("/", () => Results.Redirect("/admin")).ExcludeFromDescription();
        AdminServiceCollectionExtensions.MapDgeAdmin(app);
        return app;
    }

    /// <summary><c>GET /healthz</c>: 200 once the database is migrated and seeded, 503 before or after a failure.</summary>
    public static WebApplication MapDgeHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Description),
        }, context.RequestAborted);

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

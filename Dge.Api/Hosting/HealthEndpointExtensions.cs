using Dge.Api.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dge.Api.Hosting;

public static class HealthEndpointExtensions
{
    /// <summary>
    /// <c>GET /healthz/live</c>: 200 whenever the process serves requests (restart it only when this fails).
    /// <c>GET /healthz/ready</c>, and <c>GET /healthz</c> for existing probes: 200 while the database is migrated, seeded
    /// and answers a real query; 503 while starting and while it cannot be read. Both answer the status and a coarse state
    /// only; the reasons are in the log, never in the response.
    /// </summary>
    public static WebApplication MapDgeHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (context, report) => WriteAsync(context, report.Status, "live"),
        });

        var readiness = new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(DatabaseHealthCheck.ReadinessTag),
            ResponseWriter = (context, report) => WriteAsync(context, report.Status, StateOf(report)),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        };
        app.MapHealthChecks("/healthz/ready", readiness);
        app.MapHealthChecks("/healthz", readiness);
        return app;
    }

    // The health check's description is the coarse state by construction; anything else (a framework timeout, an
    // exception the check did not catch) is reported as unavailable rather than echoed.
    private static string StateOf(HealthReport report) =>
        report.Entries.Values.Select(e => e.Exception is null ? e.Description : null).FirstOrDefault() ?? DatabaseState.Unavailable.Describe();

    private static Task WriteAsync(HttpContext context, HealthStatus status, string state) =>
        context.Response.WriteAsJsonAsync(new { status = status.ToString(), state }, context.RequestAborted);
}

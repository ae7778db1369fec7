using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dge.Api.Data;

/// <summary>
/// Healthy once the start-up migration and seed have finished; degraded while they run (an expected state, so it is not
/// logged as an error) and unhealthy when they failed. Both answer 503 (see HealthEndpointExtensions).
/// </summary>
internal sealed class DatabaseHealthCheck(DatabaseReadiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            readiness.IsReady ? HealthCheckResult.Healthy(readiness.State)
            : readiness.HasFailed ? HealthCheckResult.Unhealthy(readiness.State)
            : HealthCheckResult.Degraded(readiness.State));
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dge.Api.Data;

/// <summary>Healthy once the start-up migration and seed have finished; 503 before, with the current state.</summary>
internal sealed class DatabaseHealthCheck(DatabaseReadiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsReady ? HealthCheckResult.Healthy(readiness.State) : HealthCheckResult.Unhealthy(readiness.State));
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dge.Api.Data;

/// <summary>
/// Readiness: degraded while the start-up migration and seed run (expected, so not an error), unhealthy when they failed,
/// and once they are done, healthy only while the probe's real query reads the database. The description is the coarse
/// state alone; the reasons are in the log.
/// </summary>
internal sealed class DatabaseHealthCheck(DatabaseReadiness readiness, DatabaseProbe probe) : IHealthCheck
{
    /// <summary>Marks the checks that readiness runs; liveness runs none.</summary>
    public const string ReadinessTag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.IsReady)
        {
            return readiness.HasFailed ? HealthCheckResult.Unhealthy(readiness.State) : HealthCheckResult.Degraded(readiness.State);
        }

        var state = await probe.CheckAsync(cancellationToken);
        return state == DatabaseState.Ready ? HealthCheckResult.Healthy(state.Describe()) : HealthCheckResult.Unhealthy(state.Describe());
    }
}

using Dge.Api.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dge.Tests.Data;

public sealed class DatabaseHealthCheckTests
{
    [Fact]
    public async Task Check_WhileStarting_IsDegradedWithTheState()
    {
        var readiness = new DatabaseReadiness();

        var result = await new DatabaseHealthCheck(readiness).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.StartsWith("starting", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AfterAFailure_IsUnhealthyWithTheReason()
    {
        var readiness = new DatabaseReadiness();
        readiness.MarkFailed("disk full");

        var result = await new DatabaseHealthCheck(readiness).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("failed: disk full", result.Description);
    }

    [Fact]
    public async Task Check_WhenReady_IsHealthy()
    {
        var readiness = new DatabaseReadiness();
        readiness.MarkReady("ready: test");

        var result = await new DatabaseHealthCheck(readiness).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }
}

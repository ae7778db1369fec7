using Dge.Api.Data;
using Dge.Api.Data.Providers;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dge.Tests.Data;

public sealed class DatabaseHealthCheckTests
{
    [Fact]
    public async Task Check_WhileStarting_IsDegradedAndSaysStarting()
    {
        var readiness = new DatabaseReadiness();

        var result = await Check(readiness, TestDatabases.NewPath(DatabaseProvider.Sqlite));

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("starting", result.Description);
    }

    [Fact]
    public async Task Check_AfterAFailedStart_IsUnhealthyWithTheCoarseStateOnly()
    {
        var readiness = new DatabaseReadiness();
        readiness.MarkFailed(DatabaseState.Corrupt);

        var result = await Check(readiness, TestDatabases.NewPath(DatabaseProvider.Sqlite));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("database corrupt", result.Description);
    }

    [Fact]
    public async Task Check_ReadyAndTheDatabaseReads_IsHealthy()
    {
        var path = await TestDatabases.CopyReferenceOnlyAsync(DatabaseProvider.Sqlite);

        var result = await Check(Ready(), path);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal("ready", result.Description);
    }

    [Fact]
    public async Task Check_ReadyButTheFileWasOverwrittenSince_IsUnhealthyAndCorrupt()
    {
        var path = await TestDatabases.CopyReferenceOnlyAsync(DatabaseProvider.Sqlite);
        await CorruptDatabase.OverwritePagesAsync(path, firstPage: 0, pages: 64);

        var result = await Check(Ready(), path);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("database corrupt", result.Description);
    }

    [Fact]
    public async Task Check_ReadyButTheFileIsGone_IsUnhealthyAndCreatesNoEmptyDatabase()
    {
        var path = TestDatabases.NewPath(DatabaseProvider.Sqlite);

        var result = await Check(Ready(), path);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("database unavailable", result.Description);
        Assert.False(File.Exists(path));
    }

    private static DatabaseReadiness Ready()
    {
        var readiness = new DatabaseReadiness();
        readiness.MarkReady();
        return readiness;
    }

    private static Task<HealthCheckResult> Check(DatabaseReadiness readiness, string path)
    {
        var options = new DbContextOptionsBuilder<DgeDbContext>().UseStore(new StoreSettings(DatabaseProvider.Sqlite, $"Data Source={path}")).Options;
        var probe = new DatabaseProbe(new PooledDbContextFactory<DgeDbContext>(options), NullLogger<DatabaseProbe>.Instance);
        return new DatabaseHealthCheck(readiness, probe).CheckHealthAsync(new HealthCheckContext());
    }
}

using System.Diagnostics;
using Dge.Api.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dge.Api.Data;

/// <summary>Applies migrations and seeds an empty database at start-up, in the background so /healthz can answer 503 meanwhile.</summary>
internal sealed partial class DatabaseInitializer(
    IDbContextFactory<DgeDbContext> contextFactory,
    IOptions<SeedOptions> seedOptions,
    DatabaseReadiness readiness,
    ILogger<DatabaseInitializer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(stoppingToken);
            await db.Database.MigrateAsync(stoppingToken);
            if (db.Database.IsSqlite())
            {
                // WAL lets readers proceed while a writer commits.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", stoppingToken);
            }

            if (await db.Regions.AnyAsync(stoppingToken))
            {
                readiness.MarkReady("ready: existing database");
                LogExisting(logger);
                return;
            }

            var stopwatch = Stopwatch.StartNew();
            await DatabaseSeeder.SeedAsync(db, seedOptions.Value, stoppingToken);
            LogSeeded(logger, seedOptions.Value.Scale, seedOptions.Value.RandomSeed, stopwatch.Elapsed.TotalSeconds);
            readiness.MarkReady($"ready: seeded at scale {seedOptions.Value.Scale} in {stopwatch.Elapsed.TotalSeconds:F1} s");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            readiness.MarkFailed("stopped before the database was ready");
        }
        catch (Exception exception)
        {
            // The host stays up so /healthz can say what went wrong instead of the process vanishing.
            LogFailed(logger, exception);
            readiness.MarkFailed(exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database is migrated and already holds data; seeding skipped.")]
    private static partial void LogExisting(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the database at scale {Scale} (seed {RandomSeed}) in {Seconds:F1} s.")]
    private static partial void LogSeeded(ILogger logger, int scale, int randomSeed, double seconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Database migration or seed failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

using System.Diagnostics;
using Dge.Api.Data.Providers;
using Dge.Api.Data.Seed;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dge.Api.Data;

/// <summary>
/// Brings the database to a state the host can serve, in the background so the health endpoint can answer meanwhile:
/// checks the file is intact and not from a newer version of the host, clears a migration lock that a killed process
/// left behind, applies the migrations and seeds an empty database. A kill at any moment is recovered by the next start:
/// the migrations and the seed each commit in one transaction, which SQLite rolls back if the process dies first, and
/// the one thing that outlives a killed process, EF Core's migration lock row, is cleared under <see cref="StartupLock"/>.
/// </summary>
internal sealed partial class DatabaseInitializer(
    IDbContextFactory<DgeDbContext> contextFactory,
    IOptions<SeedOptions> seedOptions,
    DatabaseReadiness readiness,
    IEnumerable<IStartupStep> startupSteps,
    StoreSettings store,
    ILogger<DatabaseInitializer> logger) : BackgroundService
{
    // A lock held by another program (a backup, a shell) usually goes away, so a locked database is tried again.
    private static readonly TimeSpan LockedRetryDelay = TimeSpan.FromSeconds(5);

    // A missing PostgreSQL database waits for an operator (the migrate command).
    private static readonly TimeSpan MissingRetryDelay = TimeSpan.FromSeconds(30);

    // EF Core's SQLite provider serialises migrations with a row in this table; only a surviving process deletes it.
    private const string MigrationLockTable = "__EFMigrationsLock";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // A locked SQLite file is usually released soon; a PostgreSQL server that cannot be reached (restarting, or
            // not up yet when the instances start) usually comes back, and a missing PostgreSQL database may be made by
            // the migrate command meanwhile: all are tried again until they answer.
            while (await InitializeAsync(stoppingToken) is var state
                && (state == DatabaseState.Locked || (state is DatabaseState.Unavailable or DatabaseState.Missing && !store.IsSqlite)))
            {
                // Each look for a missing database is a refused connection in the server's log: not every 5 s for ever.
                await Task.Delay(state == DatabaseState.Missing ? MissingRetryDelay : LockedRetryDelay, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping; nothing is left half-done (see the class comment).
        }
    }

    private async Task<DatabaseState> InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            if (!store.IsSqlite)
            {
                return await InitializePostgresAsync(db, cancellationToken);
            }

            var connectionString = db.Database.GetConnectionString()!;
            using var startupLock = await StartupLock.AcquireAsync(connectionString, () => LogWaitingForStartupLock(logger), cancellationToken);

            if (await FindCorruptionAsync(db, connectionString, cancellationToken) is { } problem)
            {
                LogCorrupt(logger, problem);
                return Fail(DatabaseState.Corrupt);
            }

            var plan = MigrationPlan.Of(await db.Database.GetAppliedMigrationsAsync(cancellationToken), db.Database.GetMigrations());
            if (plan.Unknown.Count > 0)
            {
                LogNewerVersion(logger, string.Join(", ", plan.Unknown));
                return Fail(DatabaseState.NewerVersion);
            }

            // An up-to-date database (every start but the first after an upgrade) skips the migrator, a good part of a
            // cold start; the start-up lock keeps another host from migrating in between.
            await ClearStaleMigrationLockAsync(db, cancellationToken);
            if (plan.Pending.Count > 0)
            {
                await db.Database.MigrateAsync(cancellationToken);
            }

            // WAL lets readers proceed while a writer commits, and a commit is one append to the log (synced per
            // Dge:Database:Synchronous). An in-memory database answers "memory", and keeps nothing anyway.
            var journalMode = await QueryAsync(db, "PRAGMA journal_mode=WAL;", cancellationToken);
            if (journalMode is not (["wal"] or ["memory"]))
            {
                LogNotWal(logger, string.Join(", ", journalMode));
            }

            await SeedIfEmptyAsync(db, cancellationToken);
            return await FinishAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The host stays up so the health endpoint can say what is wrong instead of the process vanishing.
            var state = DatabaseFailure.Classify(exception);
            // Said once per state: a start that is tried again (a locked file, a server not reachable yet) does not repeat it.
            if (state != readiness.Status)
            {
                LogFailed(logger, state.Describe(), exception);
            }

            return Fail(state);
        }
    }

    /// <summary>
    /// PostgreSQL: creates the database if it is missing, then migrates and seeds it and runs the start-up steps (the admin
    /// account) under a session advisory lock (<see cref="PostgresMigrator"/>), so several instances starting at once take
    /// turns and the later ones find the work done. The server drops the lock if the holder's connection ends, however the
    /// process ends.
    /// </summary>
    private async Task<DatabaseState> InitializePostgresAsync(DgeDbContext db, CancellationToken cancellationToken)
    {
        MigrationPlan outcome;
        try
        {
            outcome = await PostgresMigrator.MigrateAsync(
                db,
                store.CreatesMissingDatabase,
                () => LogWaitingForStartupLock(logger),
                async () =>
                {
                    await SeedIfEmptyAsync(db, cancellationToken);
                    await RunStartupStepsAsync(cancellationToken);
                },
                cancellationToken);
        }
        catch (DatabaseMissingException missing)
        {
            if (readiness.Status != DatabaseState.Missing)
            {
                LogMissing(logger, missing.Database, missing.Host, PostgresMigrator.CreateIfMissingKey);
            }

            return Fail(DatabaseState.Missing);
        }

        if (outcome.Unknown.Count > 0)
        {
            LogNewerVersion(logger, string.Join(", ", outcome.Unknown));
            return Fail(DatabaseState.NewerVersion);
        }

        readiness.MarkReady();
        return DatabaseState.Ready;
    }

    private async Task SeedIfEmptyAsync(DgeDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Regions.AnyAsync(cancellationToken))
        {
            LogExisting(logger);
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        await DatabaseSeeder.SeedAsync(db, seedOptions.Value, cancellationToken);
        LogSeeded(logger, seedOptions.Value.Scale, seedOptions.Value.RandomSeed, stopwatch.Elapsed.TotalSeconds);
    }

    private async Task<DatabaseState> FinishAsync(CancellationToken cancellationToken)
    {
        await RunStartupStepsAsync(cancellationToken);
        readiness.MarkReady();
        return DatabaseState.Ready;
    }

    private async Task RunStartupStepsAsync(CancellationToken cancellationToken)
    {
        foreach (var step in startupSteps)
        {
            await step.RunAsync(cancellationToken);
        }
    }

    private DatabaseState Fail(DatabaseState state)
    {
        readiness.MarkFailed(state);
        return state;
    }

    // The quick check finds torn or overwritten pages before the migration writes into them. A file that does not exist yet
    // is new, not corrupt; one that is exactly as a clean stop left it was checked by that stop (CleanStop).
    private async Task<string?> FindCorruptionAsync(DgeDbContext db, string connectionString, CancellationToken cancellationToken)
    {
        if (StoreSettings.DatabaseFile(connectionString) is { } path)
        {
            if (!File.Exists(path))
            {
                return null;
            }

            if (CleanStop.Consume(path))
            {
                LogCheckedAtCleanStop(logger);
                return null;
            }
        }

        return SqliteFiles.ProblemOf(await QueryAsync(db, SqliteFiles.QuickCheck, cancellationToken));
    }

    // Safe only because this process holds the startup lock: any other host that could own the row would hold it too,
    // and the operating system released it when that host died. A live migration by another host is waited for, never
    // broken (StartupLock.AcquireAsync waits).
    private async Task ClearStaleMigrationLockAsync(DgeDbContext db, CancellationToken cancellationToken)
    {
        var tables = await QueryAsync(db, $"SELECT name FROM sqlite_master WHERE type = 'table' AND name = '{MigrationLockTable}';", cancellationToken);
        if (tables.Count == 0)
        {
            return;
        }

        var takenAt = await QueryAsync(db, $"SELECT Timestamp FROM \"{MigrationLockTable}\";", cancellationToken);
        if (takenAt.Count == 0)
        {
            return;
        }

        await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"{MigrationLockTable}\";", cancellationToken);
        LogClearedStaleMigrationLock(logger, string.Join(", ", takenAt));
    }

    private static async Task<List<string>> QueryAsync(DgeDbContext db, string sql, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await SqliteFiles.QueryAsync((SqliteConnection)db.Database.GetDbConnection(), sql, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database could not be switched to write-ahead logging (journal mode {JournalMode}); writes block readers and each commit costs more.")]
    private static partial void LogNotWal(ILogger logger, string journalMode);

    [LoggerMessage(Level = LogLevel.Information, Message = "The database file is as the last clean stop left it, and that stop checked it: the integrity check at start is skipped.")]
    private static partial void LogCheckedAtCleanStop(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database is migrated and already holds data; seeding skipped.")]
    private static partial void LogExisting(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the database at scale {Scale} (seed {RandomSeed}) in {Seconds:F1} s.")]
    private static partial void LogSeeded(ILogger logger, int scale, int randomSeed, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another host process is migrating or seeding this database; waiting for it to finish.")]
    private static partial void LogWaitingForStartupLock(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cleared a migration lock taken at {TakenAt} by a process that stopped before releasing it; migrating now.")]
    private static partial void LogClearedStaleMigrationLock(ILogger logger, string takenAt);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The database file is corrupt ({Problem}); restore it from a backup, or delete it to start over with a new seed. The host reports not ready.")]
    private static partial void LogCorrupt(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The database holds migrations this version of the host does not know ({Migrations}): it was written by a newer version. Run that version, or restore an older database. The host reports not ready.")]
    private static partial void LogNewerVersion(ILogger logger, string migrations);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The PostgreSQL database {Database} does not exist on {Host}. Check Database= in ConnectionStrings:Dge; to make it, run the migrate command (dotnet Dge.Api.dll migrate) or set {Setting}=true. The host reports not ready and looks again every 30 s.")]
    private static partial void LogMissing(ILogger logger, string database, string host, string setting);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The database cannot be migrated or seeded ({State}). The host reports not ready.")]
    private static partial void LogFailed(ILogger logger, string state, Exception exception);
}

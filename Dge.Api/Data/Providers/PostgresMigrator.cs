using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Dge.Api.Data.Providers;

/// <summary>
/// Brings a PostgreSQL database to this version's schema, one instance at a time: under a session advisory lock, it creates
/// the database if it is missing, refuses one written by a newer version, and applies the pending migrations. Used by the
/// host at start-up and by <c>dotnet run --project Dge.Api -- migrate</c>.
/// </summary>
public static class PostgresMigrator
{
    /// <summary>The advisory lock's key: any fixed number no other program on the database uses ("DGE" in ASCII).</summary>
    public const long LockKey = 0x444745;

    // A second instance creating the same database at the same moment.
    private const string DuplicateDatabase = "42P04";

    /// <summary>What migrating found and did.</summary>
    public sealed record Outcome(IReadOnlyList<string> Applied, IReadOnlyList<string> Unknown);

    /// <summary>
    /// Migrates <paramref name="db"/> under the lock, then runs <paramref name="alsoUnderLock"/> (the seed) still holding it;
    /// <paramref name="onWait"/> is called once if another instance holds the lock. Nothing is migrated when the database
    /// holds migrations this version does not know (<see cref="Outcome.Unknown"/>).
    /// </summary>
    public static async Task<Outcome> MigrateAsync(DgeDbContext db, Action onWait, Func<Task>? alsoUnderLock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await CreateIfMissingAsync(db, cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await LockAsync(db, onWait, cancellationToken);
            try
            {
                // A new database has no history table; asking it for its rows would log a failed statement (so would
                // Npgsql's own existence check, which tries the read).
                var history = db.GetService<IHistoryRepository>();
                var table = $"\"{HistoryRepository.DefaultTableName}\"";
                var applied = await db.Database.SqlQuery<bool>($"SELECT to_regclass({table}) IS NOT NULL AS \"Value\"").SingleAsync(cancellationToken)
                    ? (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList()
                    : [];
                var known = db.Database.GetMigrations().ToList();
                var unknown = applied.Except(known).ToList();
                if (unknown.Count > 0)
                {
                    return new Outcome([], unknown);
                }

                var pending = known.Except(applied).ToList();
                if (pending.Count > 0)
                {
                    // EF's migrator reads the history before it creates the table, which logs a failed statement on a
                    // new database; made first, the table is simply empty.
                    await history.CreateIfNotExistsAsync(cancellationToken);
                    await db.Database.MigrateAsync(cancellationToken);
                }

                if (alsoUnderLock is not null)
                {
                    await alsoUnderLock();
                }

                return new Outcome(pending, []);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task LockAsync(DgeDbContext db, Action onWait, CancellationToken cancellationToken)
    {
        var taken = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({LockKey}) AS \"Value\"").SingleAsync(cancellationToken);
        if (!taken)
        {
            onWait();
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        }
    }

    private static async Task CreateIfMissingAsync(DgeDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == DuplicateDatabase)
        {
            // Another instance created it first; it is there either way.
        }
    }
}

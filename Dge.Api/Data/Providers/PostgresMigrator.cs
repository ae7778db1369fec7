using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Dge.Api.Data.Providers;

/// <summary>
/// Brings a PostgreSQL database to this version's schema, one instance at a time: under a session advisory lock, it creates
/// the database if it is missing and it may (<see cref="CreateIfMissingKey"/>), refuses one written by a newer version,
/// and applies the pending migrations. Used by the host at start-up and by <c>dotnet run --project Dge.Api -- migrate</c>.
/// </summary>
public static class PostgresMigrator
{
    /// <summary>The advisory lock's key: any fixed number no other program on the database uses ("DGE" in ASCII).</summary>
    public const long LockKey = 0x444745;

    /// <summary>
    /// Whether a starting host creates a missing database: by default only in Development. Elsewhere a mistyped
    /// <c>Database=</c> would otherwise give an instance a new, seeded database of its own, ready and taking writes that
    /// the other instances never see; the <c>migrate</c> command, run on purpose, always creates it.
    /// </summary>
    public const string CreateIfMissingKey = "Dge:Database:CreateIfMissing";

    /// <summary>
    /// How long the session holding the lock may wait between statements before the server ends it. Seeding generates rows
    /// in memory between its statements (the meetings of a large scale are buffered before their COPY), so the limit leaves
    /// it a wide margin: at scale 100 its longest pause is some tens of seconds.
    /// </summary>
    public static readonly TimeSpan DefaultIdleLimit = TimeSpan.FromMinutes(5);

    /// <summary>The setting <see cref="CreateIfMissingKey"/> of a host, or its default for the environment.</summary>
    /// <exception cref="InvalidOperationException">The setting is not true or false.</exception>
    public static bool CreatesMissingDatabase(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        return configuration[CreateIfMissingKey] switch
        {
            null or "" => environment.IsDevelopment(),
            var value when bool.TryParse(value, out var creates) => creates,
            var value => throw new InvalidOperationException($"{CreateIfMissingKey} is '{value}'; it must be true or false."),
        };
    }

    /// <summary>
    /// Migrates <paramref name="db"/> under the lock, then runs <paramref name="alsoUnderLock"/> (the seed) still holding it;
    /// <paramref name="onWait"/> is called once if another instance holds the lock. Nothing is migrated when the database
    /// holds migrations this version does not know (<see cref="MigrationPlan.Unknown"/>); otherwise the plan's pending
    /// migrations are the ones applied.
    /// </summary>
    /// <remarks>
    /// The lock is the session's, so an instance that froze while holding it (a stopped process, a paused machine) would hold
    /// up every other start for as long as its connection lived. Its session therefore may stay idle for at most
    /// <paramref name="idleLimit"/> (<see cref="DefaultIdleLimit"/>), in a transaction or not: then the server ends it, rolls
    /// back what it had not committed and frees the lock for the next instance. A live instance pauses between statements
    /// far less than that. One frozen in the middle of a statement (a seed's COPY) is not idle to the server, and holds the
    /// lock until the server finds its connection dead.
    /// </remarks>
    /// <exception cref="DatabaseMissingException">The database does not exist and <paramref name="createIfMissing"/> is false.</exception>
    public static async Task<MigrationPlan> MigrateAsync(
        DgeDbContext db, bool createIfMissing, Action onWait, Func<Task>? alsoUnderLock, CancellationToken cancellationToken, TimeSpan? idleLimit = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        await EnsureExistsAsync(db, createIfMissing, cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await LockAsync(db, onWait, cancellationToken);
            try
            {
                // Set once the lock is held, inside the block that resets them: a connection back in the pool keeps none.
                var limit = $"{(long)Math.Ceiling((idleLimit ?? DefaultIdleLimit).TotalMilliseconds)}ms";
                await db.Database.ExecuteSqlAsync(
                    $"SELECT set_config('idle_session_timeout', {limit}, false), set_config('idle_in_transaction_session_timeout', {limit}, false)",
                    cancellationToken);
                // A new database has no history table; asking it for its rows would log a failed statement (so would
                // Npgsql's own existence check, which tries the read).
                var history = db.GetService<IHistoryRepository>();
                var table = $"\"{HistoryRepository.DefaultTableName}\"";
                var applied = await db.Database.SqlQuery<bool>($"SELECT to_regclass({table}) IS NOT NULL AS \"Value\"").SingleAsync(cancellationToken)
                    ? (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList()
                    : [];
                var plan = MigrationPlan.Of(applied, db.Database.GetMigrations());
                if (plan.Unknown.Count > 0)
                {
                    return plan;
                }

                if (plan.Pending.Count > 0)
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

                return plan;
            }
            finally
            {
                // The connection returns to the pool: it gets the server's own idle limits back.
                await db.Database.ExecuteSqlAsync(
                    $"SELECT pg_advisory_unlock({LockKey}); RESET idle_session_timeout; RESET idle_in_transaction_session_timeout",
                    CancellationToken.None);
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

    /// <summary>
    /// Creates the database if it is missing, on a connection of its own to the server's maintenance database and under
    /// the advisory lock there: instances starting together would otherwise create it at the same moment, and PostgreSQL
    /// refuses a second CREATE DATABASE while the first copies its template. Not through EF, which would log such a
    /// refusal as an error.
    /// </summary>
    private static async Task EnsureExistsAsync(DgeDbContext db, bool createIfMissing, CancellationToken cancellationToken)
    {
        // Most starts find it: they never need the maintenance database, which a hardened server may not let them reach.
        if (await db.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>().ExistsAsync(cancellationToken))
        {
            return;
        }

        var target = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        var name = target.Database ?? throw new InvalidOperationException("The PostgreSQL connection string names no database.");
        if (!createIfMissing)
        {
            throw new DatabaseMissingException(name, target.Host ?? "");
        }

        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({LockKey})", connection))
        {
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", name);
            if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! > 0)
            {
                return;
            }
        }

        // The name is the operator's own setting; quoted, it is taken as it is written.
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>The configured PostgreSQL database does not exist, and the host may not create it (<see cref="PostgresMigrator.CreateIfMissingKey"/>).</summary>
public sealed class DatabaseMissingException(string database, string host)
    : InvalidOperationException($"The PostgreSQL database '{database}' does not exist on {host}.")
{
    public string Database { get; } = database;

    public string Host { get; } = host;
}

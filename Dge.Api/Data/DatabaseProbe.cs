using Dge.Api.Data.Providers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dge.Api.Data;

/// <summary>
/// The readiness probe's real query: can the seeded database be read right now? It opens its own connection, outside
/// the pool, so it reads the file as it is now and not pages a pooled connection cached before the file went bad. At
/// most one query runs at a time and its answer is reused for a second, so a crowd of probes costs one query; a query
/// that hangs (a stalled disk) answers "unavailable" after a bounded wait instead of holding the probe.
/// </summary>
internal sealed partial class DatabaseProbe(IDbContextFactory<DgeDbContext> contextFactory, ILogger<DatabaseProbe> logger)
{
    private static readonly TimeSpan ReuseFor = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private readonly Lock gate = new();
    private DbContextOptions<DgeDbContext>? options;
    private Task<DatabaseState>? current;
    private long completedAt;
    private DatabaseState lastLogged = DatabaseState.Ready;

    public async Task<DatabaseState> CheckAsync(CancellationToken cancellationToken)
    {
        Task<DatabaseState> probe;
        lock (gate)
        {
            if (current is null || (current.IsCompleted && Environment.TickCount64 - completedAt > ReuseFor.TotalMilliseconds))
            {
                current = Task.Run(QueryAsync, CancellationToken.None);
            }

            probe = current;
        }

        try
        {
            return await probe.WaitAsync(ProbeTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return Report(DatabaseState.Unavailable, null);
        }
    }

    private async Task<DatabaseState> QueryAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(ProbeTimeout);
            await using var db = new DgeDbContext(await ProbeOptionsAsync(timeout.Token));
            var seeded = await db.Regions.AnyAsync(timeout.Token);
            return Report(seeded ? DatabaseState.Ready : DatabaseState.Unavailable, null);
        }
        catch (Exception exception)
        {
            return Report(DatabaseFailure.Classify(exception), exception);
        }
        finally
        {
            completedAt = Environment.TickCount64;
        }
    }

    // The host's connection string, without pooling, and with a short timeout so a locked or unreachable database answers
    // within the bound. A SQLite probe never creates a missing file (that would hide a deleted database behind an empty one).
    private async Task<DbContextOptions<DgeDbContext>> ProbeOptionsAsync(CancellationToken cancellationToken)
    {
        if (options is not null)
        {
            return options;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var connectionString = db.Database.GetConnectionString()!;
        var seconds = (int)ProbeTimeout.TotalSeconds;
        if (db.Database.IsNpgsql())
        {
            var npgsql = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = seconds, CommandTimeout = seconds };
            return options = new DbContextOptionsBuilder<DgeDbContext>().UseStore(new StoreSettings(DatabaseProvider.Postgres, npgsql.ToString())).Options;
        }

        var csb = new SqliteConnectionStringBuilder(connectionString) { Pooling = false, DefaultTimeout = seconds };
        if (csb.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            csb.Mode = SqliteOpenMode.ReadWrite;
        }

        return options = new DbContextOptionsBuilder<DgeDbContext>().UseCompiledModel().UseStore(new StoreSettings(DatabaseProvider.Sqlite, csb.ToString())).Options;
    }

    // Logs when the answer changes, not on every probe, so a failing database gives one clear line and not a flood.
    private DatabaseState Report(DatabaseState state, Exception? exception)
    {
        lock (gate)
        {
            if (state == lastLogged)
            {
                return state;
            }

            lastLogged = state;
        }

        if (state == DatabaseState.Ready)
        {
            LogRecovered(logger);
        }
        else
        {
            LogUnreadable(logger, state.Describe(), exception);
        }

        return state;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The readiness probe cannot read the database ({State}); the host reports not ready until it can.")]
    private static partial void LogUnreadable(ILogger logger, string state, Exception? exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The readiness probe reads the database again; the host reports ready.")]
    private static partial void LogRecovered(ILogger logger);
}

using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Data;

/// <summary>
/// Runs several reads on one snapshot of the data, so that a view's figures all describe the same moment even while
/// writes land between its statements (a membership added after the doctors were read would otherwise count as covering a
/// doctor placed by an older workplace).
/// <list type="bullet">
/// <item>SQLite: a deferred transaction, which takes no lock until its first read and then keeps that read's snapshot of
/// the write-ahead log; writers are not held up (an immediate one, the default, would take the write lock). A file that
/// could not be put in WAL mode (the host warns at start-up) gets no snapshot: there, a read transaction would keep every
/// writer's commit waiting until the view's last statement, so each statement reads on its own, as before.</item>
/// <item>PostgreSQL: a REPEATABLE READ transaction, whose snapshot is taken at its first statement; a transaction that
/// only reads never fails on a serialization conflict.</item>
/// </list>
/// Nothing is written through it: it commits at the end, and rolls back when the work fails or is cancelled. The context's
/// connection is closed again afterwards, as EF Core leaves it between statements.
/// </summary>
public static class ReadSnapshot
{
    public static async Task<TResult> RunAsync<TResult>(DgeDbContext db, Func<DgeDbContext, CancellationToken, Task<TResult>> work, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (connection is SqliteConnection sqlite && !await InWalModeAsync(sqlite, cancellationToken))
            {
                return await work(db, cancellationToken);
            }

            await using var transaction = await BeginAsync(connection, cancellationToken);

            // Disposing what EF Core enlists (not just forgetting it) gives the connection back to EF Core's count of
            // opens: the close below then closes it, and a pooled context is handed out without a connection held open.
            await using (await db.Database.UseTransactionAsync(transaction, cancellationToken))
            {
                var result = await work(db, cancellationToken);

                // The answer is complete: ending a transaction that only read is not the client's to cancel.
                await transaction.CommitAsync(CancellationToken.None);
                return result;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

    /// <summary>The file's journal mode, asked on the open connection (not through EF Core, so no statement of the view's).</summary>
    private static async Task<bool> InWalModeAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        return await command.ExecuteScalarAsync(cancellationToken) is string mode && mode.Equals("wal", StringComparison.OrdinalIgnoreCase);
    }
}

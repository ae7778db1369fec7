using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dge.Api.Data;

/// <summary>Turns a failure of the store into the coarse <see cref="DatabaseState"/> that the health endpoint shows.</summary>
internal static class DatabaseFailure
{
    // SQLite's primary result codes (https://sqlite.org/rescode.html); the extended codes carry them in the low byte.
    private const int Busy = 5;
    private const int TableLocked = 6;
    private const int ReadOnly = 8;
    private const int Corrupt = 11;
    private const int NotADatabase = 26;

    // EROFS, from Linux.
    private const int ReadOnlyFileSystem = 30;

    // Npgsql names no constant for it.
    private const string IdleInTransactionSessionTimeout = "25P03";

    // PostgreSQL's SQLSTATEs for "busy, try again": a lock not granted within lock_timeout, a deadlock victim, a
    // serialization failure, too many connections; and a write transaction the server ended because it stayed idle past
    // its limit (this instance was paused while it held the write lock): rolled back, so sending it again is safe.
    private static readonly string[] PostgresBusy =
    [
        PostgresErrorCodes.LockNotAvailable, PostgresErrorCodes.DeadlockDetected, PostgresErrorCodes.SerializationFailure, PostgresErrorCodes.TooManyConnections,
        IdleInTransactionSessionTimeout,
    ];

    /// <summary>
    /// The database's error, in <paramref name="exception"/> or its inner exceptions, saying that another connection holds
    /// the lock (SQLite busy; PostgreSQL lock timeout, deadlock, serialization failure or no free connection) or that the
    /// server ended this connection's idle write transaction, so nothing of it was saved; or null.
    /// </summary>
    public static Exception? Locked(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if ((exception is SqliteException sqlite && (sqlite.SqliteErrorCode & 0xFF) is Busy or TableLocked)
                || (exception is PostgresException postgres && PostgresBusy.Contains(postgres.SqlState)))
            {
                return exception;
            }
        }

        return null;
    }

    public static DatabaseState Classify(Exception exception) => exception switch
    {
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) switch
        {
            Busy or TableLocked => DatabaseState.Locked,
            ReadOnly => DatabaseState.ReadOnly,
            Corrupt or NotADatabase => DatabaseState.Corrupt,
            _ => DatabaseState.Unavailable,
        },
        PostgresException postgres when PostgresBusy.Contains(postgres.SqlState) => DatabaseState.Locked,
        PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction } => DatabaseState.ReadOnly,
        // The folder or file system refuses the startup lock file: the host cannot write there, so cannot migrate either.
        UnauthorizedAccessException => DatabaseState.ReadOnly,
        IOException { HResult: ReadOnlyFileSystem } => DatabaseState.ReadOnly,
        _ when exception.InnerException is not null => Classify(exception.InnerException),
        _ => DatabaseState.Unavailable,
    };
}

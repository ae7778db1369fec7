using Microsoft.Data.Sqlite;

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

    /// <summary>The SQLite error, in <paramref name="exception"/> or its inner exceptions, saying that another connection holds the lock; or null.</summary>
    public static SqliteException? Locked(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is SqliteException sqlite && (sqlite.SqliteErrorCode & 0xFF) is Busy or TableLocked)
            {
                return sqlite;
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
        // The folder or file system refuses the startup lock file: the host cannot write there, so cannot migrate either.
        UnauthorizedAccessException => DatabaseState.ReadOnly,
        IOException { HResult: ReadOnlyFileSystem } => DatabaseState.ReadOnly,
        _ when exception.InnerException is not null => Classify(exception.InnerException),
        _ => DatabaseState.Unavailable,
    };
}

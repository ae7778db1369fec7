using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Dge.Api.Data.Interruption;

/// <summary>
/// Tells EF that a statement interrupted because its token fired was cancelled, not failed, so EF logs it as a
/// cancellation (debug level) instead of a failed command and query (error level): the client left or ran out of time.
/// An interruption that lands while SQLite prepares a statement with subqueries can surface as a plain SQLITE_ERROR
/// ("expected 0 columns for '' but got 10", seen under load when clients left), so with the token fired that counts too.
/// </summary>
public sealed class SqliteInterruptionDetector : IExceptionDetector
{
    public bool IsCancellation(Exception exception, CancellationToken cancellationToken = default) =>
        exception is OperationCanceledException
        || (cancellationToken.IsCancellationRequested && exception is SqliteException { SqliteErrorCode: raw.SQLITE_INTERRUPT or raw.SQLITE_ERROR });
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Dge.Api.Data.Interruption;

/// <summary>
/// Tells EF that a statement interrupted because its token fired was cancelled, not failed, so EF logs it as a
/// cancellation (debug level) instead of a failed command and query (error level): the client left or ran out of time.
/// </summary>
public sealed class SqliteInterruptionDetector : IExceptionDetector
{
    public bool IsCancellation(Exception exception, CancellationToken cancellationToken = default) =>
        exception is OperationCanceledException
        || (cancellationToken.IsCancellationRequested && exception is SqliteException { SqliteErrorCode: raw.SQLITE_INTERRUPT });
}

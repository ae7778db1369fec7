using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Dge.Api.Data.Interruption;

/// <summary>
/// Stops a running SQLite statement when the cancellation token of its command fires (the execution timeout, or the
/// client leaving). Microsoft.Data.Sqlite looks at the token only before a statement starts, so without this a query
/// that SQLite needs minutes for runs to its end after nobody waits for it any more.
/// </summary>
/// <remarks>
/// The interrupt is armed from the start of a command until its reader is disposed, because SQLite computes rows as
/// they are read, and disarmed before EF closes the connection and hands it back to the pool. Disarming waits for a
/// callback already running, so no interrupt can reach the next user of a pooled connection; and SQLite itself
/// forgets an interrupt once no statement of the connection runs, so the next statement always starts clean. That
/// forgetting is also a gap: a token that fires after the command is armed but before its statement starts would be
/// lost. So the statement also asks the token itself, through a progress handler called every
/// <see cref="ProgressSteps"/> virtual-machine steps, which no timing can make it miss.
/// </remarks>
public sealed class SqliteInterruptInterceptor : DbCommandInterceptor
{
    /// <summary>How often a running statement asks its token: a few microseconds of work, so the check costs nothing.</summary>
    private const int ProgressSteps = 1_000;

    private readonly ConcurrentDictionary<DbCommand, (sqlite3 Handle, CancellationTokenRegistration Registration)> _armed = new();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Arm(command, cancellationToken);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Arm(command, cancellationToken);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Arm(command, cancellationToken);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Disarm(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Disarm(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Disarm(command);
        return result;
    }

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Disarm(command);
        return Task.CompletedTask;
    }

    public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Disarm(command);
        return Task.CompletedTask;
    }

    private void Arm(DbCommand command, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled || command.Connection is not SqliteConnection { Handle: { } handle })
        {
            return;
        }

        raw.sqlite3_progress_handler(handle, ProgressSteps, StopWhenCanceled, cancellationToken);
        var registration = cancellationToken.Register(static state => raw.sqlite3_interrupt((sqlite3)state!), handle);
        if (!_armed.TryAdd(command, (handle, registration)))
        {
            registration.Dispose();
        }
    }

    /// <summary>Non-zero stops the statement with SQLITE_INTERRUPT, as <c>sqlite3_interrupt</c> does.</summary>
    private static int StopWhenCanceled(object state) => ((CancellationToken)state).IsCancellationRequested ? 1 : 0;

    private void Disarm(DbCommand command)
    {
        if (_armed.TryRemove(command, out var armed))
        {
            armed.Registration.Dispose();
            raw.sqlite3_progress_handler(armed.Handle, 0, null, null);
        }
    }
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dge.Api.Hosting.Telemetry;

/// <summary>
/// Sums the time of the SQL statements run on behalf of one GraphQL operation: the operation starts a timer for its
/// asynchronous flow (<see cref="Start"/>), and <see cref="Interceptor"/> adds each statement that ends in that flow, from
/// its start until its rows were read or it failed. Resolvers that run at once add from several threads.
/// </summary>
public sealed class SqlTime
{
    private static readonly AsyncLocal<SqlTime?> Current = new();

    private long _ticks;

    public TimeSpan Total => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    /// <summary>A timer for the calling flow and what it calls from now on.</summary>
    public static SqlTime Start()
    {
        var timer = new SqlTime();
        Current.Value = timer;
        return timer;
    }

    private static void Add(TimeSpan duration)
    {
        if (Current.Value is { } timer)
        {
            Interlocked.Add(ref timer._ticks, duration.Ticks);
        }
    }

    /// <summary>Adds each statement's duration to the timer of the flow it ran in, if any.</summary>
    public sealed class Interceptor : DbCommandInterceptor
    {
        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
        {
            Add(eventData.Duration);
            return result;
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Add(eventData.Duration);
            return ValueTask.FromResult(result);
        }

        public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
        {
            Add(eventData.Duration);
            return result;
        }

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
        {
            Add(eventData.Duration);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            Add(eventData.Duration);
            return result;
        }

        public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Add(eventData.Duration);

        public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Add(eventData.Duration);
            return Task.CompletedTask;
        }

        public override void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Add(eventData.Duration);

        public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Add(eventData.Duration);
            return Task.CompletedTask;
        }
    }
}

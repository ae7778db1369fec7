using System.Data.Common;
using Dge.Api.GraphQL.Limits;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dge.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands EF sends, to show that a query's statement count does not grow with the data. The host's own
/// background counting for query costs (<see cref="DataVolume.Tag"/>) belongs to no request and is not counted.
/// </summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    private int _count;
    private readonly List<string> _commands = [];

    public int Count => _count;

    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_commands)
            {
                return [.. _commands];
            }
        }
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        lock (_commands)
        {
            _commands.Clear();
        }
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    // A statement that returns nothing (the audit entries' one insert) is a statement too.
    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return base.NonQueryExecuting(command, eventData, result);
    }

    private void Record(DbCommand command)
    {
        if (command.CommandText.Contains(DataVolume.Tag, StringComparison.Ordinal))
        {
            return;
        }

        Interlocked.Increment(ref _count);
        lock (_commands)
        {
            _commands.Add(command.CommandText);
        }
    }
}

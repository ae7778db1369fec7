using System.Diagnostics;

namespace Dge.Benchmarks.Http;

/// <summary>
/// Counts the SQL commands EF Core executes in this process, from its diagnostic events (no change to the product), except
/// the API-key lookups: the host checks a key again every few seconds, so whether a request includes one depends on timing,
/// not on the operation.
/// </summary>
public sealed class SqlCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private const string CommandExecuted = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted";
    private long _count;

    private SqlCommandCounter()
    {
    }

    public long Count => Interlocked.Read(ref _count);

    public static SqlCommandCounter Start()
    {
        var counter = new SqlCommandCounter();
        DiagnosticListener.AllListeners.Subscribe(counter);
        return counter;
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.EntityFrameworkCore")
        {
            value.Subscribe(this, name => name == CommandExecuted);
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == CommandExecuted
            && value.Value is Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData executed
            && !executed.Command.CommandText.Contains("\"ApiKeys\"", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _count);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }
}

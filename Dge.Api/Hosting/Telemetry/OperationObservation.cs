using System.Collections;
using System.Diagnostics;
using GraphQL;
using GraphQLParser.AST;

namespace Dge.Api.Hosting.Telemetry;

/// <summary>
/// One GraphQL operation as traces, metrics and logs see it: its span, its timers, and the log scope that puts its name on
/// every entry written while it runs (the trace id comes with the request's own scope). The name is known once the
/// document is (<see cref="Identify"/>); an operation refused before that is recorded under the name it was sent with.
/// </summary>
public sealed class OperationObservation : IReadOnlyList<KeyValuePair<string, object?>>, IDisposable
{
    public const string LogScopeKey = "GraphQLOperation";

    private readonly OperationNames _names;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly SqlTime? _sql = DgeTelemetry.SqlDuration.Enabled ? SqlTime.Start() : null;
    private readonly Activity? _activity;
    private string? _name;
    private string _type = "query";
    private string? _outcome;

    public OperationObservation(OperationNames names, string? operationName)
    {
        _names = names;
        _name = string.IsNullOrEmpty(operationName) ? null : operationName;
        _activity = DgeTelemetry.Source.StartActivity("graphql", ActivityKind.Internal);
        Tag();
    }

    /// <summary>The name the operation goes by in traces and logs.</summary>
    public string Name => OperationNames.ForRecord(_name);

    /// <summary>Takes the operation's name (when the request gave none) and type from the document.</summary>
    public void Identify(GraphQLOperationDefinition? operation)
    {
        if (operation is null)
        {
            return;
        }

        _name ??= operation.Name?.StringValue;
        _type = operation.Operation switch
        {
            OperationType.Mutation => "mutation",
            OperationType.Subscription => "subscription",
            _ => "query",
        };
        Tag();
    }

    /// <summary>How the operation ended, from its result: ok, error (it ran, with errors), refused (it did not run) or timeout.</summary>
    public void Completed(ExecutionResult result, string timeoutCode, string timeoutAfterCommitCode) =>
        _outcome = !result.Executed ? "refused"
            : result.Errors is not { Count: > 0 } errors ? "ok"
            : errors.Any(e => e.Code == timeoutCode || e.Code == timeoutAfterCommitCode) ? "timeout"
            : "error";

    /// <summary>The operation ended in an exception other than its caller's cancellation.</summary>
    public void Failed() => _outcome = "failed";

    /// <summary>Records the span and the metrics; an operation that did not complete was cancelled by its caller or failed.</summary>
    public void Dispose()
    {
        var outcome = _outcome ?? "cancelled";
        if (DgeTelemetry.OperationDuration.Enabled || _sql is not null)
        {
            var tags = new TagList
            {
                { DgeTelemetry.OperationNameTag, _names.Label(_name) },
                { DgeTelemetry.OperationTypeTag, _type },
                { DgeTelemetry.OutcomeTag, outcome },
            };
            DgeTelemetry.OperationDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
            if (_sql is not null)
            {
                DgeTelemetry.SqlDuration.Record(_sql.Total.TotalSeconds, tags);
            }
        }

        if (_activity is not null)
        {
            _activity.SetTag(DgeTelemetry.OutcomeTag, outcome);
            if (outcome is not "ok")
            {
                _activity.SetStatus(ActivityStatusCode.Error, outcome);
            }

            _activity.Dispose();
        }
    }

    private void Tag()
    {
        if (_activity is null)
        {
            return;
        }

        _activity.DisplayName = $"{_type} {Name}";
        _activity.SetTag(DgeTelemetry.OperationNameTag, Name);
        _activity.SetTag(DgeTelemetry.OperationTypeTag, _type);
    }

    // The log scope's state: one property, read when an entry is written, so it has the name found after parsing.
    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new(LogScopeKey, Name) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{LogScopeKey}:{Name}";
}

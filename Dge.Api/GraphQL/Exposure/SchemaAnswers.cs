using System.Collections.Concurrent;
using System.Text.Json;
using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;

namespace Dge.Api.GraphQL.Exposure;

/// <summary>
/// Answers a query that asks only about the schema (<c>__schema</c>, <c>__type</c>, <c>__typename</c> at its root, as the
/// IDE's and code generators' introspection does) from the answer it gave before: the schema does not change while the
/// process runs, and building that answer took about 10 ms and 3 MB each time. Kept by the document's text and operation
/// name, only after the document validated and ran without errors, and only for requests without variables. The
/// introspection policy still decides per caller (<see cref="IntrospectionPolicy.Allows"/>) before a kept answer is given.
/// At most <see cref="MaxAnswers"/> answers of at most <see cref="MaxAnswerBytes"/> each; when a new one does not fit, the
/// store is emptied and starts over, so a flood of distinct documents costs memory only up to the bound.
/// </summary>
public sealed class SchemaAnswers(IntrospectionPolicy policy, IGraphQLTextSerializer serializer) : IConfigureExecution
{
    public const int MaxAnswers = 16;

    public const int MaxAnswerBytes = 4_000_000;

    private readonly ConcurrentDictionary<(string Query, string? OperationName), JsonElement> _answers = new();
    private long _served;

    /// <summary>After the validated documents' store (200): a kept answer skips validation and execution alike.</summary>
    public float SortOrder => 300;

    /// <summary>How many requests were answered from a kept answer (for tests and diagnostics).</summary>
    public long Served => Interlocked.Read(ref _served);

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Query is not { } query || options.Document is not { } document || options.Variables is { Count: > 0 }
            || AsksOnlyTheSchema(document, options.OperationName) is not { } introspects
            || (introspects && !policy.Allows(options.User)))
        {
            return await next(options);
        }

        var key = (query, options.OperationName);
        if (_answers.TryGetValue(key, out var data))
        {
            Interlocked.Increment(ref _served);
            return new ExecutionResult { Data = data, Executed = true };
        }

        var result = await next(options);
        if (result.Executed && result.Errors is null or { Count: 0 } && result.Data is not null)
        {
            Keep(key, result);
        }

        return result;
    }

    private void Keep((string Query, string? OperationName) key, ExecutionResult result)
    {
        using var json = JsonDocument.Parse(serializer.Serialize(result));
        if (!json.RootElement.TryGetProperty("data", out var data) || data.GetRawText().Length > MaxAnswerBytes)
        {
            return;
        }

        if (_answers.Count >= MaxAnswers)
        {
            _answers.Clear();
        }

        _answers[key] = data.Clone();
    }

    /// <summary>
    /// Whether the operation asks only about the schema: a query whose root selects only meta fields, without directives
    /// or fragments; then whether it introspects (<c>__schema</c> or <c>__type</c>, which the policy guards). Null otherwise.
    /// </summary>
    private static bool? AsksOnlyTheSchema(GraphQLDocument document, string? operationName)
    {
        if (DocumentParts.Operation(document, operationName) is not { Operation: OperationType.Query } operation)
        {
            return null;
        }

        var introspects = false;
        foreach (var selection in operation.SelectionSet.Selections)
        {
            if (selection is not GraphQLField { Directives: null or { Items.Count: 0 } } field || !field.Name.Value.Span.StartsWith("__"))
            {
                return null;
            }

            introspects |= field.Name.Value.Span is "__schema" or "__type";
        }

        return introspects;
    }
}

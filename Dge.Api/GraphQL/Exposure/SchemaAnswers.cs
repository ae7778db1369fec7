using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;

namespace Dge.Api.GraphQL.Exposure;

/// <summary>
/// Answers a query that introspects the schema (<c>__schema</c> or <c>__type</c>, with at most <c>__typename</c> beside
/// them at its root, as the IDE's and code generators' introspection does) from the answer it gave before: the schema does
/// not change while the process runs, and building that answer took about 14 ms of CPU and 3 MB each time. Kept by the
/// document's text and operation name, only after the document validated and ran without errors, and only for requests
/// without variables; given only to callers the introspection policy allows (<see cref="IntrospectionPolicy.Allows"/>),
/// which is all the policy's rule would check of any document. At most <see cref="MaxAnswers"/> answers of at most
/// <see cref="MaxAnswerBytes"/> of JSON each; once full, the store keeps what it has and further documents run as
/// always, so distinct documents cost memory only up to the bound and cannot push out the answers in use.
/// </summary>
public sealed class SchemaAnswers(IntrospectionPolicy policy, IGraphQLTextSerializer serializer) : IConfigureExecution
{
    public const int MaxAnswers = 16;

    /// <summary>Of UTF-8 JSON (the IDE's full introspection is about 0.5 MB); kept parsed, about twice that in memory.</summary>
    public const int MaxAnswerBytes = 2_000_000;

    private readonly ConcurrentDictionary<(string Query, string? OperationName), JsonElement> _answers = new();
    private long _served;

    /// <summary>After the validated documents' store (200): a kept answer skips validation and execution alike.</summary>
    public float SortOrder => 300;

    /// <summary>How many requests were answered from a kept answer (for tests and diagnostics).</summary>
    public long Served => Interlocked.Read(ref _served);

    /// <summary>
    /// Whether this request will be answered from a kept answer, so it costs nothing to run: the runner then lets it pass
    /// without an expensive operation's slot. A kept answer is never dropped, so the answer cannot vanish in between.
    /// </summary>
    public bool WillAnswer(string query, string? operationName, Inputs? variables, ClaimsPrincipal user) =>
        variables is null or { Count: 0 } && _answers.ContainsKey((query, operationName)) && policy.Allows(user);

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        // The policy's rule refuses __schema and __type anywhere in the document, in any of its operations: a caller it
        // refuses runs the document, and is refused by it, as always.
        if (options.Query is not { } query || options.Document is not { } document || options.Variables is { Count: > 0 }
            || !IntrospectsOnly(document, options.OperationName) || !policy.Allows(options.User))
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
        if (_answers.Count < MaxAnswers && result.Executed && result.Errors is null or { Count: 0 } && result.Data is not null)
        {
            Keep(key, result);
        }

        return result;
    }

    private void Keep((string Query, string? OperationName) key, ExecutionResult result)
    {
        var bytes = Encoding.UTF8.GetBytes(serializer.Serialize(result));
        if (bytes.Length > MaxAnswerBytes)
        {
            return;
        }

        using var json = JsonDocument.Parse(bytes);
        if (json.RootElement.TryGetProperty("data", out var data))
        {
            _answers.TryAdd(key, data.Clone());
        }
    }

    /// <summary>
    /// Whether the operation is a query that introspects (<c>__schema</c> or <c>__type</c>) and selects nothing at its root
    /// but meta fields, without directives or fragments there.
    /// </summary>
    private static bool IntrospectsOnly(GraphQLDocument document, string? operationName)
    {
        if (DocumentParts.Operation(document, operationName) is not { Operation: OperationType.Query } operation)
        {
            return false;
        }

        var introspects = false;
        foreach (var selection in operation.SelectionSet.Selections)
        {
            if (selection is not GraphQLField { Directives: null or { Items.Count: 0 } } field || !field.Name.Value.Span.StartsWith("__"))
            {
                return false;
            }

            introspects |= IntrospectionPolicy.IsIntrospectionField(field);
        }

        return introspects;
    }
}

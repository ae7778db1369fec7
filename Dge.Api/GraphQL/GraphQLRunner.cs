using System.Security.Claims;
using Dge.Api.GraphQL.Documents;
using Dge.Api.GraphQL.Exposure;
using Dge.Api.GraphQL.Limits;
using Dge.Api.GraphQL.Mutations;
using Dge.Api.Hosting.Telemetry;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Options;

namespace Dge.Api.GraphQL;

/// <summary>
/// The one way operations are executed, for the HTTP endpoint and the admin shell's in-process client alike,
/// so limits, services and error handling are the same for every caller. A document is measured before GraphQL.NET
/// validates it: its shape against the document limits, then its cost; an expensive operation waits for a slot (unless
/// it is answered from a kept introspection answer, <see cref="SchemaAnswers"/>).
/// </summary>
public sealed partial class GraphQLRunner(
    IDocumentExecuter<ISchema> executer,
    ISchema schema,
    GraphQLLimitsOptions limits,
    DataVolume volume,
    ExpensiveOperations expensive,
    ValidatedDocuments validated,
    SchemaAnswers schemaAnswers,
    IOptions<GraphQLExecutionOptions> options,
    OperationNames operationNames,
    ILogger<GraphQLRunner> logger)
{
    public const string TimeoutCode = "TIMEOUT";

    /// <summary>The execution timeout passed after one or more of the document's mutations had committed: they are saved.</summary>
    public const string TimeoutAfterCommitCode = "TIMEOUT_AFTER_COMMIT";

    private readonly DocumentLimits _documentLimits = new(limits);
    private readonly OperationCost _cost = new(schema, limits, volume);

    /// <summary>
    /// Runs the operation if its document keeps the limits, until it completes, the caller cancels (then the cancellation
    /// propagates) or the execution timeout passes (then the work is stopped, down to the running SQL statement, and the
    /// result is a <c>TIMEOUT</c> error). Time spent waiting for an expensive slot counts towards the timeout. <paramref name="user"/> is
    /// the caller (anonymous: a principal without an authenticated identity), checked by the fields' access rules.
    /// </summary>
    public async Task<ExecutionResult> ExecuteAsync(
        string query, Inputs? variables, string? operationName, ClaimsPrincipal user, IServiceProvider requestServices, CancellationToken cancellationToken)
    {
        // Traced, measured, and its name on every log entry written while it runs (see OperationObservation).
        using var observation = new OperationObservation(operationNames, operationName);
        using var scope = logger.BeginScope(observation);
        try
        {
            var result = await RunAsync(query, variables, operationName, user, requestServices, observation, cancellationToken);
            observation.Completed(result, TimeoutCode, TimeoutAfterCommitCode);
            return result;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            observation.Failed();
            throw;
        }
    }

    private async Task<ExecutionResult> RunAsync(
        string query,
        Inputs? variables,
        string? operationName,
        ClaimsPrincipal user,
        IServiceProvider requestServices,
        OperationObservation observation,
        CancellationToken cancellationToken)
    {
        // A document validated before kept the limits then; a new one is parsed and measured here.
        var document = validated.Find(query);
        if (document is null && _documentLimits.Check(query, out document) is { } tooLarge)
        {
            return ErrorResults.Of(tooLarge);
        }

        observation.Identify(DocumentParts.Operation(document!, operationName));
        if (NulText.InVariables(variables) is { } nul)
        {
            return ErrorResults.Of(nul);
        }

        var cost = _cost.Of(document!, operationName, variables);
        if (cost > limits.MaxComplexity)
        {
            return ErrorResults.Of(LimitError.TooComplex(cost, limits.MaxComplexity));
        }

        var timeout = options.Value.ExecutionTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            // A kept introspection answer costs nothing to give, whatever its document would cost to run.
            var needsSlot = cost >= limits.ExpensiveCost && !schemaAnswers.WillAnswer(query, operationName, variables, user);
            using var slot = needsSlot ? await expensive.EnterAsync(deadline.Token) : null;
            if (slot is { IsAcquired: false })
            {
                return ErrorResults.Of(LimitError.Busy());
            }

            return ErrorLimit.Apply(await executer.ExecuteAsync(new ExecutionOptions
            {
                Query = query,
                Document = document,
                Variables = variables,
                OperationName = operationName,
                User = user,
                RequestServices = requestServices,
                CancellationToken = deadline.Token,
            }));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The client asked for more than the server gives one request: its overload, not the server's fault.
            LogTimedOut(logger, observation.Name, timeout.TotalSeconds);

            // A mutation that committed before the deadline stays written even when its payload then ran out of time: the
            // answer must say so, or a client that retries on a timeout makes the change twice.
            // extensions.saved names what each saved mutation created, updated and deleted, so a create's new id is not lost.
            var saved = requestServices.GetService<RequestCommits>()?.Saved ?? [];
            var stopped = $"The operation ran longer than the execution timeout of {timeout.TotalSeconds:0.###} s and was stopped";
            if (saved.Count == 0)
            {
                return ErrorResults.Of(new ExecutionError($"{stopped}; ask for less (fewer rows, simpler filters).") { Code = TimeoutCode }, executed: true);
            }

            var afterCommit = new ExecutionError(
                $"{stopped} after {saved.Count} of its mutations {(saved.Count == 1 ? "was" : "were")} saved: do not send it again; "
                + "extensions.saved names what each created, updated and deleted, to read back.")
            {
                Code = TimeoutAfterCommitCode,
            };
            afterCommit.Data["saved"] = saved.Select(s => s.ToExtension()).ToList();
            return ErrorResults.Of(afterCommit, executed: true);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "GraphQL operation {OperationName} was stopped after the execution timeout of {TimeoutSeconds} s.")]
    private static partial void LogTimedOut(ILogger logger, string operationName, double timeoutSeconds);
}

using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Options;

namespace Dge.Api.GraphQL;

/// <summary>
/// The one way operations are executed, for the HTTP endpoint and the admin shell's in-process client alike,
/// so limits, services and error handling are the same for every caller.
/// </summary>
public sealed partial class GraphQLRunner(IDocumentExecuter<ISchema> executer, IOptions<GraphQLExecutionOptions> options, ILogger<GraphQLRunner> logger)
{
    public const string TimeoutCode = "TIMEOUT";

    /// <summary>
    /// Runs the operation until it completes, the caller cancels (then the cancellation propagates) or the execution
    /// timeout passes (then the work is stopped, down to the running SQL statement, and the result is a <c>TIMEOUT</c> error).
    /// </summary>
    public async Task<ExecutionResult> ExecuteAsync(
        string query, Inputs? variables, string? operationName, IServiceProvider requestServices, CancellationToken cancellationToken)
    {
        var timeout = options.Value.ExecutionTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await executer.ExecuteAsync(new ExecutionOptions
            {
                Query = query,
                Variables = variables,
                OperationName = operationName,
                RequestServices = requestServices,
                CancellationToken = deadline.Token,
            });
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The client asked for more than the server gives one request: its overload, not the server's fault.
            LogTimedOut(logger, operationName ?? "(unnamed)", timeout.TotalSeconds);
            var result = new ExecutionResult { Executed = true };
            result.AddError(new ExecutionError(
                $"The operation ran longer than the execution timeout of {timeout.TotalSeconds:0.###} s and was stopped; ask for less (fewer rows, simpler filters).")
            {
                Code = TimeoutCode,
            });
            return result;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "GraphQL operation {OperationName} was stopped after the execution timeout of {TimeoutSeconds} s.")]
    private static partial void LogTimedOut(ILogger logger, string operationName, double timeoutSeconds);
}

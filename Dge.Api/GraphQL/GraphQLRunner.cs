using GraphQL;
using GraphQL.Types;

namespace Dge.Api.GraphQL;

/// <summary>
/// The one way operations are executed, for the HTTP endpoint and the admin shell's in-process client alike,
/// so limits, services and error handling are the same for every caller.
/// </summary>
public sealed class GraphQLRunner(IDocumentExecuter<ISchema> executer)
{
    public async Task<ExecutionResult> ExecuteAsync(
        string query, Inputs? variables, string? operationName, IServiceProvider requestServices, CancellationToken cancellationToken) =>
        ErrorLimit.Apply(await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = query,
            Variables = variables,
            OperationName = operationName,
            RequestServices = requestServices,
            CancellationToken = cancellationToken,
        }));
}

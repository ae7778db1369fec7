using Dge.Api.GraphQL.Limits;
using GraphQL;
using GraphQL.Types;

namespace Dge.Api.GraphQL;

/// <summary>
/// The one way operations are executed, for the HTTP endpoint and the admin shell's in-process client alike,
/// so limits, services and error handling are the same for every caller. A document is measured before GraphQL.NET
/// validates it: its shape against the document limits, then its cost; an expensive operation waits for a slot.
/// </summary>
public sealed class GraphQLRunner(
    IDocumentExecuter<ISchema> executer, ISchema schema, GraphQLLimitsOptions limits, DataVolume volume, ExpensiveOperations expensive)
{
    private readonly DocumentLimits _documentLimits = new(limits);
    private readonly OperationCost _cost = new(schema, limits, volume);

    public async Task<ExecutionResult> ExecuteAsync(
        string query, Inputs? variables, string? operationName, IServiceProvider requestServices, CancellationToken cancellationToken)
    {
        if (_documentLimits.Check(query, out var document) is { } tooLarge)
        {
            return Refused(tooLarge);
        }

        var cost = document is null ? 0 : _cost.Of(document, operationName, variables);
        if (cost > limits.MaxComplexity)
        {
            return Refused(LimitError.TooComplex(cost, limits.MaxComplexity));
        }

        using var slot = cost >= limits.ExpensiveCost ? await expensive.EnterAsync(cancellationToken) : null;
        if (slot is { IsAcquired: false })
        {
            return Refused(LimitError.Busy());
        }

        return ErrorLimit.Apply(await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = query,
            Document = document,
            Variables = variables,
            OperationName = operationName,
            RequestServices = requestServices,
            CancellationToken = cancellationToken,
        }));
    }

    private static ExecutionResult Refused(ExecutionError error)
    {
        var result = new ExecutionResult { Executed = false };
        result.AddError(error);
        return result;
    }
}

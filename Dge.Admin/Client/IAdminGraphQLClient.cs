using System.Text.Json;

namespace Dge.Admin.Client;

/// <summary>
/// What the admin shell needs from the API: run one GraphQL operation within the current request.
/// The host provides an in-process implementation, so every rule lives once, in the API.
/// </summary>
public interface IAdminGraphQLClient
{
    Task<GraphQLResponse> ExecuteAsync(GraphQLRequest request, CancellationToken cancellationToken);
}

/// <summary>A GraphQL operation to run.</summary>
public sealed record GraphQLRequest(string Query, IReadOnlyDictionary<string, object?>? Variables = null, string? OperationName = null);

/// <summary>The operation's result: its <c>data</c> as JSON, and the error messages, if any.</summary>
public sealed record GraphQLResponse(JsonElement? Data, IReadOnlyList<GraphQLError> Errors)
{
    public bool IsSuccess => Errors.Count == 0;
}

/// <summary>One error of a GraphQL response, with its machine-readable code when the API gave one.</summary>
public sealed record GraphQLError(string Message, string? Code);

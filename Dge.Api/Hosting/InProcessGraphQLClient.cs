using System.Text.Json;
using Dge.Admin.Client;
using Dge.Api.GraphQL;
using Dge.Api.GraphQL.Documents;
using GraphQL;

namespace Dge.Api.Hosting;

/// <summary>
/// The admin shell's GraphQL client: runs operations in the current request's scope, through the same runner and the
/// same trusted-document rule as /graphql (the shell's operations are trusted documents), as the signed-in user, each
/// operation with its own services like a request of its own.
/// </summary>
internal sealed class InProcessGraphQLClient(
    GraphQLRunner runner, DocumentResolver documents, IGraphQLTextSerializer serializer, IHttpContextAccessor httpContextAccessor) : IAdminGraphQLClient
{
    public async Task<GraphQLResponse> ExecuteAsync(GraphQLRequest request, CancellationToken cancellationToken)
    {
        var httpContext = httpContextAccessor.HttpContext
            ?? throw new InvalidOperationException("The admin client runs only within an HTTP request.");
        var variables = request.Variables is null ? null : serializer.Deserialize<Inputs>(JsonSerializer.Serialize(request.Variables));
        string query;
        try
        {
            query = documents.Resolve(new DocumentRequest(request.Query));
        }
        catch (DocumentRefusedException refused)
        {
            return new GraphQLResponse(null, [new GraphQLError(refused.Message, refused.Code)]);
        }

        // Each operation in a scope of its own, as each /graphql request is: a page that changes something and then reads
        // it again must not be answered from the batch loaders' cache of its first read.
        await using var scope = httpContext.RequestServices.CreateAsyncScope();
        var result = await runner.ExecuteAsync(query, variables, request.OperationName, httpContext.User, scope.ServiceProvider, cancellationToken);
        using var document = JsonDocument.Parse(serializer.Serialize(result));
        var root = document.RootElement;
        var data = root.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d.Clone() : (JsonElement?)null;
        var errors = root.TryGetProperty("errors", out var e)
            ? e.EnumerateArray().Select(error => new GraphQLError(
                error.GetProperty("message").GetString() ?? "Unknown error",
                error.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var code) ? code.GetString() : null)).ToList()
            : [];
        return new GraphQLResponse(data, errors);
    }
}

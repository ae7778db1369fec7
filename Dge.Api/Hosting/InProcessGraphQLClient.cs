using System.Text.Json;
using Dge.Admin.Client;
using Dge.Api.GraphQL;
using GraphQL;

namespace Dge.Api.Hosting;

/// <summary>The admin shell's GraphQL client: runs operations in the current request's scope, through the same runner as /graphql.</summary>
internal sealed class InProcessGraphQLClient(GraphQLRunner runner, IGraphQLTextSerializer serializer, IHttpContextAccessor httpContextAccessor) : IAdminGraphQLClient
{
    public async Task<GraphQLResponse> ExecuteAsync(GraphQLRequest request, CancellationToken cancellationToken)
    {
        var services = httpContextAccessor.HttpContext?.RequestServices
            ?? throw new InvalidOperationException("The admin client runs only within an HTTP request.");
        var variables = request.Variables is null ? null : serializer.Deserialize<Inputs>(JsonSerializer.Serialize(request.Variables));
        var result = await runner.ExecuteAsync(request.Query, variables, request.OperationName, services, cancellationToken);
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

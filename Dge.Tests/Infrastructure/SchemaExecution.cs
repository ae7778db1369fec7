using System.Text.Json;
using Dge.Api.GraphQL;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.Infrastructure;

/// <summary>Runs an operation through the host's <see cref="GraphQLRunner"/> in a request scope, as the endpoint does, and returns the JSON.</summary>
public static class SchemaExecution
{
    public static async Task<JsonElement> ExecuteAsync(IServiceProvider services, string query, Inputs? variables = null)
    {
        await using var scope = services.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<GraphQLRunner>();
        var serializer = scope.ServiceProvider.GetRequiredService<IGraphQLTextSerializer>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var result = await runner.ExecuteAsync(query, variables, operationName: null, scope.ServiceProvider, timeout.Token);
        using var document = JsonDocument.Parse(serializer.Serialize(result));
        return document.RootElement.Clone();
    }
}

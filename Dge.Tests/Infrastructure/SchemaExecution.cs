using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.Infrastructure;

/// <summary>Runs an operation against the host's schema in a request scope, as the HTTP endpoint does, and returns the JSON.</summary>
public static class SchemaExecution
{
    public static async Task<JsonElement> ExecuteAsync(IServiceProvider services, string query, Inputs? variables = null)
    {
        await using var scope = services.CreateAsyncScope();
        var executer = scope.ServiceProvider.GetRequiredService<IDocumentExecuter<ISchema>>();
        var serializer = scope.ServiceProvider.GetRequiredService<IGraphQLTextSerializer>();
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = query,
            Variables = variables,
            RequestServices = scope.ServiceProvider,
        });
        return JsonDocument.Parse(serializer.Serialize(result)).RootElement.Clone();
    }
}

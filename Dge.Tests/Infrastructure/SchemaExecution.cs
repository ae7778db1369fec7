using System.Security.Claims;
using System.Text.Json;
using Dge.Api.GraphQL;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.Infrastructure;

/// <summary>Runs an operation through the host's <see cref="GraphQLRunner"/> in a request scope, as the endpoint does (anonymously unless a user is given), and returns the JSON.</summary>
public static class SchemaExecution
{
    public static async Task<JsonElement> ExecuteAsync(IServiceProvider services, string query, Inputs? variables = null, ClaimsPrincipal? user = null)
    {
        await using var scope = services.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<GraphQLRunner>();
        var serializer = scope.ServiceProvider.GetRequiredService<IGraphQLTextSerializer>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var result = await runner.ExecuteAsync(query, variables, operationName: null, user ?? new ClaimsPrincipal(new ClaimsIdentity()), scope.ServiceProvider, timeout.Token);
        using var document = JsonDocument.Parse(serializer.Serialize(result));
        return document.RootElement.Clone();
    }

    /// <summary>Runs the operation and returns its <c>data</c>, failing the test on any error.</summary>
    public static async Task<JsonElement> DataAsync(IServiceProvider services, string query, Inputs? variables = null, ClaimsPrincipal? user = null)
    {
        var json = await ExecuteAsync(services, query, variables, user);
        Assert.False(json.TryGetProperty("errors", out var errors), errors.ValueKind == JsonValueKind.Undefined ? string.Empty : errors.ToString());
        return json.GetProperty("data");
    }
}

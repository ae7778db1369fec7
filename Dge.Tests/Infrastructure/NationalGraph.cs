using System.Security.Claims;
using System.Text.Json;
using Dge.Api.Data;
using Dge.Api.Data.Providers;
using GraphQL;

namespace Dge.Tests.Infrastructure;

/// <summary>
/// A host over a private copy of the national database, shared by the read-only tests of one class;
/// tests compare the API's answers with LINQ over the same file.
/// </summary>
public class NationalGraph : IAsyncLifetime
{
    private DgeAppFactory? _factory;

    public string DatabasePath { get; private set; } = string.Empty;

    public IServiceProvider Services => _factory!.Services;

    /// <summary>The store the copy is made in: the run's provider, unless a fixture needs one (<see cref="SqliteNationalGraph"/>).</summary>
    protected virtual DatabaseProvider? Provider => null;

    public async Task InitializeAsync()
    {
        DatabasePath = await TestDatabases.CopyNationalAsync(Provider);
        _factory = new DgeAppFactory(DatabasePath);
        await _factory.CreateReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    public DgeDbContext OpenDb() => TestDatabases.Open(DatabasePath);

    /// <summary>Runs the query (anonymously unless a user is given) and returns <c>data</c>, failing the test on any error.</summary>
    public Task<JsonElement> DataAsync(string query, object? variables = null, ClaimsPrincipal? user = null) =>
        SchemaExecution.DataAsync(Services, query, ToInputs(variables), user);

    /// <summary>Runs the query and returns its <c>errors</c>, failing the test if there are none.</summary>
    public async Task<JsonElement> ErrorsAsync(string query, object? variables = null, ClaimsPrincipal? user = null)
    {
        var json = await SchemaExecution.ExecuteAsync(Services, query, ToInputs(variables), user);
        Assert.True(json.TryGetProperty("errors", out var errors), $"Expected errors, got {json}");
        return errors;
    }

    private static Inputs? ToInputs(object? variables) =>
        variables is null ? null : new GraphQLSerializerInputs(JsonSerializer.Serialize(variables)).Inputs;

    private sealed class GraphQLSerializerInputs(string json)
    {
        public Inputs Inputs { get; } = new global::GraphQL.SystemTextJson.GraphQLSerializer().Deserialize<Inputs>(json)!;
    }
}

/// <summary>The national graph on SQLite in every run, for what only SQLite has (the planned reads, <c>GraphQL/Planning</c>).</summary>
public sealed class SqliteNationalGraph : NationalGraph
{
    protected override DatabaseProvider? Provider => DatabaseProvider.Sqlite;
}

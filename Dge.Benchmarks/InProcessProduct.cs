using System.Buffers;
using System.Security.Claims;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Api.GraphQL;
using Dge.Api.Hosting;
using Dge.Benchmarks.Baselines;
using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Benchmarks;

/// <summary>
/// The product's services on a database, in this process, for the in-process benchmarks and profiling: built by the same
/// recipe as the host, started (its start-up steps run), and asked through <see cref="GraphQLRunner"/> as the HTTP
/// endpoint asks it, the result serialised by the host's serializer. Beside it, the operation's baseline on one pooled
/// ADO.NET connection to the same file.
/// </summary>
public sealed class InProcessProduct : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IGraphQLTextSerializer _serializer;
    private readonly string _connectionString;

    private InProcessProduct(WebApplication app, string connectionString)
    {
        _app = app;
        _connectionString = connectionString;
        _serializer = app.Services.GetRequiredService<IGraphQLTextSerializer>();
    }

    /// <summary>A Reader, as a coordinator's API key is: personal fields are readable.</summary>
    public static ClaimsPrincipal Reader { get; } = ApiKeys.PrincipalOf(new ApiKey { Name = "benchmark", Role = Roles.Reader, CreatedBy = "benchmark", Hint = "dge_bench", SecretHash = string.Empty });

    /// <summary>An Editor, for mutations.</summary>
    public static ClaimsPrincipal Editor { get; } = ApiKeys.PrincipalOf(new ApiKey { Name = "benchmark", Role = Roles.Editor, CreatedBy = "benchmark", Hint = "dge_bench", SecretHash = string.Empty });

    /// <summary>An Admin, for the admins' mutations (a new API key).</summary>
    public static ClaimsPrincipal Admin { get; } = ApiKeys.PrincipalOf(new ApiKey { Name = "benchmark", Role = Roles.Admin, CreatedBy = "benchmark", Hint = "dge_bench", SecretHash = string.Empty });

    /// <summary>The principal of a role: Reader, Editor or Admin.</summary>
    public static ClaimsPrincipal As(string role) => role switch
    {
        Roles.Reader => Reader,
        Roles.Editor => Editor,
        Roles.Admin => Admin,
        _ => throw new ArgumentException($"No principal has the role {role}.", nameof(role)),
    };

    public static async Task<InProcessProduct> StartAsync(string databasePath, params string[] extraArgs)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString();
        string[] args =
        [
            "--environment", "Production",
            "--contentRoot", Path.Combine(Operations.RepositoryRoot(), "Dge.Api"),
            "--urls", "http://127.0.0.1:0",
            "--ConnectionStrings:Dge", connectionString,
            "--Dge:Seed:Scale", "0",
            "--Dge:RateLimit:Enabled", "false",
            "--Logging:LogLevel:Default", "Warning",
            .. extraArgs,
        ];
        var app = DgeApplication.Build(DgeApplication.CreateBuilder(args));
        await app.StartAsync();
        var product = new InProcessProduct(app, connectionString);
        await product.WaitUntilReadyAsync();
        return product;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>Runs <paramref name="operation"/> as <paramref name="user"/> and writes the response to <paramref name="output"/>.</summary>
    public async Task RunAsync(Operation operation, ClaimsPrincipal user, Stream output, string? variablesJson = null)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<GraphQLRunner>();
        var variables = _serializer.Deserialize<Inputs>(variablesJson ?? operation.VariablesJson);
        var result = await runner.ExecuteAsync(operation.Document, variables, operation.OperationName, user, scope.ServiceProvider, CancellationToken.None);
        await _serializer.WriteAsync(output, result);
    }

    /// <summary>Runs the operation's baseline and writes <c>{"data": …}</c> to <paramref name="output"/>.</summary>
    public async Task RunBaselineAsync(Baseline baseline, Operation operation, IBufferWriter<byte> output, string? variablesJson = null)
    {
        using var variables = JsonDocument.Parse(variablesJson ?? operation.VariablesJson);
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var json = new Utf8JsonWriter(output, Baseline.WriterOptions);
        json.WriteStartObject();
        json.WritePropertyName("data");
        await baseline.WriteDataAsync(connection, variables.RootElement, json, CancellationToken.None);
        json.WriteEndObject();
    }

    /// <summary>The <c>data</c> member of the API's and the baseline's answers, as JSON text, for the check before measuring.</summary>
    public async Task<(string Api, string Baseline)> DataOfBothAsync(Baseline baseline, Operation operation) =>
        await DataOfBothAsync(baseline, operation, Reader, operation.VariablesJson, operation.VariablesJson);

    /// <summary>The same, each side with its own variables (a mutation's next request), the API's side as <paramref name="user"/>.</summary>
    public async Task<(string Api, string Baseline)> DataOfBothAsync(Baseline baseline, Operation operation, ClaimsPrincipal user, string apiVariables, string baselineVariables)
    {
        using var api = new MemoryStream();
        await RunAsync(operation, user, api, apiVariables);
        var written = new ArrayBufferWriter<byte>();
        await RunBaselineAsync(baseline, operation, written, baselineVariables);
        return (DataOf(api.ToArray()), DataOf(written.WrittenSpan.ToArray()));
    }

    public static string DataOf(byte[] response)
    {
        using var json = JsonDocument.Parse(response);
        return json.RootElement.TryGetProperty("errors", out var errors) ? "(errors) " + errors.GetRawText() : json.RootElement.GetProperty("data").GetRawText();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    private async Task WaitUntilReadyAsync()
    {
        var typename = new Operation(Operations.Typename, "{ __typename }", "{}", OperationKind.Read);
        for (var attempt = 0; attempt < 600; attempt++)
        {
            using var output = new MemoryStream();
            await RunAsync(typename, Reader, output);
            if (DataOf(output.ToArray()).Contains("Query", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("The product did not become ready.");
    }
}

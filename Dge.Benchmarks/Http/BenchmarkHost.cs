using System.Text.Json;
using Dge.Api.Hosting;
using Dge.Benchmarks.Baselines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Dge.Api.Data.Providers;

namespace Dge.Benchmarks.Http;

/// <summary>
/// The host the HTTP suite measures: the product, built by the same recipe as <c>Dge.Api</c>'s <c>Program</c>, with the
/// baselines' minimal endpoints (<c>POST /baseline/{operation}</c>) mapped beside it. Only this benchmark program maps them;
/// the product never does. A baseline endpoint takes the same request body as <c>/graphql</c> and answers
/// <c>{"data": …}</c> through one pooled ADO.NET connection (SQLite or Npgsql, as the product's store) and a <see cref="Utf8JsonWriter"/>.
/// </summary>
public static class BenchmarkHost
{
    public const string AdminEmail = "bench@dge.local";
    public const string AdminPassword = "Bench-Password-2026!";

    /// <summary>Answers how many SQL commands EF has executed in the host (counted from EF's diagnostic events).</summary>
    public const string SqlCommandsPath = "/baseline-stats/sql-commands";

    /// <summary>The settings the suite's host runs with: Production, the rate limit off (one load tool is one caller).</summary>
    public static IReadOnlyDictionary<string, string> Settings(BenchmarkStore store, string url) => new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Dge__Database__Provider"] = store.Provider.ToString(),
        ["ConnectionStrings__Dge"] = store.ConnectionString,
        ["Dge__Seed__Scale"] = "0",
        ["Dge__RateLimit__Enabled"] = "false",

        // A whole-country view at 100× can take longer than the product's 10 s: measure it rather than time it out.
        ["Dge__GraphQL__ExecutionTimeout"] = "00:02:00",

        // The cost limit prices a whole-region view by the data's volume, so at 100x it refuses four of the examples
        // (COMPLEXITY, priced at 124,000 to 311,000 against the default 50,000): raised here so they can be measured.
        ["Dge__GraphQL__MaxComplexity"] = "10000000",
        ["Dge__Admin__Email"] = AdminEmail,
        ["Dge__Admin__Password"] = AdminPassword,
        ["Urls"] = url,
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Extensions.Diagnostics.HealthChecks"] = "Error",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = DgeApplication.CreateBuilder(args);
        // The baselines read the host's own database, as the host resolves it.
        var settings = StoreSettings.Of(builder);
        var store = new BenchmarkStore(settings.Provider, settings.ConnectionString);
        var app = DgeApplication.Build(builder);
        var commands = SqlCommandCounter.Start();
        app.MapGet(SqlCommandsPath, () => commands.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        app.MapPost("/baseline/{operation}", (string operation, HttpContext context) => AnswerAsync(operation, store, context));
        await app.RunAsync();
        return 0;
    }

    private static async Task AnswerAsync(string operation, BenchmarkStore store, HttpContext context)
    {
        if (BaselineCatalog.For(operation) is not { } baseline)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var request = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        var variables = request.RootElement.TryGetProperty("variables", out var given) && given.ValueKind == JsonValueKind.Object
            ? given
            : default;
        await using var connection = store.Connection();
        await connection.OpenAsync(context.RequestAborted);

        context.Response.ContentType = "application/graphql-response+json; charset=utf-8";
        // The API's serializer writes with the relaxed encoder (æ, ø, å and – as themselves): the same bytes need the same encoder.
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter, Baseline.WriterOptions);
        json.WriteStartObject();
        json.WritePropertyName("data");
        await baseline.WriteDataAsync(connection, variables, json, context.RequestAborted);
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}

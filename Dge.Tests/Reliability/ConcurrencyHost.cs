using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dge.Tests.Hosting;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Reliability;

/// <summary>
/// The real host as a separate process over a private copy of the national database, with an Editor and an Admin API
/// key: one per test class, so the concurrency tests attack the same stack a deployment runs (Kestrel, the GraphQL
/// endpoint, EF Core, SQLite in WAL mode with its pragmas) over loopback.
/// </summary>
public sealed class ConcurrencyHost : IAsyncLifetime
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    private HostProcess? _host;

    public string DatabasePath { get; private set; } = string.Empty;

    public HostProcess Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public string EditorKey { get; private set; } = string.Empty;

    public string AdminKey { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        DatabasePath = await TestDatabases.CopyNationalAsync();
        _host = HostProcess.StartWithAdmin(DatabasePath, seedScale: 1);
        await _host.WaitUntilReadyAsync(ReadyTimeout);
        EditorKey = await _host.CreateApiKeyAsync("Editor");
        AdminKey = await _host.CreateApiKeyAsync("Admin");
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.KillAsync();
            _host.Dispose();
        }
    }

    /// <summary>Starts a host over <paramref name="databasePath"/> with <paramref name="settings"/> and waits until it is ready.</summary>
    public static async Task<HostProcess> StartAsync(string databasePath, IReadOnlyDictionary<string, string>? settings = null)
    {
        var host = HostProcess.StartWithAdmin(databasePath, seedScale: 1, settings);
        try
        {
            await host.WaitUntilReadyAsync(ReadyTimeout);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}

/// <summary>One GraphQL answer over HTTP: the status and the body.</summary>
public sealed record GraphAnswer(HttpStatusCode Status, JsonElement Body)
{
    /// <summary>The top-level errors' codes (extensions.code), empty when there are none.</summary>
    public IReadOnlyList<string> TopLevelCodes =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
            ? errors.EnumerateArray()
                .Select(e => e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var c) ? c.GetString() ?? "?" : "(no code)")
                .ToList()
            : [];

    /// <summary>The payload of the mutation or query field <paramref name="field"/>; fails when there is none.</summary>
    public JsonElement Field(string field)
    {
        Assert.True(Status == HttpStatusCode.OK && TopLevelCodes.Count == 0, $"Expected data for {field}, got {(int)Status}: {Body}");
        return Body.GetProperty("data").GetProperty(field);
    }

    /// <summary>
    /// How a mutation's answer reads: <c>ok</c>, a typed refusal (<c>ValidationError:CODE</c>, <c>ConflictError</c>, …), or a
    /// failure (<c>HTTP 500</c>, <c>top-level:INTERNAL_ERROR</c>, …) that a client could not act on.
    /// </summary>
    public string Outcome(string field)
    {
        if (Status != HttpStatusCode.OK)
        {
            return $"HTTP {(int)Status} {string.Join(',', TopLevelCodes)}".TrimEnd();
        }

        if (TopLevelCodes.Count > 0)
        {
            return $"top-level:{string.Join(',', TopLevelCodes)}";
        }

        var payload = Body.GetProperty("data").GetProperty(field);
        if (payload.GetProperty("errors") is not { ValueKind: JsonValueKind.Array } errors)
        {
            return "ok";
        }

        var error = Assert.Single(errors.EnumerateArray());
        var type = error.GetProperty("__typename").GetString()!;
        return type == "ValidationError" ? $"{type}:{error.GetProperty("code").GetString()}" : type;
    }

    /// <summary>Whether <see cref="Outcome"/> is a success or an error of the payload's typed union.</summary>
    public static bool IsTyped(string outcome) =>
        outcome == "ok" || outcome.StartsWith("ValidationError:", StringComparison.Ordinal)
        || outcome is "ConflictError" or "NotFoundError" or "ForbiddenError";
}

public static class GraphHttp
{
    /// <summary>POSTs a GraphQL request to the host; transport failures propagate.</summary>
    public static async Task<GraphAnswer> GraphQLAsync(this HttpClient client, string query, object? variables, CancellationToken cancellationToken = default)
    {
        using var response = await client.PostAsJsonAsync(new Uri("graphql", UriKind.Relative), new { query, variables }, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonElement body;
        try
        {
            body = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            body = JsonSerializer.SerializeToElement(text);
        }

        return new GraphAnswer(response.StatusCode, body);
    }

    /// <summary>
    /// The host's log lines at error level or above (Microsoft.Extensions.Logging's console format starts them with
    /// <c>fail:</c> or <c>crit:</c>).
    /// </summary>
    public static IReadOnlyList<string> ErrorLines(string output) =>
        output.Split('\n').Where(line => line.TrimStart().StartsWith("fail:", StringComparison.Ordinal) || line.TrimStart().StartsWith("crit:", StringComparison.Ordinal)).ToList();
}

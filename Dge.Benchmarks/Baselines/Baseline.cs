using System.Data.Common;
using System.Text.Json;

namespace Dge.Benchmarks.Baselines;

/// <summary>
/// The limit an operation is measured against: the same answer produced the cheapest way this stack allows, with the fewest
/// hand-written SQL statements that can do it, run through ADO.NET on the same database file, the JSON written by
/// <see cref="Utf8JsonWriter"/>. <see cref="WriteDataAsync"/> writes the value of the response's <c>data</c> member, byte for
/// byte what the API answers for the same variables (checked before every measurement by the HTTP suite).
/// </summary>
public abstract class Baseline
{
    /// <summary>How every baseline's JSON is written: as the API writes it (non-ASCII letters such as æ, ø, å unescaped).</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The operation's name: its file in <c>schema/operations/</c> without the extension.</summary>
    public abstract string Operation { get; }

    /// <summary>
    /// The variables a load run sends again and again: the example's, unless sending them twice would be refused (a mutation
    /// may then put <c>@@N@@</c> where a value must differ, and the load tool makes it unique per request).
    /// </summary>
    public virtual string RepeatableVariables(string exampleVariables) => exampleVariables;

    /// <summary>
    /// For a mutation that names the row it changes and the version the caller read: the rows a load run may change. The
    /// load tool hands each request one that no other request of its thread has in flight, putting its id where the
    /// <see cref="RepeatableVariables"/> say <c>@@ID@@</c> and its version where they say <c>"@@VERSION@@"</c> (quotes
    /// included: the number replaces the string). Null for an operation that changes no row named in its variables.
    /// </summary>
    public virtual EntityPool? Pool => null;

    /// <summary>The role of the API key the API side is called with: null for the suite's choice (Reader for queries, Editor for mutations).</summary>
    public virtual string? Role => null;

    /// <summary>
    /// Prepares the working copy before the host starts on it (when this operation is measured): for a mutation that can change
    /// a row only once, the rows a load run uses up. Nothing by default.
    /// </summary>
    public virtual Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// For a mutation: variables the API must refuse, made from the load run's (<see cref="RepeatableVariables"/>), one rule
    /// each; the check sends each to both sides and compares their answers byte for byte (a refusal writes nothing). None by default.
    /// </summary>
    public virtual IEnumerable<string> RefusedVariables(string repeatableVariables) => [];

    /// <summary>
    /// The unique text of the check's request by <paramref name="side"/>: the same for both sides, whose answers must then
    /// agree, except where both change one row, the baseline after the API: then each its own, so that the baseline's
    /// request is a change too.
    /// </summary>
    public string CheckText(string side) => Pool is { Reusable: true } ? $"check {side}" : "check";

    /// <summary>The variables with the input's <paramref name="field"/> set to <paramref name="value"/>.</summary>
    protected static string WithInput(string variables, string field, System.Text.Json.Nodes.JsonNode? value)
    {
        var changed = System.Text.Json.Nodes.JsonNode.Parse(variables)!;
        changed["input"]![field] = value;
        return changed.ToJsonString();
    }

    public abstract Task WriteDataAsync(DbConnection connection, JsonElement variables, Utf8JsonWriter json, CancellationToken cancellationToken);
}

/// <summary>
/// The rows a load run of a versioned mutation may change: <paramref name="Sql"/> lists them as (<c>"Id"</c>,
/// <c>"Version"</c>) rows, on SQLite and PostgreSQL alike; <paramref name="NodeType"/> encodes the ids. A reusable row goes
/// back to its thread's pool with the version its answer gives (read after <paramref name="PayloadField"/>, the mutation's
/// field in the answer); a row that can change once only (a retirement) is used up.
/// </summary>
public sealed record EntityPool(string NodeType, string Sql, string PayloadField, bool Reusable)
{
    /// <summary>The rows as they are now: each one's global id and version.</summary>
    public async Task<List<(string Id, long Version)>> RowsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var rows = new List<(string Id, long Version)>();
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((Dge.Api.GraphQL.Relay.NodeId.Encode(NodeType, checked((int)reader.GetInt64(0))), reader.GetInt64(1)));
        }

        return rows;
    }

    /// <summary>A request's variables or body with a row put where it says <c>@@ID@@</c> and <c>"@@VERSION@@"</c>.</summary>
    public static string Fill(string text, string id, long version) =>
        text.Replace("@@ID@@", id, StringComparison.Ordinal)
            .Replace("\"@@VERSION@@\"", version.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}

/// <summary>
/// What a mutation's answers are compared by, API against baseline: each side made or changed a row of its own (or the
/// same row after the other), so the ids, versions, secrets and times of creation in them differ; everything else must not.
/// </summary>
public static class MutationAnswers
{
    public static string WithoutRowIdentity(string data) => Masked(data, "\"(id|secret|createdAt)\":\"[^\"]*\"|\"version\":[0-9]+");

    /// <summary>The JSON text with the value of every member <paramref name="pattern"/> matches (name and value) replaced by "…".</summary>
    public static string Masked(string json, string pattern) => System.Text.RegularExpressions.Regex.Replace(
        json, pattern, m => m.Value[..(m.Value.IndexOf(':', StringComparison.Ordinal) + 1)] + "\"…\"");

    /// <summary>Whether an answer carries errors: a refusal in the payload, or the request's own.</summary>
    public static bool Refused(ReadOnlySpan<byte> answer) => answer.IndexOf("\"errors\":["u8) >= 0;
}

/// <summary>
/// The variables of a mutation's requests one after another in one process (the in-process benchmark): <c>@@N@@</c> a
/// number unique to the request; a versioned mutation's row from its pool, read once: a reusable row again at the version
/// its last change left (each request must succeed, which the benchmark checks), a row that changes once the next one.
/// </summary>
public sealed class SuccessiveVariables(string template, IReadOnlyList<(string Id, long Version)> rows, bool reusable)
{
    private int _requests;

    /// <summary>
    /// For a mutation with a baseline: the database file readied by the baseline (before a product opens it, its pools closed
    /// after) and the variables of its requests; null for any other operation.
    /// </summary>
    public static async Task<SuccessiveVariables?> PrepareAsync(string databasePath, Operation operation)
    {
        if (operation.Kind != OperationKind.Mutation || BaselineCatalog.For(operation.Name) is not { } baseline)
        {
            return null;
        }

        List<(string Id, long Version)> rows;
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(BenchmarkStore.Sqlite(databasePath).ConnectionString))
        {
            await connection.OpenAsync();
            await baseline.PrepareAsync(connection, CancellationToken.None);
            rows = baseline.Pool is { } pool ? await pool.RowsAsync(connection, CancellationToken.None) : [];
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return new SuccessiveVariables(baseline.RepeatableVariables(operation.VariablesJson), rows, baseline.Pool?.Reusable ?? true);
    }

    /// <summary>The next request's variables; <paramref name="unique"/>, if given, instead of the request's number (the check's two sides).</summary>
    public string Next(string? unique = null)
    {
        var n = Interlocked.Increment(ref _requests) - 1;
        var variables = template.Replace("@@N@@", unique ?? n.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        if (!variables.Contains("@@ID@@", StringComparison.Ordinal))
        {
            return variables;
        }

        var (id, version) = reusable ? (rows[0].Id, rows[0].Version + n) : rows[n];
        return EntityPool.Fill(variables, id, version);
    }
}

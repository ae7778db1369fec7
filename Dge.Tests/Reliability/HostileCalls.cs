using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dge.Api.Data;
using Microsoft.EntityFrameworkCore;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.Reliability;

/// <summary>A GraphQL enum value in an input built by a test: written bare in a document, as a string in variables.</summary>
public sealed record GraphQLEnum(string Name);

/// <summary>What the hostile-write tests send over HTTP and how they tell that nothing was written.</summary>
public static class HostileCalls
{
    /// <summary>The HTTP status and the JSON answer of a POST to /graphql.</summary>
    public sealed record Answer(int Status, JsonElement Json)
    {
        public bool HasData(string responseKey) =>
            Json.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty(responseKey, out var value) && value.ValueKind != JsonValueKind.Null;

        public IReadOnlyList<JsonElement> Errors =>
            Json.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array ? [.. errors.EnumerateArray()] : [];

        public IReadOnlyList<string> ErrorCodes =>
            [.. Errors.Select(e => e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var c) ? c.GetString() ?? "" : "")];
    }

    public static async Task<Answer> PostAsync(HttpClient client, string query, IReadOnlyDictionary<string, object?>? variables = null)
    {
        var body = JsonSerializer.Serialize(new { query, variables = variables is null ? null : Json(variables) });
        using var response = await client.SendAsync(Post(body));
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new Answer((int)response.StatusCode, json);
    }

    /// <summary><paramref name="value"/> as a GraphQL literal (an input object, a list, a string, an enum value...).</summary>
    public static string Literal(object? value) => value switch
    {
        null => "null",
        GraphQLEnum e => e.Name,
        string s => JsonSerializer.Serialize(s),
        bool b => b ? "true" : "false",
        int or long or double => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        IReadOnlyDictionary<string, object?> fields => "{ " + string.Join(", ", fields.Select(f => $"{f.Key}: {Literal(f.Value)}")) + " }",
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Literal)) + "]",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Not a GraphQL input value."),
    };

    /// <summary><paramref name="value"/> as it goes into the variables JSON: enum values as their names.</summary>
    public static object? Json(object? value) => value switch
    {
        GraphQLEnum e => e.Name,
        IReadOnlyDictionary<string, object?> fields => fields.ToDictionary(f => f.Key, f => Json(f.Value)),
        string => value,
        System.Collections.IEnumerable list => list.Cast<object?>().Select(Json).ToList(),
        _ => value,
    };

    /// <summary>
    /// A checksum of every table, row by row in key order, leaving out only <c>ApiKeys.LastUsedAt</c>: a request made with
    /// a key records its use (to the minute), which is bookkeeping of the authentication, not an effect of the operation.
    /// </summary>
    public static async Task<string> StateAsync(DgeDbContext db, CancellationToken cancellationToken = default)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var tables = db.Model.GetEntityTypes()
            .Where(t => t.GetTableName() is not null && t.FindPrimaryKey() is not null)
            .Select(t => (Table: t.GetTableName()!, Key: string.Join(", ", t.FindPrimaryKey()!.Properties.Select(p => $"\"{p.GetColumnName()}\""))))
            .DistinctBy(t => t.Table)
            .OrderBy(t => t.Table, StringComparer.Ordinal);
        foreach (var (table, key) in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY {key}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            sha.AppendData(Encoding.UTF8.GetBytes(table));
            var skipped = Enumerable.Range(0, reader.FieldCount).Where(i => table == "ApiKeys" && reader.GetName(i) == "LastUsedAt").ToHashSet();
            while (await reader.ReadAsync(cancellationToken))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!skipped.Contains(i))
                    {
                        var value = reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
                        sha.AppendData(Encoding.UTF8.GetBytes(value + "|"));
                    }
                }
            }
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }
}

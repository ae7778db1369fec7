using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Api.GraphQL.Relay;

namespace Dge.Benchmarks.Baselines;

/// <summary>
/// <c>CreateApiKey</c>: makes an API key as the API's <c>createApiKey</c> does, with the same rules in the same order (the name,
/// the role, the expiry in the future), the same writes in one transaction (the key and its audit entry) and the same payload.
/// The secret and its hash come from the product's <see cref="ApiKeys.New"/>, the one place that says what a key looks like,
/// so a key the baseline makes works as a key. Two statements: the key, the audit entry with the commit.
/// </summary>
public sealed class CreateApiKeyBaseline : Baseline
{
    private const string StoredDateTime = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    /// <summary>Only admins may make keys.</summary>
    public override string Role => Roles.Admin;

    /// <summary>Key names need not be unique, but a load run's keys are easier to tell apart with a number each.</summary>
    public override string RepeatableVariables(string exampleVariables)
    {
        var variables = System.Text.Json.Nodes.JsonNode.Parse(exampleVariables)!;
        variables["input"]!["name"] = "Portal @@N@@";
        return variables.ToJsonString();
    }

    private const string InsertKeySql = MutationBaseline.SqliteBegin + """
        INSERT INTO "ApiKeys" ("Name", "Role", "SecretHash", "Hint", "CreatedAt", "CreatedBy", "ExpiresAt", "RevokedAt", "LastUsedAt", "Version")
        VALUES (@name, @role, @secretHash, @hint, @createdAt, @createdBy, @expiresAt, NULL, NULL, 0)
        RETURNING "Id"
        """;

    private const string PostgresInsertKeySql = """
        INSERT INTO "ApiKeys" ("Name", "Role", "SecretHash", "Hint", "CreatedAt", "CreatedBy", "ExpiresAt", "RevokedAt", "LastUsedAt", "Version")
        VALUES (@name, @role, @secretHash, @hint, @createdAt, @createdBy, @expiresAt, NULL, NULL, 0)
        RETURNING "Id"
        """;

    private const string InsertAuditSql = """
        INSERT INTO "AuditEntries" ("At", "ActorKind", "ActorId", "ActorName", "Operation", "EntityType", "EntityKey", "EntityId", "Before", "After", "Version")
        VALUES (@at, 'ApiKey', @actorId, @actorName, 'createApiKey', 'ApiKey', @key, @entityId, NULL, @after, 0);
        COMMIT;
        """;

    private static readonly JsonWriterOptions AuditJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override string Operation => "CreateApiKey";

    /// <summary>An empty name, a role that is none, an expiry in the past.</summary>
    public override IEnumerable<string> RefusedVariables(string repeatableVariables) =>
    [
        WithInput(repeatableVariables, "name", " "),
        WithInput(repeatableVariables, "role", "Owner"),
        WithInput(repeatableVariables, "expiresAt", "2001-01-01T00:00:00Z"),
    ];

    public override async Task WriteDataAsync(DbConnection connection, JsonElement variables, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var input = variables.GetProperty("input");
        var name = BaselineSql.String(input, "name");
        var role = BaselineSql.String(input, "role");
        var expiresAt = ExpiresAt(input);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;

        json.WriteStartObject();
        json.WriteStartObject("createApiKey"u8);
        if (RefusalOf(name, role, expiresAt, now) is { } refusal)
        {
            MutationBaseline.WriteRefusal(json, "created"u8, refusal, warnings: false);
            return;
        }

        var (key, secret) = ApiKeys.New(name!.Trim(), role!, expiresAt, MutationBaseline.ActorName, now);
        await MutationBaseline.WriteAsync(connection, async (command, postgres) =>
        {
            command.CommandText = postgres ? PostgresInsertKeySql : InsertKeySql;
            command.Bind("@name", key.Name);
            command.Bind("@role", key.Role);
            command.Bind("@secretHash", key.SecretHash);
            command.Bind("@hint", key.Hint);
            command.Bind("@createdAt", Stored(now, postgres));
            command.Bind("@createdBy", key.CreatedBy);
            command.Bind("@expiresAt", expiresAt is { } expiry ? Stored(expiry, postgres) : null);
            var id = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

            command.CommandText = InsertAuditSql;
            command.Parameters.Clear();
            command.Bind("@at", Stored(now, postgres));
            command.Bind("@actorId", MutationBaseline.ActorId);
            command.Bind("@actorName", MutationBaseline.ActorName);
            command.Bind("@key", id);
            command.Bind("@entityId", NodeId.Encode(AccessMutations.ApiKeyTypeName, checked((int)id)));
            command.Bind("@after", After(key));
            await command.ExecuteNonQueryAsync(cancellationToken);

            WriteCreated(json, secret, id, key);

            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// The expiry as the API's <c>DateTime</c> scalar reads it: an ISO 8601 moment, taken as UTC when it names no offset, in UTC;
    /// null when left out or null.
    /// </summary>
    private static DateTime? ExpiresAt(JsonElement input) =>
        BaselineSql.String(input, "expiresAt") is { } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime
            : null;

    /// <summary>The API's first refusal, in its order (name, role, expiry); null when the key may be made.</summary>
    private static Refusal? RefusalOf(string? name, string? role, DateTime? expiresAt, DateTime now)
    {
        var text = name?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return Refusal.Invalid("name", "REQUIRED", "name must not be empty.");
        }

        if (text.Length > ApiKeys.MaxNameLength)
        {
            return Refusal.Invalid("name", "TOO_LONG", $"name may hold at most {ApiKeys.MaxNameLength} characters; it holds {text.Length}.");
        }

        if (role is null || !Roles.IsKnown(role))
        {
            return Refusal.Invalid("role", "UNKNOWN_ROLE", $"role must be one of {string.Join(", ", Roles.All)}.");
        }

        return expiresAt <= now ? Refusal.Invalid("expiresAt", "EXPIRY_IN_PAST", "expiresAt must lie in the future.") : null;
    }

    /// <summary>A moment as the database keeps it: EF's text on SQLite, a UTC <c>timestamp with time zone</c> on PostgreSQL.</summary>
    private static object Stored(DateTime moment, bool postgres) =>
        postgres ? moment : moment.ToString(StoredDateTime, CultureInfo.InvariantCulture);

    /// <summary>
    /// The audit entry's fields after the change, as the API's recorder writes a created key's: every property but the id, the
    /// version and the secret's hash, in the model's order, moments as System.Text.Json writes them.
    /// </summary>
    private static string After(ApiKey key)
    {
        var buffer = new ArrayBufferWriter<byte>(384);
        using (var after = new Utf8JsonWriter(buffer, AuditJson))
        {
            after.WriteStartObject();
            after.WriteString("createdAt"u8, key.CreatedAt);
            after.WriteString("createdBy"u8, key.CreatedBy);
            WriteMomentOrNull(after, "expiresAt"u8, key.ExpiresAt);
            after.WriteString("hint"u8, key.Hint);
            after.WriteNull("lastUsedAt"u8);
            after.WriteString("name"u8, key.Name);
            after.WriteNull("revokedAt"u8);
            after.WriteString("role"u8, key.Role);
            after.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// The new key and its secret. A UTC moment is written by <see cref="Utf8JsonWriter"/> exactly as the API's <c>DateTime</c>
    /// scalar writes it (ISO 8601, the fraction without trailing zeros, a Z).
    /// </summary>
    private static void WriteCreated(Utf8JsonWriter json, string secret, long id, ApiKey key)
    {
        json.WriteStartObject("created"u8);
        json.WriteString("secret"u8, secret);
        json.WriteStartObject("apiKey"u8);
        BaselineSql.WriteNodeId(json, "id"u8, "ApiKey:"u8, id);
        json.WriteString("name"u8, key.Name);
        json.WriteString("role"u8, key.Role);
        WriteMomentOrNull(json, "expiresAt"u8, key.ExpiresAt);
        json.WriteString("createdAt"u8, key.CreatedAt);
        json.WriteEndObject();
        json.WriteEndObject();
        MutationBaseline.WriteAccepted(json, warnings: null);
    }

    private static void WriteMomentOrNull(Utf8JsonWriter json, ReadOnlySpan<byte> propertyName, DateTime? moment)
    {
        if (moment is { } value)
        {
            json.WriteString(propertyName, value);
        }
        else
        {
            json.WriteNull(propertyName);
        }
    }
}

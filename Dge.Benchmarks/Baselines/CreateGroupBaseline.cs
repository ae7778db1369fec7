using System.Data.Common;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dge.Api.Coordinators;
using Dge.Api.Groups;
using Dge.Api.GraphQL.Relay;

namespace Dge.Benchmarks.Baselines;

/// <summary>
/// <c>CreateGroup</c>: founds a group as the API's <c>createGroup</c> does, with the same rules in the same order (the KAP unit, the
/// name, the day, the advisor: an active ADVISOR of the KAP unit's region), the same writes in one transaction (the group and
/// its audit entry) and the same payload, warnings included. Three statements: the reads the rules need (the KAP unit and the
/// advisor, once the write lock is held, as the API reads them), the group, the audit entry with the commit.
/// </summary>
public sealed class CreateGroupBaseline : Baseline
{
    private const int MaxNameLength = 200;

    /// <summary>Group names need not be unique, but a load run's groups are easier to tell apart with a number each.</summary>
    public override string RepeatableVariables(string exampleVariables)
    {
        var variables = System.Text.Json.Nodes.JsonNode.Parse(exampleVariables)!;
        variables["input"]!["name"] = "DGE Load @@N@@";
        return variables.ToJsonString();
    }

    private static readonly DateOnly EarliestDate = new(1900, 1, 1);
    private static readonly DateOnly LatestDate = new(2999, 12, 31);

    private const string ReadSql = MutationBaseline.SqliteBegin + """
        SELECT k."Code", k."RegionId", a."Id", a."Name", a."Role", a."From", a."To", a."RegionId"
        FROM "KapUnits" k LEFT JOIN "Coordinators" a ON a."Id" = @advisor
        WHERE k."Id" = @kapUnit
        """;

    private const string PostgresReadSql = """
        SELECT k."Code", k."RegionId", a."Id", a."Name", a."Role", a."From", a."To", a."RegionId"
        FROM "KapUnits" k LEFT JOIN "Coordinators" a ON a."Id" = @advisor
        WHERE k."Id" = @kapUnit
        """;

    private const string InsertGroupSql = """
        INSERT INTO "Groups" ("Name", "Kind", "KapUnitId", "AdvisorId", "FoundedOn", "DissolvedOn", "Version")
        VALUES (@name, @kind, @kapUnit, @advisor, @foundedOn, NULL, 0)
        RETURNING "Id"
        """;

    private const string InsertAuditSql = """
        INSERT INTO "AuditEntries" ("At", "ActorKind", "ActorId", "ActorName", "Operation", "EntityType", "EntityKey", "EntityId", "Before", "After", "Version")
        VALUES (@at, 'ApiKey', @actorId, @actorName, 'createGroup', 'DgeGroup', @key, @entityId, NULL, @after, 0);
        COMMIT;
        """;

    private static readonly JsonWriterOptions AuditJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override string Operation => "CreateGroup";

    /// <summary>A KAP unit that is not one, one that does not exist, an empty name, a day out of range.</summary>
    public override IEnumerable<string> RefusedVariables(string repeatableVariables) =>
    [
        WithInput(repeatableVariables, "kapUnitId", "not-an-id"),
        WithInput(repeatableVariables, "kapUnitId", NodeId.Encode("KapUnit", 999_999)),
        WithInput(repeatableVariables, "name", "   "),
        WithInput(repeatableVariables, "foundedOn", "1899-12-31"),
    ];

    public override async Task WriteDataAsync(DbConnection connection, JsonElement variables, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var input = variables.GetProperty("input");
        var name = input.TryGetProperty("name", out var given) ? given.GetString() : null;
        var kind = BaselineSql.StoredName<GroupKind>(input.GetProperty("kind").GetString()!)
            ?? throw new ArgumentException("kind is not a GroupKind.", nameof(variables));
        var kapUnitId = input.GetProperty("kapUnitId").GetString()!;
        var advisorId = BaselineSql.String(input, "advisorId");
        var foundedOn = BaselineSql.Date(input, "foundedOn") ?? throw new ArgumentException("foundedOn is required.", nameof(variables));
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var today = BaselineSql.Today();

        json.WriteStartObject();
        json.WriteStartObject("createGroup"u8);
        if (NodeId.KeyOf(kapUnitId, "KapUnit") is not { } kapUnit)
        {
            MutationBaseline.WriteRefusal(json, "group"u8, Refusal.Invalid("kapUnitId", "INVALID_ID", $"'{kapUnitId}' is not the id of a KapUnit."));
            return;
        }

        var advisor = advisorId is null ? null : NodeId.KeyOf(advisorId, "Coordinator");
        await MutationBaseline.WriteAsync(connection, async (command, postgres) =>
        {
            command.CommandText = postgres ? PostgresReadSql : ReadSql;
            command.Bind("@kapUnit", kapUnit);
            command.Bind("@advisor", (object?)advisor ?? DBNull.Value);
            string kapUnitCode;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                var refusal = await RefusalAsync(reader, kapUnitId, name, foundedOn, advisorId, advisor, today, cancellationToken);
                if (refusal is not null)
                {
                    MutationBaseline.WriteRefusal(json, "group"u8, refusal);
                    return false;
                }

                kapUnitCode = reader.GetString(0);
            }

            var trimmed = name!.Trim();
            command.CommandText = InsertGroupSql;
            command.Bind("@name", trimmed);
            command.Bind("@kind", kind);
            command.Bind("@foundedOn", foundedOn);
            var key = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

            command.CommandText = InsertAuditSql;
            command.Parameters.Clear();
            command.Bind("@at", postgres ? now : now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
            command.Bind("@actorId", MutationBaseline.ActorId);
            command.Bind("@actorName", MutationBaseline.ActorName);
            command.Bind("@key", key);
            command.Bind("@entityId", NodeId.Encode("DgeGroup", checked((int)key)));
            command.Bind("@after", After(advisor, foundedOn, kapUnit, input.GetProperty("kind").GetString()!, trimmed));
            await command.ExecuteNonQueryAsync(cancellationToken);

            WriteGroup(json, key, trimmed, input.GetProperty("kind").GetString()!, foundedOn, kapUnitCode);

            return true;
        }, cancellationToken);
    }

    /// <summary>The API's first refusal, in its order (KAP unit, name, day, advisor); null when the group may be founded. The reader is on the row then.</summary>
    private static async Task<Refusal?> RefusalAsync(
        DbDataReader reader, string kapUnitId, string? name, DateOnly foundedOn, string? advisorId, int? advisor, DateOnly today, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken))
        {
            return new Refusal("NotFoundError", $"No KapUnit has the id '{kapUnitId}'.", Id: kapUnitId);
        }

        var text = name?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return Refusal.Invalid("name", "REQUIRED", "name must not be empty.");
        }

        if (text.Length > MaxNameLength)
        {
            return Refusal.Invalid("name", "TOO_LONG", $"name may hold at most {MaxNameLength} characters; it holds {text.Length}.");
        }

        if (foundedOn < EarliestDate || foundedOn > LatestDate)
        {
            return Refusal.Invalid("foundedOn", "DATE_OUT_OF_RANGE", $"foundedOn must lie between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}; {foundedOn:yyyy-MM-dd} was given.");
        }

        if (advisorId is null)
        {
            return null;
        }

        if (advisor is null)
        {
            return Refusal.Invalid("advisorId", "INVALID_ID", $"'{advisorId}' is not the id of a Coordinator.");
        }

        if (reader.IsDBNull(2))
        {
            return new Refusal("NotFoundError", $"No Coordinator has the id '{advisorId}'.", Id: advisorId);
        }

        var advisorName = reader.GetString(3);
        if (reader.GetString(4) != nameof(CoordinatorRole.Advisor))
        {
            return Refusal.Invalid("advisorId", "NOT_AN_ADVISOR", $"{advisorName} is not an advisor (efteruddannelsesvejleder).");
        }

        var day = BaselineSql.Text(today);
        if (reader.GetFieldValue<DateOnly>(5) > today || (!reader.IsDBNull(6) && reader.GetFieldValue<DateOnly>(6) <= today))
        {
            return Refusal.Invalid("advisorId", "ADVISOR_INACTIVE", $"{advisorName} is not an advisor on {day}.");
        }

        return !reader.IsDBNull(7) && reader.GetInt64(7) == reader.GetInt64(1)
            ? null
            : Refusal.Invalid("advisorId", "ADVISOR_OTHER_REGION", $"{advisorName} advises in another region than the KAP unit {reader.GetString(0)}'s.");
    }

    /// <summary>The audit entry's fields after the change, as the API's recorder writes a created group's (property order, global ids, schema enum names).</summary>
    private static string After(int? advisor, DateOnly foundedOn, int kapUnit, string kind, string name)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var after = new Utf8JsonWriter(buffer, AuditJson))
        {
            after.WriteStartObject();
            if (advisor is { } advisorKey)
            {
                BaselineSql.WriteNodeId(after, "advisorId"u8, "Coordinator:"u8, advisorKey);
            }
            else
            {
                after.WriteNull("advisorId"u8);
            }

            after.WriteString("from"u8, BaselineSql.Text(foundedOn));
            BaselineSql.WriteNodeId(after, "kapUnitId"u8, "KapUnit:"u8, kapUnit);
            after.WriteString("kind"u8, kind);
            after.WriteString("name"u8, name);
            after.WriteNull("to"u8);
            after.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteGroup(Utf8JsonWriter json, long key, string name, string kind, DateOnly foundedOn, string kapUnitCode)
    {
        json.WriteStartObject("group"u8);
        BaselineSql.WriteNodeId(json, "id"u8, "DgeGroup:"u8, key);
        json.WriteString("name"u8, name);
        json.WriteString("kind"u8, kind);
        json.WriteString("foundedOn"u8, BaselineSql.Text(foundedOn));
        json.WriteNumber("version"u8, 0);
        json.WriteStartObject("kapUnit"u8);
        json.WriteString("code"u8, kapUnitCode);
        json.WriteEndObject();
        json.WriteEndObject();
        MutationBaseline.WriteAccepted(json,
        [
            ("FEW_MEMBERS", $"The group has no members yet; the norm is {GroupRoster.MinMembers}–{GroupRoster.MaxMembers}."),
            ("NO_LEADER", "The group has no leader (gruppeleder) yet; name one with changeGroupLeader."),
        ]);
    }
}

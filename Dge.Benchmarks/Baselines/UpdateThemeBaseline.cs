using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dge.Api.GraphQL.Relay;

namespace Dge.Benchmarks.Baselines;

/// <summary>
/// <c>UpdateTheme</c>: changes a theme as the API's <c>updateTheme</c> does, with the same rules in the same order (the id, the
/// version read, the code: its text, then unique; the names and the category: their text), the same writes in one transaction
/// (only the columns whose value changes, the version raised once, and an audit entry naming only those) and the same payload.
/// A change that changes nothing writes nothing and keeps the version, as EF saves only what differs. Two statements: the
/// reads the rules and the payload need (the theme, whether another theme has the code, its first three materials), once the
/// write lock is held, as the API reads them; the update and the audit entry with the commit.
/// </summary>
public sealed class UpdateThemeBaseline : Baseline
{
    private const int MaxCodeLength = 10;
    private const int MaxNameLength = 200;
    private const int MaxCategoryLength = 60;

    /// <summary>How many materials the example's payload lists: <c>materials(first: 3)</c>.</summary>
    private const int MaterialsShown = 3;

    public override string Operation => "UpdateTheme";

    /// <summary>A version that is not the theme's, an id that is none, a theme that does not exist, an empty Danish name.</summary>
    public override IEnumerable<string> RefusedVariables(string repeatableVariables) =>
    [
        WithInput(repeatableVariables, "expectedVersion", 999_999),
        WithInput(repeatableVariables, "id", "not-an-id"),
        WithInput(repeatableVariables, "id", NodeId.Encode("Theme", 999_999)),
        WithInput(repeatableVariables, "nameDa", " "),
    ];

    /// <summary>Any theme may be renamed again and again: each request takes one at the version it holds.</summary>
    public override EntityPool Pool => new("Theme", "SELECT \"Id\", \"Version\" FROM \"Themes\" ORDER BY \"Id\"", "updateTheme", Reusable: true);

    /// <summary>A new English name for every request, so each is a real change that raises the version and is audited.</summary>
    public override string RepeatableVariables(string exampleVariables)
    {
        var variables = JsonNode.Parse(exampleVariables)!;
        var input = variables["input"]!;
        input["id"] = "@@ID@@";
        input["expectedVersion"] = "@@VERSION@@";
        input["nameEn"] = "Opioids (revised @@N@@)";
        return variables.ToJsonString();
    }

    // The theme, whether another theme already has the code asked for, and the theme's first materials in the API's default
    // order (by id): one row per material shown, or one row with no title when it has none.
    private static readonly string ReadThemeSql = $"""
        SELECT t."Code", t."NameDa", t."NameEn", t."Category", t."Version",
               EXISTS (SELECT 1 FROM "Themes" o WHERE o."Code" = @code AND o."Id" <> t."Id"),
               s."Title"
        FROM "Themes" t
        LEFT JOIN (
            SELECT l."ThemeId", m."Id", m."Title"
            FROM "MaterialThemes" l JOIN "LearningMaterials" m ON m."Id" = l."MaterialId"
            WHERE l."ThemeId" = @id
            ORDER BY m."Id"
            LIMIT {MaterialsShown}) s ON s."ThemeId" = t."Id"
        WHERE t."Id" = @id
        ORDER BY s."Id"
        """;

    private static readonly string ReadSql = MutationBaseline.SqliteBegin + ReadThemeSql;

    private const string InsertAuditSql = """
        INSERT INTO "AuditEntries" ("At", "ActorKind", "ActorId", "ActorName", "Operation", "EntityType", "EntityKey", "EntityId", "Before", "After", "Version")
        VALUES (@at, 'ApiKey', @actorId, @actorName, 'updateTheme', 'Theme', @id, @entityId, @before, @after, 0);
        COMMIT;
        """;

    /// <summary>The columns a change may write, in EF's property order (the order the audit lists them in), each with its audit name.</summary>
    private const int Category = 0, Code = 1, NameDa = 2, NameEn = 3;

    private static readonly (string Column, string Audited)[] Columns =
    [
        ("Category", "category"),
        ("Code", "code"),
        ("NameDa", "nameDa"),
        ("NameEn", "nameEn"),
    ];

    /// <summary>
    /// The update with the audit entry and the commit, for every set of changed columns (bit i for <see cref="Columns"/>[i]):
    /// as EF, only the changed columns and the version, guarded by the version read.
    /// </summary>
    private static readonly string[] WriteSql = [.. Enumerable.Range(0, 1 << Columns.Length).Select(changed =>
        $"UPDATE \"Themes\" SET {string.Concat(Columns.Where((_, i) => (changed & (1 << i)) != 0).Select(c => $"\"{c.Column}\" = @{c.Audited}, "))}\"Version\" = @next\n"
        + "WHERE \"Id\" = @id AND \"Version\" = @version;\n"
        + InsertAuditSql)];

    private static readonly JsonWriterOptions AuditJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override async Task WriteDataAsync(DbConnection connection, JsonElement variables, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var input = variables.GetProperty("input");
        var themeId = input.GetProperty("id").GetString()!;
        var expectedVersion = input.GetProperty("expectedVersion").GetInt32();
        var given = Columns.Select(c => BaselineSql.String(input, c.Audited)).ToArray();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;

        json.WriteStartObject();
        json.WriteStartObject("updateTheme"u8);
        if (NodeId.KeyOf(themeId, "Theme") is not { } key)
        {
            MutationBaseline.WriteRefusal(json, "theme"u8, Refusal.Invalid("id", "INVALID_ID", $"'{themeId}' is not the id of a Theme."));
            return;
        }

        var code = given[Code]?.Trim();
        await MutationBaseline.WriteAsync(connection, async (command, postgres) =>
        {
            command.CommandText = postgres ? ReadThemeSql : ReadSql;
            command.Bind("@id", key);
            command.Bind("@code", code, System.Data.DbType.String);
            string[] current;
            long version;
            bool codeTaken;
            var titles = new List<string>(MaterialsShown);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    MutationBaseline.WriteRefusal(json, "theme"u8, new Refusal("NotFoundError", $"No Theme has the id '{themeId}'."));
                    return false;
                }

                // In the order of Columns: category, code, nameDa, nameEn.
                current = [reader.GetString(3), reader.GetString(0), reader.GetString(1), reader.GetString(2)];
                version = reader.GetInt64(4);
                codeTaken = reader.GetBoolean(5);
                do
                {
                    if (!reader.IsDBNull(6))
                    {
                        titles.Add(reader.GetString(6));
                    }
                }
                while (await reader.ReadAsync(cancellationToken));
            }

            if (FirstRefusal(version, expectedVersion, given, codeTaken) is { } refusal)
            {
                MutationBaseline.WriteRefusal(json, "theme"u8, refusal);
                return false;
            }

            // A field left out keeps its value; one given is trimmed, and written only when it differs (EF compares them ordinally).
            var values = new string[Columns.Length];
            var changed = 0;
            for (var i = 0; i < Columns.Length; i++)
            {
                values[i] = given[i]?.Trim() ?? current[i];
                changed |= string.Equals(values[i], current[i], StringComparison.Ordinal) ? 0 : 1 << i;
            }

            command.Parameters.Clear();
            if (changed == 0)
            {
                // Nothing differs: EF saves nothing, so the version stays and no audit entry is written.
                command.CommandText = "COMMIT;";
            }
            else
            {
                command.CommandText = WriteSql[changed];
                for (var i = 0; i < Columns.Length; i++)
                {
                    if ((changed & (1 << i)) != 0)
                    {
                        command.Bind("@" + Columns[i].Audited, values[i]);
                    }
                }

                command.Bind("@next", version + 1);
                command.Bind("@id", key);
                command.Bind("@version", version);
                command.Bind("@at", postgres ? now : now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
                command.Bind("@actorId", MutationBaseline.ActorId);
                command.Bind("@actorName", MutationBaseline.ActorName);
                command.Bind("@entityId", NodeId.Encode("Theme", key));
                command.Bind("@before", Audited(changed, current));
                command.Bind("@after", Audited(changed, values));
                version++;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);

            WriteTheme(json, key, values[Code], values[NameDa], version, titles);

            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// The API's first refusal, in its order (the version read, the code: its text, then unique; the Danish name, the English
    /// name, the category); null when the change may be made. <paramref name="given"/> holds the input's values in
    /// <see cref="Columns"/>' order, null where left out.
    /// </summary>
    private static Refusal? FirstRefusal(long version, int expectedVersion, string?[] given, bool codeTaken)
    {
        if (version != expectedVersion)
        {
            return new Refusal("ConflictError", $"The Theme was changed by someone else (now version {version}); read it again and retry.", CurrentVersion: checked((int)version));
        }

        if (given[Code] is { } code)
        {
            if (TextRefusal(code, "code", MaxCodeLength) is { } refusal)
            {
                return refusal;
            }

            if (codeTaken)
            {
                return Refusal.Invalid("code", "DUPLICATE_CODE", $"A theme with the code '{code.Trim()}' exists already.");
            }
        }

        foreach (var (field, maxLength) in new[] { (NameDa, MaxNameLength), (NameEn, MaxNameLength), (Category, MaxCategoryLength) })
        {
            if (given[field] is not null && TextRefusal(given[field], Columns[field].Audited, maxLength) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    /// <summary>The API's text rule (<c>InputRules.Text</c>): trimmed, not empty, at most <paramref name="maxLength"/> characters.</summary>
    private static Refusal? TextRefusal(string? value, string field, int maxLength)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return Refusal.Invalid(field, "REQUIRED", $"{field} must not be empty.");
        }

        return text.Length <= maxLength
            ? null
            : Refusal.Invalid(field, "TOO_LONG", $"{field} may hold at most {maxLength} characters; it holds {text.Length}.");
    }

    /// <summary>The audit entry's Before or After: the changed fields only, in EF's property order, as the API's recorder writes them.</summary>
    private static string Audited(int changed, string[] values)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var audit = new Utf8JsonWriter(buffer, AuditJson))
        {
            audit.WriteStartObject();
            for (var i = 0; i < Columns.Length; i++)
            {
                if ((changed & (1 << i)) != 0)
                {
                    audit.WriteString(Columns[i].Audited, values[i]);
                }
            }

            audit.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteTheme(Utf8JsonWriter json, int key, string code, string nameDa, long version, List<string> titles)
    {
        json.WriteStartObject("theme"u8);
        BaselineSql.WriteNodeId(json, "id"u8, "Theme:"u8, key);
        json.WriteString("code"u8, code);
        json.WriteString("nameDa"u8, nameDa);
        json.WriteNumber("version"u8, version);
        MutationBaseline.WriteNodes(json, "materials"u8, titles, (node, title) => node.WriteString("title"u8, title));
        json.WriteEndObject();
        MutationBaseline.WriteAccepted(json, []);
    }
}

using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dge.Api.GraphQL.Paging;
using Dge.Api.GraphQL.Relay;

namespace Dge.Benchmarks.Baselines;

/// <summary>
/// <c>RetireLearningMaterial</c>: withdraws a learning material from a day on, as the API's <c>retireLearningMaterial</c> does,
/// with the same rules in the same order (the id, the material, its version, not retired yet, the day, not before the
/// publication), the same writes in one transaction (the material's retirement and version, and its audit entry) and the same
/// payload. Two round trips: the material with its themes, once the write lock is held; the change, the audit entry and the commit.
/// </summary>
public sealed class RetireLearningMaterialBaseline : Baseline
{
    /// <summary>
    /// The link that marks the materials a load run retires: not in the payload, so they answer as material 1 does. Each can
    /// be retired once only, and the seeded catalogue is too small for a load run.
    /// </summary>
    private const string BenchmarkUrl = "https://benchmark.invalid/retire";

    /// <summary>How many retirable copies of material 1 the working copy gets: more than a load run uses up.</summary>
    private const int BenchmarkCopies = 100_000;

    /// <summary>What the audit keeps of the material before: the only changed, audited field (the version is bookkeeping).</summary>
    private const string AuditBefore = """{"retiredOn":null}""";

    // The payload's themes come from a connection without first: the API's default page, by the themes' key.
    private static readonly string MaterialSql = $"""
        SELECT m."Title", m."PublishedOn", m."RetiredOn", m."Version", t."Code"
        FROM "LearningMaterials" m
        LEFT JOIN (SELECT th."Id", th."Code"
                   FROM "MaterialThemes" mt JOIN "Themes" th ON th."Id" = mt."ThemeId"
                   WHERE mt."MaterialId" = @material
                   ORDER BY th."Id" LIMIT {PageWindow.DefaultPageSize}) t ON TRUE
        WHERE m."Id" = @material
        ORDER BY t."Id"
        """;

    private static readonly string ReadSql = MutationBaseline.SqliteBegin + $"""
        {MaterialSql}
        """;

    // The version moves by one, as DgeDbContext bumps a modified entity's; the write lock keeps it the one just read.
    private const string RetireSql = """
        UPDATE "LearningMaterials" SET "RetiredOn" = @retiredOn, "Version" = "Version" + 1 WHERE "Id" = @material;
        INSERT INTO "AuditEntries" ("At", "ActorKind", "ActorId", "ActorName", "Operation", "EntityType", "EntityKey", "EntityId", "Before", "After", "Version")
        VALUES (@at, 'ApiKey', @actorId, @actorName, 'retireLearningMaterial', 'LearningMaterial', @material, @entityId, @before, @after, 0);
        COMMIT;
        """;

    // Copies of material 1 (its content, themes and intended group kinds) at the seed's first version, each statement skipping
    // what an earlier run already added, so that preparing a copy twice adds nothing. The same text on SQLite and PostgreSQL.
    private static readonly string CopiesSql = $"""
        BEGIN;
        WITH RECURSIVE "Copies"("Number") AS (SELECT 1 UNION ALL SELECT "Number" + 1 FROM "Copies" WHERE "Number" < {BenchmarkCopies})
        INSERT INTO "LearningMaterials" ("Title", "Kind", "Publisher", "PublishedOn", "Url", "RetiredOn", "Version")
        SELECT m."Title", m."Kind", m."Publisher", m."PublishedOn", '{BenchmarkUrl}', NULL, 1
        FROM "Copies" CROSS JOIN "LearningMaterials" m
        WHERE m."Id" = 1 AND NOT EXISTS (SELECT 1 FROM "LearningMaterials" b WHERE b."Url" = '{BenchmarkUrl}');
        INSERT INTO "MaterialThemes" ("MaterialId", "ThemeId", "Version")
        SELECT c."Id", t."ThemeId", 1
        FROM "LearningMaterials" c JOIN "MaterialThemes" t ON t."MaterialId" = 1
        WHERE c."Url" = '{BenchmarkUrl}' AND NOT EXISTS (SELECT 1 FROM "MaterialThemes" x WHERE x."MaterialId" = c."Id");
        INSERT INTO "MaterialGroupKinds" ("MaterialId", "Kind", "Version")
        SELECT c."Id", k."Kind", 1
        FROM "LearningMaterials" c JOIN "MaterialGroupKinds" k ON k."MaterialId" = 1
        WHERE c."Url" = '{BenchmarkUrl}' AND NOT EXISTS (SELECT 1 FROM "MaterialGroupKinds" x WHERE x."MaterialId" = c."Id");
        COMMIT;
        """;

    // PostgreSQL plans by its statistics, which the seed leaves fresh (VACUUM ANALYZE): they count the copies too.
    private const string PostgresStatisticsSql = """ANALYZE "LearningMaterials", "MaterialThemes", "MaterialGroupKinds";""";

    private static readonly DateOnly EarliestDate = new(1900, 1, 1);
    private static readonly DateOnly LatestDate = new(2999, 12, 31);

    public override string Operation => "RetireLearningMaterial";

    /// <summary>A version that is not the material's, a material that does not exist, a day out of range, a day before its publication.</summary>
    public override IEnumerable<string> RefusedVariables(string repeatableVariables) =>
    [
        WithInput(repeatableVariables, "expectedVersion", 999_999),
        WithInput(repeatableVariables, "id", NodeId.Encode("LearningMaterial", 999_999)),
        WithInput(repeatableVariables, "retiredOn", "3000-01-01"),
        WithInput(repeatableVariables, "retiredOn", "1901-01-01"),
    ];

    /// <summary>Each request retires another of the benchmark's materials, at the version it has.</summary>
    public override string RepeatableVariables(string exampleVariables)
    {
        var variables = JsonNode.Parse(exampleVariables)!;
        variables["input"]!["id"] = "@@ID@@";
        variables["input"]!["expectedVersion"] = "@@VERSION@@";
        return variables.ToJsonString();
    }

    /// <summary>The benchmark's materials not retired yet: a retired one is used up.</summary>
    public override EntityPool Pool => new(
        "LearningMaterial",
        $"""SELECT "Id", "Version" FROM "LearningMaterials" WHERE "Url" = '{BenchmarkUrl}' AND "RetiredOn" IS NULL ORDER BY "Id" """,
        "retireLearningMaterial",
        Reusable: false);

    /// <summary>
    /// Adds <see cref="BenchmarkCopies"/> unretired copies of material 1, marked by <see cref="BenchmarkUrl"/>, in one transaction.
    /// Called once per working copy; on a copy that has them already it adds nothing.
    /// </summary>
    public override async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = CopiesSql;
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (BaselineSql.IsPostgres(connection))
        {
            command.CommandText = PostgresStatisticsSql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public override async Task WriteDataAsync(DbConnection connection, JsonElement variables, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var input = variables.GetProperty("input");
        var id = input.GetProperty("id").GetString()!;
        var expectedVersion = input.GetProperty("expectedVersion").GetInt32();
        var retiredOn = BaselineSql.Date(input, "retiredOn") ?? throw new ArgumentException("retiredOn is required.", nameof(variables));
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;

        json.WriteStartObject();
        json.WriteStartObject("retireLearningMaterial"u8);
        if (NodeId.KeyOf(id, "LearningMaterial") is not { } material)
        {
            MutationBaseline.WriteRefusal(json, "learningMaterial"u8, Refusal.Invalid("id", "INVALID_ID", $"'{id}' is not the id of a LearningMaterial."));
            return;
        }

        await MutationBaseline.WriteAsync(connection, async (command, postgres) =>
        {
            command.CommandText = postgres ? MaterialSql : ReadSql;
            command.Bind("@material", material);
            string title;
            long version;
            var themeCodes = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                var refusal = await RefusalAsync(reader, id, expectedVersion, retiredOn, cancellationToken);
                if (refusal is not null)
                {
                    MutationBaseline.WriteRefusal(json, "learningMaterial"u8, refusal);
                    return false;
                }

                title = reader.GetString(0);
                version = reader.GetInt64(3);
                do
                {
                    if (!reader.IsDBNull(4))
                    {
                        themeCodes.Add(reader.GetString(4));
                    }
                }
                while (await reader.ReadAsync(cancellationToken));
            }

            command.CommandText = RetireSql;
            command.Parameters.Clear();
            command.Bind("@retiredOn", retiredOn);
            command.Bind("@material", material);
            command.Bind("@at", postgres ? now : now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
            command.Bind("@actorId", MutationBaseline.ActorId);
            command.Bind("@actorName", MutationBaseline.ActorName);
            command.Bind("@entityId", NodeId.Encode("LearningMaterial", material));
            command.Bind("@before", AuditBefore);
            command.Bind("@after", $$"""{"retiredOn":"{{BaselineSql.Text(retiredOn)}}"}""");
            await command.ExecuteNonQueryAsync(cancellationToken);

            WriteMaterial(json, material, title, retiredOn, version + 1, themeCodes);

            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// The API's first refusal, in its order (the material, its version, not retired yet, the day in range, not before the
    /// publication); null when the material may be retired. The reader is on the material's first row then.
    /// </summary>
    private static async Task<Refusal?> RefusalAsync(DbDataReader reader, string id, int expectedVersion, DateOnly retiredOn, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken))
        {
            return new Refusal("NotFoundError", $"No LearningMaterial has the id '{id}'.");
        }

        var version = reader.GetInt64(3);
        if (version != expectedVersion)
        {
            return new Refusal("ConflictError", $"The LearningMaterial was changed by someone else (now version {version}); read it again and retry.", CurrentVersion: checked((int)version));
        }

        if (!reader.IsDBNull(2))
        {
            return Refusal.Invalid("id", "ALREADY_RETIRED", $"The material was retired on {BaselineSql.Text(reader.GetFieldValue<DateOnly>(2))}.");
        }

        if (retiredOn < EarliestDate || retiredOn > LatestDate)
        {
            return Refusal.Invalid("retiredOn", "DATE_OUT_OF_RANGE", $"retiredOn must lie between {BaselineSql.Text(EarliestDate)} and {BaselineSql.Text(LatestDate)}; {BaselineSql.Text(retiredOn)} was given.");
        }

        var publishedOn = reader.GetFieldValue<DateOnly>(1);
        return retiredOn >= publishedOn
            ? null
            : Refusal.Invalid("retiredOn", "PERIOD_ORDER", $"retiredOn ({BaselineSql.Text(retiredOn)}) must not be before the start ({BaselineSql.Text(publishedOn)}).");
    }

    private static void WriteMaterial(Utf8JsonWriter json, int material, string title, DateOnly retiredOn, long version, List<string> themeCodes)
    {
        json.WriteStartObject("learningMaterial"u8);
        BaselineSql.WriteNodeId(json, "id"u8, "LearningMaterial:"u8, material);
        json.WriteString("title"u8, title);
        json.WriteString("retiredOn"u8, BaselineSql.Text(retiredOn));
        json.WriteNumber("version"u8, version);
        MutationBaseline.WriteNodes(json, "themes"u8, themeCodes, (node, code) => node.WriteString("code"u8, code));
        json.WriteEndObject();
        MutationBaseline.WriteAccepted(json, []);
    }
}

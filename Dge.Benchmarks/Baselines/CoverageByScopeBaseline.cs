using System.Data.Common;
using System.Text.Json;

namespace Dge.Benchmarks.Baselines;

/// <summary>
/// <c>CoverageByScope</c>: one row per scope of the kind asked for with its coverage on asOf, by Danish name then id, in one
/// statement per kind: the kind's scopes left-joined to the distinct active doctors placed in them.
/// </summary>
public sealed class CoverageByScopeBaseline : Baseline
{
    private const string Active = $"""
        mem AS ({ViewSql.CurrentMemberships}),
        act AS MATERIALIZED ({ViewSql.ActiveEmployments})
        """;

    private static readonly Dictionary<string, (string TypeName, string Sql)> Kinds = new()
    {
        ["REGION"] = ("Region", Statement(
            """SELECT p."RegionId", a."DoctorId", a."IsNew", a."IsCovered" FROM act a JOIN "MunicipalityRegions" p ON p."MunicipalityId" = a."MunicipalityId" AND p."From" <= @day AND (p."To" IS NULL OR p."To" > @day)""",
            """SELECT "Id", "Code", "Name" FROM "Regions" WHERE "ValidFrom" <= @day AND ("ValidTo" IS NULL OR "ValidTo" > @day)""")),
        ["KAP_UNIT"] = ("KapUnit", Statement(
            """SELECT k."Id", a."DoctorId", a."IsNew", a."IsCovered" FROM act a JOIN "MunicipalityRegions" p ON p."MunicipalityId" = a."MunicipalityId" JOIN "KapUnits" k ON k."RegionId" = p."RegionId" """,
            """SELECT "Id", "Code", "Name" FROM "KapUnits" """)),
        ["HEALTH_COUNCIL"] = ("HealthCouncil", Statement(
            """SELECT m."HealthCouncilId", a."DoctorId", a."IsNew", a."IsCovered" FROM act a JOIN "Municipalities" m ON m."Id" = a."MunicipalityId" """,
            """SELECT "Id", "Key", "Name" FROM "HealthCouncils" """)),
        ["MUNICIPALITY"] = ("Municipality", Statement(
            """SELECT a."MunicipalityId", a."DoctorId", a."IsNew", a."IsCovered" FROM act a""",
            """SELECT "Id", "Code", "Name" FROM "Municipalities" """)),
        ["CLUSTER"] = ("QualityCluster", Statement(
            """
            SELECT x."ClusterId", x."DoctorId", x."IsNew", x."IsCovered" FROM (SELECT a.*,
                (SELECT cm."ClusterId" FROM "ClusterClinicMemberships" cm WHERE cm."ClinicId" = a."ClinicId" AND cm."From" <= @day AND (cm."To" IS NULL OR cm."To" > @day)
                 ORDER BY cm."From" DESC, cm."Id" LIMIT 1) AS "ClusterId" FROM act a) x WHERE x."ClusterId" IS NOT NULL
            """,
            """SELECT "Id", NULL, "Name" FROM "QualityClusters" """)),
        ["NATIONAL"] = (string.Empty, Statement(
            """SELECT 0, a."DoctorId", a."IsNew", a."IsCovered" FROM act a""",
            """SELECT 0, 'DK', 'Hele landet'""")),
    };

    public override string Operation => "CoverageByScope";

    public override async Task WriteDataAsync(DbConnection connection, JsonElement variables, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var kind = ViewSql.Text(variables, "by") ?? throw new ArgumentException("by is required.", nameof(variables));
        var (typeName, sql) = Kinds[kind];
        await using var command = ViewSql.Command(connection, sql, danish: true);
        ViewSql.AddDay(command, ViewSql.AsOf(variables));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        json.WriteStartObject();
        json.WriteStartArray("coverage");
        while (await reader.ReadAsync(cancellationToken))
        {
            long active = reader.GetInt64(3), covered = reader.GetInt64(4), nynedsat = reader.GetInt64(5), nynedsatCovered = reader.GetInt64(6);
            json.WriteStartObject();
            json.WriteString("scope", kind);
            if (typeName.Length == 0)
            {
                json.WriteNull("scopeId");
            }
            else
            {
                ViewSql.WriteId(json, "scopeId", typeName, reader.GetInt64(0));
            }

            ViewSql.WriteText(json, "code", reader, 1);
            json.WriteString("name", reader.GetString(2));
            ViewSql.WriteCoverageFigures(json, active, covered, nynedsat, nynedsatCovered);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Statement(string scoped, string scopes) => $"""
        WITH {Active},
             sc("ScopeId", "DoctorId", "IsNew", "IsCovered") AS ({scoped}),
             fig AS (SELECT "ScopeId", COUNT(*) AS "A", SUM("IsCovered") AS "C", SUM("IsNew") AS "N", SUM("IsNew" * "IsCovered") AS "NC"
                     FROM (SELECT DISTINCT * FROM sc) x GROUP BY "ScopeId"),
             scopes("Id", "Code", "Name") AS ({scopes})
        SELECT s."Id", s."Code", s."Name", COALESCE(f."A", 0), COALESCE(f."C", 0), COALESCE(f."N", 0), COALESCE(f."NC", 0)
        FROM scopes s LEFT JOIN fig f ON f."ScopeId" = s."Id"
        ORDER BY s."Name" COLLATE "DANISH", s."Id"
        """;
}

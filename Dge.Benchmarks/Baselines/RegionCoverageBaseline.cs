using System.Data.Common;
using System.Text.Json;

namespace Dge.Benchmarks.Baselines;

/// <summary>
/// <c>RegionCoverage</c>: the regions in force (validTo null) by Danish name, each with its coverage on asOf (municipalities placed
/// in regions on asOf) and its KAP units' coverage (municipalities that ever belonged to the unit's region), in one statement:
/// a region row followed by its units' rows.
/// </summary>
public sealed class RegionCoverageBaseline : Baseline
{
    private const string Sql = $"""
        WITH mem AS ({ViewSql.CurrentMemberships}),
             act AS MATERIALIZED (SELECT DISTINCT "DoctorId", "MunicipalityId", "IsNew", "IsCovered" FROM ({ViewSql.ActiveEmployments}) e),
             reg AS (SELECT "Id", "Code", "Name" FROM "Regions" WHERE "ValidTo" IS NULL),
             rc AS (SELECT "RegionId", COUNT(*) AS "A", SUM("IsCovered") AS "C", SUM("IsNew") AS "N", SUM("IsNew" * "IsCovered") AS "NC"
                    FROM (SELECT DISTINCT p."RegionId", a."DoctorId", a."IsNew", a."IsCovered" FROM act a
                          JOIN "MunicipalityRegions" p ON p."MunicipalityId" = a."MunicipalityId" AND p."From" <= @day AND (p."To" IS NULL OR p."To" > @day)) x
                    GROUP BY "RegionId"),
             ku AS (SELECT k."Id", k."Code", k."RegionId" FROM "KapUnits" k WHERE k."RegionId" IN (SELECT "Id" FROM reg)),
             kc AS (SELECT "KapUnitId", COUNT(*) AS "A", SUM("IsCovered") AS "C", SUM("IsNew") AS "N", SUM("IsNew" * "IsCovered") AS "NC"
                    FROM (SELECT DISTINCT ku."Id" AS "KapUnitId", a."DoctorId", a."IsNew", a."IsCovered" FROM ku
                          JOIN "MunicipalityRegions" p ON p."RegionId" = ku."RegionId" JOIN act a ON a."MunicipalityId" = p."MunicipalityId") x
                    GROUP BY "KapUnitId")
        SELECT * FROM (
        SELECT 0 AS "Row", r."Code", r."Name", COALESCE(rc."A", 0), COALESCE(rc."C", 0), COALESCE(rc."N", 0), COALESCE(rc."NC", 0), r."Id" AS "RegionId", 0 AS "KapUnitId"
        FROM reg r LEFT JOIN rc ON rc."RegionId" = r."Id"
        UNION ALL
        SELECT 1, ku."Code", r."Name", COALESCE(kc."A", 0), COALESCE(kc."C", 0), COALESCE(kc."N", 0), COALESCE(kc."NC", 0), r."Id", ku."Id"
        FROM ku JOIN reg r ON r."Id" = ku."RegionId" LEFT JOIN kc ON kc."KapUnitId" = ku."Id") x
        ORDER BY "Name" COLLATE "DANISH", "RegionId", "Row", "KapUnitId"
        """;

    public override string Operation => "RegionCoverage";

    public override async Task WriteDataAsync(DbConnection connection, JsonElement variables, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        await using var command = ViewSql.Command(connection, Sql, danish: true);
        ViewSql.AddDay(command, ViewSql.AsOf(variables));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        json.WriteStartObject();
        json.WriteStartObject("regions");
        json.WriteStartArray("nodes");
        var open = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            long active = reader.GetInt64(3), covered = reader.GetInt64(4), nynedsat = reader.GetInt64(5), nynedsatCovered = reader.GetInt64(6);
            if (reader.GetInt32(0) == 0)
            {
                if (open)
                {
                    json.WriteEndArray();
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                open = true;
                json.WriteStartObject();
                ViewSql.WriteText(json, "code", reader, 1);
                json.WriteString("name", reader.GetString(2));
                json.WriteStartObject("coverage");
                ViewSql.WriteCoverageFigures(json, active, covered, nynedsat, nynedsatCovered);
                json.WriteEndObject();
                json.WriteStartObject("kapUnits");
                json.WriteStartArray("nodes");
            }
            else
            {
                json.WriteStartObject();
                json.WriteString("code", reader.GetString(1));
                json.WriteStartObject("coverage");
                ViewSql.WriteRatio(json, "coverage", covered, active);
                ViewSql.WriteRatio(json, "nynedsatCoverage", nynedsatCovered, nynedsat);
                json.WriteEndObject();
                json.WriteEndObject();
            }
        }

        if (open)
        {
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}

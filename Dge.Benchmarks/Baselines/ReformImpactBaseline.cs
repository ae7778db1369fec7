using System.Data.Common;
using System.Text.Json;

namespace Dge.Benchmarks.Baselines;

/// <summary>
/// <c>ReformImpact</c>: the reform day (first day of a region that succeeds others), the structure day max(asOf, reform day), and one row
/// per region in force on the structure day and per health council, by Danish name, in one statement. A municipality moves when its
/// region on the day before the reform differs from its region on the structure day; the short lists (former regions, KAP units)
/// come as JSON arrays built by the database (SQLite's JSON functions, or PostgreSQL's <c>string_agg</c> of <c>to_json</c> values, so
/// the text is as compact as the API's) and are written raw.
/// </summary>
public sealed class ReformImpactBaseline : Baseline
{
    private static readonly string SqliteSql = Statement(postgres: false);

    private static readonly string PostgresSql = Statement(postgres: true);

    private static string Statement(bool postgres) => $"""
        WITH d AS (SELECT "Day" AS "Reform", {(postgres ? "\"Day\" - 1" : "date(\"Day\", '-1 day')")} AS "Before", {(postgres ? "GREATEST" : "MAX")}(@day, "Day") AS "After"
                   FROM (SELECT MIN(r."ValidFrom") AS "Day" FROM "Regions" r WHERE EXISTS (SELECT 1 FROM "Regions" p WHERE p."SuccessorId" = r."Id")) x),
             moves AS MATERIALIZED (SELECT m."Id", m."HealthCouncilId",
                    (SELECT p."RegionId" FROM "MunicipalityRegions" p WHERE p."MunicipalityId" = m."Id" AND p."From" <= d."Before" AND (p."To" IS NULL OR p."To" > d."Before") ORDER BY p."Id" LIMIT 1) AS "Before",
                    (SELECT p."RegionId" FROM "MunicipalityRegions" p WHERE p."MunicipalityId" = m."Id" AND p."From" <= d."After" AND (p."To" IS NULL OR p."To" > d."After") ORDER BY p."Id" LIMIT 1) AS "After"
                    FROM "Municipalities" m, d),
             scopes AS MATERIALIZED (SELECT 0 AS "Kind", "After" AS "ScopeId", "Id" AS "MunicipalityId", "Before",
                           CASE WHEN "Before" IS DISTINCT FROM "After" THEN 1 ELSE 0 END AS "Moves" FROM moves
                    UNION ALL SELECT 1, "HealthCouncilId", "Id", "Before", CASE WHEN "Before" IS DISTINCT FROM "After" THEN 1 ELSE 0 END FROM moves),
             closed AS (SELECT r."Id" FROM "Regions" r, d WHERE NOT (r."ValidFrom" <= d."After" AND (r."ValidTo" IS NULL OR r."ValidTo" > d."After"))),
             mem AS MATERIALIZED ({ViewSql.CurrentMemberships}),
             act AS ({ViewSql.ActiveEmployments}),
             pd AS MATERIALIZED (SELECT s."Kind", s."ScopeId", a."DoctorId", MAX(a."IsNew") AS "IsNew", MAX(a."IsCovered") AS "IsCovered", MAX(s."Moves") AS "Moves"
                    FROM act a JOIN scopes s ON s."MunicipalityId" = a."MunicipalityId" GROUP BY s."Kind", s."ScopeId", a."DoctorId"),
             fig AS (SELECT "Kind", "ScopeId", COUNT(*) AS "A", SUM("IsCovered") AS "C", SUM("IsNew") AS "N", SUM("IsNew" * "IsCovered") AS "NC", SUM("Moves") AS "M"
                     FROM pd GROUP BY "Kind", "ScopeId"),
             reach AS (SELECT "Kind", "ScopeId", COUNT(*) AS "Groups", SUM("Moving") AS "Moving" FROM (
                         SELECT DISTINCT s."Kind", s."ScopeId", mem."GroupId", CASE WHEN k."RegionId" IN (SELECT "Id" FROM closed) THEN 1 ELSE 0 END AS "Moving"
                         FROM mem JOIN "ClinicEmployments" e ON e."DoctorId" = mem."DoctorId" AND e."From" <= @day AND (e."To" IS NULL OR e."To" > @day)
                         JOIN "Clinics" c ON c."Id" = e."ClinicId" JOIN scopes s ON s."MunicipalityId" = c."MunicipalityId"
                         JOIN "Groups" g ON g."Id" = mem."GroupId" JOIN "KapUnits" k ON k."Id" = g."KapUnitId") x
                       GROUP BY "Kind", "ScopeId"),
             cl AS (SELECT s."Kind", s."ScopeId", COUNT(*) AS "Clusters", SUM(s."Moves") AS "Moving"
                    FROM "QualityClusters" q JOIN scopes s ON s."MunicipalityId" = q."MunicipalityId" GROUP BY s."Kind", s."ScopeId"),
             sr AS (SELECT 0 AS "Kind", r."Id", r."Code", r."Name" FROM "Regions" r, d WHERE r."ValidFrom" <= d."After" AND (r."ValidTo" IS NULL OR r."ValidTo" > d."After")
                      UNION ALL SELECT 1, h."Id", h."Key", h."Name" FROM "HealthCouncils" h)
        SELECT x."Kind", x."Code", x."Name",
               {JsonArray(postgres, "name", "r.\"Name\"", "r.\"Id\"")} FROM "Regions" r
                WHERE r."Id" IN (SELECT s."Before" FROM scopes s WHERE s."Kind" = x."Kind" AND s."ScopeId" = x."Id")),
               (SELECT COUNT(*) FROM scopes s WHERE s."Kind" = x."Kind" AND s."ScopeId" = x."Id"),
               (SELECT COALESCE(SUM(s."Moves"), 0) FROM scopes s WHERE s."Kind" = x."Kind" AND s."ScopeId" = x."Id"),
               {JsonArray(postgres, "code", "k.\"Code\"", "k.\"Code\"")} FROM "KapUnits" k WHERE EXISTS (SELECT 1 FROM scopes s
                JOIN "MunicipalityRegions" p ON p."MunicipalityId" = s."MunicipalityId" WHERE s."Kind" = x."Kind" AND s."ScopeId" = x."Id" AND p."RegionId" = k."RegionId")),
               {JsonArray(postgres, "code", "k.\"Code\"", "k.\"Code\"")} FROM "KapUnits" k WHERE k."RegionId" IN (SELECT "Id" FROM closed) AND EXISTS (SELECT 1 FROM scopes s
                JOIN "MunicipalityRegions" p ON p."MunicipalityId" = s."MunicipalityId" WHERE s."Kind" = x."Kind" AND s."ScopeId" = x."Id" AND p."RegionId" = k."RegionId")),
               COALESCE(cl."Clusters", 0), COALESCE(cl."Moving", 0), COALESCE(rc."Groups", 0), COALESCE(rc."Moving", 0),
               COALESCE(f."M", 0), COALESCE(f."A", 0), COALESCE(f."C", 0), COALESCE(f."N", 0), COALESCE(f."NC", 0), d."Reform", d."After"
        FROM sr x CROSS JOIN d
        LEFT JOIN cl ON cl."Kind" = x."Kind" AND cl."ScopeId" = x."Id"
        LEFT JOIN reach rc ON rc."Kind" = x."Kind" AND rc."ScopeId" = x."Id"
        LEFT JOIN fig f ON f."Kind" = x."Kind" AND f."ScopeId" = x."Id"
        WHERE d."Reform" IS NOT NULL
        ORDER BY x."Kind", x."Name" COLLATE "DANISH", x."Id"
        """;

    /// <summary>
    /// <c>(SELECT</c> and a JSON array of objects with one member, <paramref name="key"/>: <paramref name="value"/>, ordered by
    /// <paramref name="order"/>; the caller writes the rest of the subquery. Both give <c>[]</c> for no rows and no spaces.
    /// </summary>
    private static string JsonArray(bool postgres, string key, string value, string order) => postgres
        ? "(SELECT COALESCE('[' || string_agg('{\"" + key + "\":' || to_json(" + value + ")::text || '}', ',' ORDER BY " + order + ") || ']', '[]')"
        : "(SELECT json_group_array(json_object('" + key + "', " + value + ") ORDER BY " + order + ")";

    public override string Operation => "ReformImpact";

    public override async Task WriteDataAsync(DbConnection connection, JsonElement variables, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        await using var command = ViewSql.Command(connection, BaselineSql.IsPostgres(connection) ? PostgresSql : SqliteSql, danish: true);
        ViewSql.AddDay(command, ViewSql.AsOf(variables));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        json.WriteStartObject();
        if (!await reader.ReadAsync(cancellationToken))
        {
            json.WriteNull("reformImpact");
            json.WriteEndObject();
            return;
        }

        json.WriteStartObject("reformImpact");
        BaselineSql.WriteDate(json, "reformDay"u8, reader, 17);
        BaselineSql.WriteDate(json, "structureDay"u8, reader, 18);
        json.WriteStartArray("regions");
        var more = true;
        while (more && reader.GetInt32(0) == 0)
        {
            long active = reader.GetInt64(13), covered = reader.GetInt64(14), nynedsat = reader.GetInt64(15), nynedsatCovered = reader.GetInt64(16);
            json.WriteStartObject();
            json.WriteString("name", reader.GetString(2));
            json.WritePropertyName("formerRegions");
            json.WriteRawValue(reader.GetString(3), skipInputValidation: true);
            json.WriteNumber("municipalities", reader.GetInt64(4));
            json.WriteNumber("municipalitiesMoving", reader.GetInt64(5));
            json.WritePropertyName("kapUnits");
            json.WriteRawValue(reader.GetString(6), skipInputValidation: true);
            json.WritePropertyName("kapUnitsMoving");
            json.WriteRawValue(reader.GetString(7), skipInputValidation: true);
            json.WriteNumber("clusters", reader.GetInt64(8));
            json.WriteNumber("clustersMoving", reader.GetInt64(9));
            json.WriteNumber("groups", reader.GetInt64(10));
            json.WriteNumber("groupsMoving", reader.GetInt64(11));
            json.WriteNumber("doctorsMoving", reader.GetInt64(12));
            json.WriteStartObject("coverage");
            json.WriteNumber("activeDoctors", active);
            ViewSql.WriteRatio(json, "coverage", covered, active);
            ViewSql.WriteRatio(json, "nynedsatCoverage", nynedsatCovered, nynedsat);
            json.WriteEndObject();
            json.WriteEndObject();
            more = await reader.ReadAsync(cancellationToken);
        }

        json.WriteEndArray();
        json.WriteStartArray("healthCouncils");
        while (more)
        {
            long active = reader.GetInt64(13), covered = reader.GetInt64(14);
            json.WriteStartObject();
            json.WriteString("name", reader.GetString(2));
            ViewSql.WriteText(json, "code", reader, 1);
            json.WritePropertyName("formerRegions");
            json.WriteRawValue(reader.GetString(3), skipInputValidation: true);
            json.WriteNumber("groups", reader.GetInt64(10));
            json.WriteNumber("doctorsMoving", reader.GetInt64(12));
            json.WriteStartObject("coverage");
            json.WriteNumber("activeDoctors", active);
            ViewSql.WriteRatio(json, "coverage", covered, active);
            json.WriteEndObject();
            json.WriteEndObject();
            more = await reader.ReadAsync(cancellationToken);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}

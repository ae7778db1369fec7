using System.Data.Common;
using System.Text.Json;
using Dge.Api.GraphQL.Relay;

namespace Dge.Benchmarks.Baselines;

/// <summary>
/// <c>ClusterAlignmentLowestInRegion</c>: the clusters matching the filter (region by code or id on asOf, municipality code), the
/// 10 with the lowest aligned coverage (nulls last, then id), each with its groups by overlap, its package themes split into covered and
/// missed, and its uncovered nynedsatte by Danish name with their first three group suggestions (ranked as the API ranks them), in one
/// statement: per cluster a cluster row, then group, theme, doctor and suggestion rows, ordered by generic sort columns.
/// </summary>
public sealed class ClusterAlignmentLowestInRegionBaseline : Baseline
{
    private const int PageSize = 10;
    private const int Suggestions = 3;

    private const string Sql = $"""
        WITH mem AS MATERIALIZED ({ViewSql.CurrentMemberships}),
             sizes AS MATERIALIZED (SELECT "GroupId", COUNT(DISTINCT "DoctorId") AS "Members" FROM mem GROUP BY "GroupId"),
             cl AS MATERIALIZED (SELECT q."Id", q."Name", q."MunicipalityId" FROM "QualityClusters" q
                    WHERE (@regionCode IS NULL OR EXISTS (SELECT 1 FROM "MunicipalityRegions" p JOIN "Regions" r ON r."Id" = p."RegionId"
                           WHERE p."MunicipalityId" = q."MunicipalityId" AND p."From" <= @day AND (p."To" IS NULL OR p."To" > @day) AND r."Code" = @regionCode))
                      AND (@regionId IS NULL OR EXISTS (SELECT 1 FROM "MunicipalityRegions" p
                           WHERE p."MunicipalityId" = q."MunicipalityId" AND p."From" <= @day AND (p."To" IS NULL OR p."To" > @day) AND p."RegionId" = @regionId))
                      AND (@municipalityCode IS NULL OR q."MunicipalityId" IN (SELECT "Id" FROM "Municipalities" WHERE "Code" = @municipalityCode))),
             act AS ({ViewSql.ActiveEmployments}),
             cd AS MATERIALIZED (SELECT DISTINCT x."ClusterId", x."DoctorId", x."IsNew", x."IsCovered" FROM (SELECT a."DoctorId", a."IsNew", a."IsCovered",
                    (SELECT cm."ClusterId" FROM "ClusterClinicMemberships" cm WHERE cm."ClinicId" = a."ClinicId" AND cm."From" <= @day AND (cm."To" IS NULL OR cm."To" > @day)
                     ORDER BY cm."From" DESC, cm."Id" LIMIT 1) AS "ClusterId" FROM act a) x
                    WHERE x."ClusterId" IN (SELECT "Id" FROM cl)),
             ov AS MATERIALIZED (SELECT o."ClusterId", o."GroupId", o."Overlap", s."Members", 2 * o."Overlap" >= s."Members" AS "Aligned"
                    FROM (SELECT cd."ClusterId", mem."GroupId", COUNT(DISTINCT cd."DoctorId") AS "Overlap" FROM cd JOIN mem ON mem."DoctorId" = cd."DoctorId"
                          GROUP BY cd."ClusterId", mem."GroupId") o JOIN sizes s ON s."GroupId" = o."GroupId"),
             am AS MATERIALIZED (SELECT DISTINCT ov."ClusterId", mem."DoctorId" FROM ov JOIN mem ON mem."GroupId" = ov."GroupId" WHERE ov."Aligned"),
             fig AS (SELECT cd."ClusterId", COUNT(*) AS "A", SUM(cd."IsCovered") AS "C", SUM(cd."IsNew") AS "N", SUM(cd."IsNew" * cd."IsCovered") AS "NC",
                            COUNT(am."DoctorId") AS "AL"
                     FROM cd LEFT JOIN am ON am."ClusterId" = cd."ClusterId" AND am."DoctorId" = cd."DoctorId" GROUP BY cd."ClusterId"),
             pg AS MATERIALIZED (SELECT * FROM (SELECT cl."Id", cl."Name", cl."MunicipalityId", COALESCE(f."A", 0) AS "A", COALESCE(f."C", 0) AS "C", COALESCE(f."N", 0) AS "N",
                            COALESCE(f."NC", 0) AS "NC", COALESCE(f."AL", 0) AS "AL",
                            ROW_NUMBER() OVER (ORDER BY COALESCE(f."A", 0) = 0, 1.0 * f."AL" / f."A", cl."Id") AS "Pos", COUNT(*) OVER () AS "Total"
                     FROM cl LEFT JOIN fig f ON f."ClusterId" = cl."Id") p WHERE "Pos" <= @first),
             pt AS (SELECT DISTINCT a."ClusterId", mt."ThemeId" FROM "ClusterPackageAdoptions" a JOIN "MaterialThemes" mt ON mt."MaterialId" = a."MaterialId"
                    WHERE a."ClusterId" IN (SELECT "Id" FROM pg) AND a."From" <= @day AND (a."To" IS NULL OR a."To" > @day)),
             th AS MATERIALIZED (SELECT pt."ClusterId", t."Code", t."NameDa",
                    CASE WHEN EXISTS (SELECT 1 FROM ov JOIN "Meetings" m ON m."GroupId" = ov."GroupId" JOIN "MeetingThemes" x ON x."MeetingId" = m."Id"
                            WHERE ov."ClusterId" = pt."ClusterId" AND ov."Aligned" AND x."ThemeId" = pt."ThemeId" AND m."Date" > @windowStart AND m."Date" <= @day)
                         THEN 1 ELSE 0 END AS "Covered"
                    FROM pt JOIN "Themes" t ON t."Id" = pt."ThemeId"),
             unc AS MATERIALIZED (SELECT cd."ClusterId", d."Id", d."FirstName", d."LastName", d."EstablishedOn",
                    d."Phase" = 'Trainee' OR (d."EstablishedOn" <= @day AND (d."RetiredOn" IS NULL OR d."RetiredOn" > @day) AND d."EstablishedOn" > @nynedsatAfter) AS "Young"
                    FROM cd JOIN "Doctors" d ON d."Id" = cd."DoctorId" WHERE cd."ClusterId" IN (SELECT "Id" FROM pg) AND cd."IsCovered" = 0 AND cd."IsNew" = 1),
             docs AS (SELECT DISTINCT "Id", "Young" FROM unc),
             {ViewSql.SuggestionCtes}
        SELECT * FROM (
        SELECT pg."Pos" AS "S1", 0 AS "S2", NULL AS "S3", CAST(NULL AS TEXT) AS "S4", CAST(NULL AS TEXT) AS "S5", NULL AS "S6", CAST(NULL AS BIGINT) AS "S7",
               pg."Name", mu."Name" AS "Text", pg."A", pg."C", pg."N", pg."NC", pg."AL", pg."Total",
               (SELECT COUNT(*) FROM th WHERE th."ClusterId" = pg."Id"), (SELECT COALESCE(SUM(th."Covered"), 0) FROM th WHERE th."ClusterId" = pg."Id")
        FROM pg JOIN "Municipalities" mu ON mu."Id" = pg."MunicipalityId"
        UNION ALL
        SELECT pg."Pos", 1, -ov."Overlap", NULL, NULL, ov."GroupId", NULL, g."Name", g."Kind", ov."Overlap", ov."Members", CASE WHEN ov."Aligned" THEN 1 ELSE 0 END, NULL, NULL, NULL, NULL, NULL
        FROM ov JOIN pg ON pg."Id" = ov."ClusterId" JOIN "Groups" g ON g."Id" = ov."GroupId"
        UNION ALL
        SELECT pg."Pos", 2, ROW_NUMBER() OVER (PARTITION BY th."ClusterId" ORDER BY th."Covered" DESC, th."Code"), NULL, NULL, NULL, NULL, th."NameDa", NULL, th."Covered",
               NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM th JOIN pg ON pg."Id" = th."ClusterId"
        UNION ALL
        SELECT pg."Pos", 3, NULL, u."LastName", u."FirstName", u."Id", 0, NULL, CAST(u."EstablishedOn" AS TEXT), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM unc u JOIN pg ON pg."Id" = u."ClusterId"
        UNION ALL
        SELECT pg."Pos", 3, NULL, u."LastName", u."FirstName", u."Id", r."Rank", c."Name", c."Kind", r."Members", r."CM", r."MM", CASE WHEN r."Fit" THEN 1 ELSE 0 END, NULL, NULL, NULL, NULL
        FROM unc u JOIN pg ON pg."Id" = u."ClusterId" JOIN ranked r ON r."DoctorId" = u."Id" JOIN cand c ON c."Id" = r."GroupId") x
        ORDER BY "S1", "S2", "S3" NULLS FIRST, "S4" COLLATE "DANISH" NULLS FIRST, "S5" COLLATE "DANISH" NULLS FIRST, "S6" NULLS FIRST, "S7" NULLS FIRST
        """;

    public override string Operation => "ClusterAlignmentLowestInRegion";

    public override async Task WriteDataAsync(DbConnection connection, JsonElement variables, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var day = ViewSql.AsOf(variables);
        var regionId = ViewSql.Text(variables, "regionId");
        await using var command = ViewSql.Command(connection, Sql, danish: true);
        ViewSql.AddDay(command, day);
        command.Bind("@windowStart", day.AddMonths(-12));
        command.Bind("@regionCode", ViewSql.Text(variables, "regionCode"), System.Data.DbType.String);
        command.Bind("@regionId", regionId is null ? DBNull.Value : NodeId.KeyOf(regionId, "Region") ?? -1, System.Data.DbType.Int32);
        command.Bind("@municipalityCode", ViewSql.Text(variables, "municipalityCode"), System.Data.DbType.String);
        command.Bind("@first", PageSize);
        command.Bind("@suggestions", Suggestions);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        json.WriteStartObject();
        json.WriteStartObject("clusterAlignment");
        var cluster = new ClusterWriter(json);
        while (await reader.ReadAsync(cancellationToken))
        {
            switch (reader.GetInt32(1))
            {
                case 0:
                    cluster.Start(reader);
                    break;
                case 1:
                    cluster.Group(reader);
                    break;
                case 2:
                    cluster.Theme(reader);
                    break;
                default:
                    cluster.Doctor(reader);
                    break;
            }
        }

        cluster.Finish();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Writes a cluster's node as its rows arrive, opening and closing each section as the row kind advances.</summary>
    private sealed class ClusterWriter(Utf8JsonWriter json)
    {
        private const int Groups = 1;
        private const int Covered = 2;
        private const int Missed = 3;
        private const int Uncovered = 4;

        private int _section;
        private long _themes;
        private long _coveredThemes;
        private bool _doctorOpen;

        public void Start(DbDataReader reader)
        {
            if (_section == 0)
            {
                json.WriteNumber("totalCount", reader.GetInt64(14));
                json.WriteStartArray("nodes");
            }
            else
            {
                Close();
            }

            long active = reader.GetInt64(9), covered = reader.GetInt64(10), nynedsat = reader.GetInt64(11), nynedsatCovered = reader.GetInt64(12);
            json.WriteStartObject();
            json.WriteStartObject("cluster");
            json.WriteString("name", reader.GetString(7));
            json.WriteStartObject("municipality");
            json.WriteString("name", reader.GetString(8));
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteNumber("activeDoctors", active);
            ViewSql.WriteRatio(json, "coverage", covered, active);
            ViewSql.WriteRatio(json, "alignedCoverage", reader.GetInt64(13), active);
            ViewSql.WriteRatio(json, "nynedsatCoverage", nynedsatCovered, nynedsat);
            _themes = reader.GetInt64(15);
            _coveredThemes = reader.GetInt64(16);
            json.WriteStartArray("groups");
            _section = Groups;
        }

        public void Group(DbDataReader reader)
        {
            long overlap = reader.GetInt64(9), members = reader.GetInt64(10);
            json.WriteStartObject();
            json.WriteStartObject("group");
            json.WriteString("name", reader.GetString(7));
            json.WriteString("kind", ViewSql.Kind(reader.GetString(8)));
            json.WriteEndObject();
            json.WriteNumber("overlap", overlap);
            json.WriteNumber("members", members);
            json.WriteNumber("share", (double)overlap / members);
            json.WriteBoolean("aligned", reader.GetInt64(11) != 0);
            json.WriteEndObject();
        }

        public void Theme(DbDataReader reader)
        {
            Advance(reader.GetInt64(9) != 0 ? Covered : Missed);
            json.WriteStartObject();
            json.WriteString("nameDa", reader.GetString(7));
            json.WriteEndObject();
        }

        public void Doctor(DbDataReader reader)
        {
            Advance(Uncovered);
            if (reader.GetInt64(6) == 0)
            {
                CloseDoctor();
                json.WriteStartObject();
                json.WriteStartObject("doctor");
                json.WriteString("firstName", reader.GetString(4));
                json.WriteString("lastName", reader.GetString(3));
                ViewSql.WriteText(json, "establishedOn", reader, 8);
                json.WriteEndObject();
                json.WriteStartArray("suggestions");
                _doctorOpen = true;
                return;
            }

            json.WriteStartObject();
            json.WriteStartObject("group");
            json.WriteString("name", reader.GetString(7));
            json.WriteString("kind", ViewSql.Kind(reader.GetString(8)));
            json.WriteEndObject();
            json.WriteNumber("rank", reader.GetInt64(6));
            ViewSql.WriteReasons(json, reader.GetInt64(10) > 0, reader.GetInt64(11) > 0, reader.GetInt64(12) != 0);
            json.WriteNumber("freePlaces", Math.Max(0, 12 - reader.GetInt64(9)));
            json.WriteEndObject();
        }

        public void Finish()
        {
            if (_section == 0)
            {
                json.WriteNumber("totalCount", 0);
                json.WriteStartArray("nodes");
            }
            else
            {
                Close();
            }

            json.WriteEndArray();
        }

        private void Close()
        {
            Advance(Uncovered);
            CloseDoctor();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        private void CloseDoctor()
        {
            if (_doctorOpen)
            {
                json.WriteEndArray();
                json.WriteEndObject();
                _doctorOpen = false;
            }
        }

        /// <summary>Moves to a later section, closing and opening the ones in between (empty lists included).</summary>
        private void Advance(int section)
        {
            while (_section < section)
            {
                switch (_section)
                {
                    case Groups:
                        json.WriteEndArray();
                        json.WriteStartObject("themeAlignment");
                        ViewSql.WriteRatio(json, "ratio", _coveredThemes, _themes);
                        json.WriteStartArray("coveredThemes");
                        break;
                    case Covered:
                        json.WriteEndArray();
                        json.WriteStartArray("missedThemes");
                        break;
                    case Missed:
                        json.WriteEndArray();
                        json.WriteEndObject();
                        json.WriteStartArray("uncoveredDoctors");
                        break;
                }

                _section++;
            }
        }
    }
}

using Microsoft.Data.Sqlite;

namespace Dge.Benchmarks;

/// <summary>
/// One hand-written SQLite query per view, computing the same numbers as the API's EF queries, run through ADO on the same file.
/// Dates are ISO text and enums their names, as EF stores them.
/// </summary>
public static class HandWrittenSql
{
    private const string ActiveGroup = """g."FoundedOn" <= @day AND (g."DissolvedOn" IS NULL OR g."DissolvedOn" > @day)""";

    private static readonly string CurrentMembers = $"""
        SELECT DISTINCT m."GroupId", m."DoctorId" FROM "GroupMemberships" m JOIN "Groups" g ON g."Id" = m."GroupId"
        WHERE m."From" <= @day AND (m."To" IS NULL OR m."To" > @day) AND {ActiveGroup}
        """;

    private static readonly string ActiveDoctors = """
        SELECT e."DoctorId", e."ClinicId", c."MunicipalityId",
               (d."EstablishedOn" > @nynedsatAfter AND d."EstablishedOn" <= @day) AS "IsNew",
               EXISTS (SELECT 1 FROM mem WHERE mem."DoctorId" = e."DoctorId") AS "IsCovered"
        FROM "ClinicEmployments" e JOIN "Doctors" d ON d."Id" = e."DoctorId" JOIN "Clinics" c ON c."Id" = e."ClinicId"
        WHERE d."Phase" = 'Gp' AND e."From" <= @day AND (e."To" IS NULL OR e."To" > @day)
        """;

    /// <summary>Coverage by municipality for the whole country.</summary>
    public static readonly string CoverageByMunicipality = $"""
        WITH mem AS ({CurrentMembers}),
             active AS ({ActiveDoctors}),
             scoped AS (SELECT DISTINCT "MunicipalityId" AS "ScopeId", "DoctorId", "IsNew", "IsCovered" FROM active)
        SELECT mu."Id", mu."Code", mu."Name", COUNT(s."DoctorId"), TOTAL(s."IsCovered"), TOTAL(s."IsNew"), TOTAL(s."IsNew" AND s."IsCovered")
        FROM "Municipalities" mu LEFT JOIN scoped s ON s."ScopeId" = mu."Id"
        GROUP BY mu."Id", mu."Code", mu."Name"
        ORDER BY mu."Name", mu."Id"
        """;

    /// <summary>
    /// The whole cluster–group alignment view of every cluster, as one statement of three kinds of row: CLUSTER (doctors, covered,
    /// nynedsatte, nynedsatte covered, aligned covered), GROUP (each group drawing current members from the cluster: overlap, members,
    /// share, aligned) and THEME (each theme of the cluster's packages active on the day, covered when an aligned group met on it in
    /// the window (windowStart, day]). cd has one row per cluster and doctor and mem one per group and doctor, so an overlap is a plain
    /// count; each cluster's figures are aggregated before the join to the clusters, so the plan stays linear. dm and ov are read more
    /// than once: MATERIALIZED keeps SQLite 3.49 (the bundled e_sqlite3) from inlining and recomputing them, which costs it about 40%.
    /// </summary>
    public static readonly string ClusterAlignment = $"""
        WITH mem AS ({CurrentMembers}),
             active AS ({ActiveDoctors}),
             cd AS (SELECT DISTINCT cm."ClusterId", a."DoctorId", a."IsNew", a."IsCovered" FROM active a
                    JOIN "ClusterClinicMemberships" cm ON cm."ClinicId" = a."ClinicId" AND cm."From" <= @day AND (cm."To" IS NULL OR cm."To" > @day)),
             dm AS MATERIALIZED (SELECT cd."ClusterId", cd."DoctorId", mem."GroupId" FROM cd JOIN mem ON mem."DoctorId" = cd."DoctorId"),
             sizes AS (SELECT "GroupId", COUNT(*) AS "Members" FROM mem GROUP BY "GroupId"),
             ov AS MATERIALIZED (SELECT x."ClusterId", x."GroupId", x."Overlap", s."Members", 2 * x."Overlap" >= s."Members" AS "Aligned"
                    FROM (SELECT "ClusterId", "GroupId", COUNT(*) AS "Overlap" FROM dm GROUP BY "ClusterId", "GroupId") x
                    JOIN sizes s ON s."GroupId" = x."GroupId"),
             ac AS (SELECT dm."ClusterId", COUNT(DISTINCT dm."DoctorId") AS "AlignedCovered" FROM dm
                    JOIN ov ON ov."ClusterId" = dm."ClusterId" AND ov."GroupId" = dm."GroupId" WHERE ov."Aligned" GROUP BY dm."ClusterId"),
             fig AS (SELECT "ClusterId", COUNT(*) AS "Doctors", TOTAL("IsCovered") AS "Covered", TOTAL("IsNew") AS "New", TOTAL("IsNew" AND "IsCovered") AS "NewCovered"
                     FROM cd GROUP BY "ClusterId"),
             pt AS (SELECT DISTINCT a."ClusterId", mt."ThemeId" FROM "ClusterPackageAdoptions" a JOIN "MaterialThemes" mt ON mt."MaterialId" = a."MaterialId"
                    WHERE a."From" <= @day AND (a."To" IS NULL OR a."To" > @day)),
             met AS (SELECT DISTINCT m."GroupId", x."ThemeId" FROM "Meetings" m JOIN "MeetingThemes" x ON x."MeetingId" = m."Id"
                     WHERE m."Date" > @windowStart AND m."Date" <= @day),
             covered AS (SELECT DISTINCT ov."ClusterId", met."ThemeId" FROM ov JOIN met ON met."GroupId" = ov."GroupId" WHERE ov."Aligned")
        SELECT 'CLUSTER' AS "Kind", c."Id" AS "ClusterId", NULL AS "Key", c."Name" AS "Label", COALESCE(f."Doctors", 0), COALESCE(f."Covered", 0),
               COALESCE(f."New", 0), COALESCE(f."NewCovered", 0), COALESCE(ac."AlignedCovered", 0)
        FROM "QualityClusters" c LEFT JOIN fig f ON f."ClusterId" = c."Id" LEFT JOIN ac ON ac."ClusterId" = c."Id"
        UNION ALL
        SELECT 'GROUP', ov."ClusterId", ov."GroupId", g."Name", ov."Overlap", ov."Members", 1.0 * ov."Overlap" / ov."Members", ov."Aligned", NULL
        FROM ov JOIN "Groups" g ON g."Id" = ov."GroupId"
        UNION ALL
        SELECT 'THEME', pt."ClusterId", pt."ThemeId", t."Code", cv."ThemeId" IS NOT NULL, NULL, NULL, NULL, NULL
        FROM pt JOIN "Themes" t ON t."Id" = pt."ThemeId" LEFT JOIN covered cv ON cv."ClusterId" = pt."ClusterId" AND cv."ThemeId" = pt."ThemeId"
        ORDER BY "Kind", "ClusterId", "Key"
        """;

    /// <summary>Advisor workload: every advisor active on the day with active groups, distinct members and memberships.</summary>
    public static readonly string AdvisorWorkload = $"""
        WITH ag AS (SELECT g."Id", g."AdvisorId" FROM "Groups" g WHERE {ActiveGroup}),
             am AS (SELECT m."DoctorId", ag."AdvisorId" FROM "GroupMemberships" m JOIN ag ON ag."Id" = m."GroupId" WHERE m."From" <= @day AND (m."To" IS NULL OR m."To" > @day))
        SELECT c.*, (SELECT COUNT(*) FROM ag WHERE ag."AdvisorId" = c."Id"), (SELECT COUNT(DISTINCT am."DoctorId") FROM am WHERE am."AdvisorId" = c."Id"),
               (SELECT COUNT(*) FROM am WHERE am."AdvisorId" = c."Id")
        FROM "Coordinators" c
        WHERE c."Role" = 'Advisor' AND c."From" <= @day AND (c."To" IS NULL OR c."To" > @day)
        """;

    /// <summary>The annual report of one KAP unit for one year, as one row (kinds and top themes as JSON).</summary>
    public static readonly string AnnualReport = """
        WITH unit AS (SELECT "Id", "RegionId" FROM "KapUnits" WHERE "Code" = @code),
             grp AS (SELECT g.* FROM "Groups" g WHERE g."KapUnitId" = (SELECT "Id" FROM unit)),
             mt AS (SELECT m."Id", m."DurationHours", (SELECT COUNT(*) FROM "MeetingAttendances" a WHERE a."MeetingId" = m."Id") AS "Attendees"
                    FROM "Meetings" m WHERE m."GroupId" IN (SELECT "Id" FROM grp) AND m."Date" >= @first AND m."Date" <= @last),
             mem AS (SELECT DISTINCT m."DoctorId" FROM "GroupMemberships" m JOIN "Groups" g ON g."Id" = m."GroupId"
                     WHERE m."From" <= @last AND (m."To" IS NULL OR m."To" > @last) AND g."FoundedOn" <= @last AND (g."DissolvedOn" IS NULL OR g."DissolvedOn" > @last)),
             cov AS (SELECT DISTINCT e."DoctorId", (d."EstablishedOn" > @nynedsatAfter AND d."EstablishedOn" <= @last) AS "IsNew",
                            e."DoctorId" IN (SELECT "DoctorId" FROM mem) AS "IsCovered"
                     FROM "ClinicEmployments" e JOIN "Doctors" d ON d."Id" = e."DoctorId" JOIN "Clinics" c ON c."Id" = e."ClinicId"
                     WHERE d."EstablishedOn" <= @last AND (d."RetiredOn" IS NULL OR d."RetiredOn" > @last) AND e."From" <= @last AND (e."To" IS NULL OR e."To" > @last)
                       AND EXISTS (SELECT 1 FROM "MunicipalityRegions" p WHERE p."MunicipalityId" = c."MunicipalityId" AND p."RegionId" = (SELECT "RegionId" FROM unit)))
        SELECT
          (SELECT json_group_array(json_array("Kind", "Active", "Founded", "Dissolved")) FROM (
             SELECT "Kind",
                    TOTAL("FoundedOn" <= @last AND ("DissolvedOn" IS NULL OR "DissolvedOn" > @first)) AS "Active",
                    TOTAL("FoundedOn" >= @first AND "FoundedOn" <= @last) AS "Founded",
                    TOTAL("DissolvedOn" >= @first AND "DissolvedOn" <= @last) AS "Dissolved"
             FROM grp GROUP BY "Kind")),
          (SELECT COUNT(*) FROM mt), (SELECT TOTAL("DurationHours") FROM mt), (SELECT TOTAL("Attendees") FROM mt),
          (SELECT COUNT(*) FROM mt WHERE "DurationHours" >= @minimumHours), (SELECT TOTAL("Attendees") FROM mt WHERE "DurationHours" >= @minimumHours),
          (SELECT json_group_array(json_array("Code", "Meetings")) FROM (
             SELECT t."Code", x."Meetings" FROM (SELECT "ThemeId", COUNT(*) AS "Meetings" FROM "MeetingThemes" WHERE "MeetingId" IN (SELECT "Id" FROM mt) GROUP BY "ThemeId") x
             JOIN "Themes" t ON t."Id" = x."ThemeId" ORDER BY x."Meetings" DESC, t."Code" LIMIT 10)),
          (SELECT COUNT(*) FROM cov), (SELECT TOTAL("IsCovered") FROM cov), (SELECT TOTAL("IsNew") FROM cov), (SELECT TOTAL("IsNew" AND "IsCovered") FROM cov)
        """;

    /// <summary>Group suggestions: the first three open groups for every uncovered active GP of the country, ranked with a window function.</summary>
    public static readonly string GroupSuggestions = $"""
        WITH mem AS ({CurrentMembers}),
             emp AS (SELECT e."DoctorId", c."MunicipalityId",
                            (SELECT cm."ClusterId" FROM "ClusterClinicMemberships" cm WHERE cm."ClinicId" = e."ClinicId" AND cm."From" <= @day AND (cm."To" IS NULL OR cm."To" > @day) LIMIT 1) AS "ClusterId"
                     FROM "ClinicEmployments" e JOIN "Clinics" c ON c."Id" = e."ClinicId" WHERE e."From" <= @day AND (e."To" IS NULL OR e."To" > @day)),
             target AS (SELECT DISTINCT emp.*, (d."EstablishedOn" > @nynedsatAfter AND d."EstablishedOn" <= @day) AS "Young"
                        FROM emp JOIN "Doctors" d ON d."Id" = emp."DoctorId"
                        WHERE d."Phase" = 'Gp' AND NOT EXISTS (SELECT 1 FROM mem WHERE mem."DoctorId" = emp."DoctorId")),
             units AS (SELECT DISTINCT t."DoctorId", t."Young", k."Id" AS "KapUnitId" FROM target t
                       JOIN "MunicipalityRegions" p ON p."MunicipalityId" = t."MunicipalityId" JOIN "KapUnits" k ON k."RegionId" = p."RegionId"),
             open AS (SELECT g."Id", g."KapUnitId", g."Kind" FROM "Groups" g
                      WHERE {ActiveGroup} AND g."Kind" <> 'Kge' AND (SELECT COUNT(*) FROM mem WHERE mem."GroupId" = g."Id") < 12),
             placed AS (SELECT DISTINCT mem."GroupId", mem."DoctorId", emp."MunicipalityId", emp."ClusterId" FROM mem JOIN emp ON emp."DoctorId" = mem."DoctorId"),
             pairs AS (SELECT u."DoctorId", o."Id" AS "GroupId",
                              (SELECT COUNT(DISTINCT p."DoctorId") FROM placed p WHERE p."GroupId" = o."Id" AND p."ClusterId" IN (SELECT t."ClusterId" FROM target t WHERE t."DoctorId" = u."DoctorId")) AS "ClusterMembers",
                              (SELECT COUNT(DISTINCT p."DoctorId") FROM placed p WHERE p."GroupId" = o."Id" AND p."MunicipalityId" IN (SELECT t."MunicipalityId" FROM target t WHERE t."DoctorId" = u."DoctorId")) AS "MunicipalityMembers",
                              CASE WHEN u."Young" THEN o."Kind" IN ('NewGp', 'Junior') ELSE o."Kind" IN ('Dge', 'Topic', 'Supervision') END AS "Fit"
                       FROM units u JOIN open o ON o."KapUnitId" = u."KapUnitId"),
             ranked AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY "DoctorId"
                          ORDER BY "ClusterMembers" > 0 DESC, "MunicipalityMembers" > 0 DESC, "Fit" DESC, "ClusterMembers" DESC, "GroupId") AS "Rank" FROM pairs)
        SELECT "DoctorId", "GroupId", "Rank", "ClusterMembers", "MunicipalityMembers", "Fit" FROM ranked WHERE "Rank" <= 3 ORDER BY "DoctorId", "Rank"
        """;

    /// <summary>The reform impact: per new region and per health council, what moves and coverage in the new structure.</summary>
    public static readonly string ReformImpact = $"""
        WITH mem AS ({CurrentMembers}),
             active AS ({ActiveDoctors}),
             reform AS (SELECT MIN(r."ValidFrom") AS "Day" FROM "Regions" r WHERE EXISTS (SELECT 1 FROM "Regions" p WHERE p."SuccessorId" = r."Id")),
             moves AS (SELECT m."Id" AS "MunicipalityId", m."HealthCouncilId",
                              (SELECT p."RegionId" FROM "MunicipalityRegions" p WHERE p."MunicipalityId" = m."Id" AND p."From" <= @before AND (p."To" IS NULL OR p."To" > @before)) AS "Before",
                              (SELECT p."RegionId" FROM "MunicipalityRegions" p WHERE p."MunicipalityId" = m."Id" AND p."From" <= @after AND (p."To" IS NULL OR p."To" > @after)) AS "After"
                       FROM "Municipalities" m),
             scopes AS (SELECT 'REGION' AS "Kind", "After" AS "ScopeId", "MunicipalityId", "Before" IS NOT "After" AS "Moves" FROM moves
                        UNION ALL SELECT 'HEALTH_COUNCIL', "HealthCouncilId", "MunicipalityId", "Before" IS NOT "After" FROM moves),
             closed AS (SELECT r."Id" FROM "Regions" r WHERE NOT (r."ValidFrom" <= @after AND (r."ValidTo" IS NULL OR r."ValidTo" > @after))),
             placed_doctors AS (SELECT DISTINCT s."Kind", s."ScopeId", a."DoctorId", a."IsNew", a."IsCovered", s."Moves" FROM active a JOIN scopes s ON s."MunicipalityId" = a."MunicipalityId"),
             reach AS (SELECT DISTINCT s."Kind", s."ScopeId", mem."GroupId", k."RegionId" IN (SELECT "Id" FROM closed) AS "Moving"
                       FROM mem JOIN "ClinicEmployments" e ON e."DoctorId" = mem."DoctorId" AND e."From" <= @day AND (e."To" IS NULL OR e."To" > @day)
                       JOIN "Clinics" c ON c."Id" = e."ClinicId" JOIN scopes s ON s."MunicipalityId" = c."MunicipalityId"
                       JOIN "Groups" g ON g."Id" = mem."GroupId" JOIN "KapUnits" k ON k."Id" = g."KapUnitId"),
             clusters AS (SELECT s."Kind", s."ScopeId", COUNT(*) AS "Clusters", TOTAL(s."Moves") AS "Moving" FROM "QualityClusters" q JOIN scopes s ON s."MunicipalityId" = q."MunicipalityId" GROUP BY s."Kind", s."ScopeId")
        SELECT s."Kind", s."ScopeId", COUNT(*) AS "Municipalities", TOTAL(s."Moves"),
               (SELECT "Clusters" FROM clusters c WHERE c."Kind" = s."Kind" AND c."ScopeId" = s."ScopeId"),
               (SELECT "Moving" FROM clusters c WHERE c."Kind" = s."Kind" AND c."ScopeId" = s."ScopeId"),
               (SELECT COUNT(*) FROM reach r WHERE r."Kind" = s."Kind" AND r."ScopeId" = s."ScopeId"),
               (SELECT TOTAL(r."Moving") FROM reach r WHERE r."Kind" = s."Kind" AND r."ScopeId" = s."ScopeId"),
               (SELECT COUNT(*) FROM placed_doctors d WHERE d."Kind" = s."Kind" AND d."ScopeId" = s."ScopeId" AND d."Moves"),
               (SELECT COUNT(*) FROM placed_doctors d WHERE d."Kind" = s."Kind" AND d."ScopeId" = s."ScopeId"),
               (SELECT TOTAL(d."IsCovered") FROM placed_doctors d WHERE d."Kind" = s."Kind" AND d."ScopeId" = s."ScopeId"),
               (SELECT TOTAL(d."IsNew") FROM placed_doctors d WHERE d."Kind" = s."Kind" AND d."ScopeId" = s."ScopeId"),
               (SELECT TOTAL(d."IsNew" AND d."IsCovered") FROM placed_doctors d WHERE d."Kind" = s."Kind" AND d."ScopeId" = s."ScopeId"),
               (SELECT "Day" FROM reform)
        FROM scopes s GROUP BY s."Kind", s."ScopeId"
        ORDER BY s."Kind", s."ScopeId"
        """;

    /// <summary>Runs a query and reads every row, so the work the database does is the same as the API's.</summary>
    public static async Task<List<object?[]>> RunAsync(string sql, IReadOnlyDictionary<string, object> parameters)
    {
        await using var connection = new SqliteConnection(BenchmarkDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}

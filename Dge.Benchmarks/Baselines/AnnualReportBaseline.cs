using System.Data.Common;
using System.Text.Json;
using Dge.Api.GraphQL.Relay;
using Dge.Api.Views;

namespace Dge.Benchmarks.Baselines;

/// <summary>
/// <c>AnnualReport</c> of a KAP unit or a region for a year, in one statement of three kinds of row: the scope with the year's meeting
/// totals and its coverage on 31 December, one row per group kind present (active in, founded in, dissolved in the year), and the top
/// themes ranked. The funding rates are the API's own (<see cref="FundingRates"/>, read from the reference CSV).
/// </summary>
public sealed class AnnualReportBaseline : Baseline
{
    private const string KapUnitScope = """
        sc AS (SELECT "Id", "Code", "Name" FROM "KapUnits" WHERE "Code" = @code LIMIT 1),
        grp AS (SELECT g."Kind", g."FoundedOn", g."DissolvedOn", g."Id" FROM "Groups" g WHERE g."KapUnitId" = (SELECT "Id" FROM sc)),
        cov AS (SELECT DISTINCT a."DoctorId", a."IsNew", a."IsCovered" FROM act a WHERE a."MunicipalityId" IN
                (SELECT p."MunicipalityId" FROM "MunicipalityRegions" p WHERE p."RegionId" = (SELECT k."RegionId" FROM "KapUnits" k WHERE k."Id" = (SELECT "Id" FROM sc))))
        """;

    private const string RegionScope = """
        sc AS (SELECT "Id", "Code", "Name" FROM "Regions" WHERE (@code IS NOT NULL AND "Code" = @code) OR "Id" = @id LIMIT 1),
        grp AS (SELECT g."Kind", g."FoundedOn", g."DissolvedOn", g."Id" FROM "Groups" g WHERE g."KapUnitId" IN
                (SELECT k."Id" FROM "KapUnits" k JOIN "Regions" r ON r."Id" = k."RegionId" WHERE r."Id" = (SELECT "Id" FROM sc) OR r."SuccessorId" = (SELECT "Id" FROM sc))),
        cov AS (SELECT DISTINCT a."DoctorId", a."IsNew", a."IsCovered" FROM act a WHERE a."MunicipalityId" IN
                (SELECT p."MunicipalityId" FROM "MunicipalityRegions" p WHERE p."RegionId" = (SELECT "Id" FROM sc) AND p."From" <= @day AND (p."To" IS NULL OR p."To" > @day)))
        """;

    private static readonly string KapUnitSql = Statement(KapUnitScope);
    private static readonly string RegionSql = Statement(RegionScope);

    /// <summary>The group kinds in the API's order (the enum's).</summary>
    private static readonly string[] Kinds = ["Dge", "Topic", "Supervision", "Junior", "NewGp", "Kge"];

    public override string Operation => "AnnualReport";

    public override async Task WriteDataAsync(DbConnection connection, JsonElement variables, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var kapUnitCode = ViewSql.Text(variables, "kapUnitCode");
        var regionId = ViewSql.Text(variables, "regionId");
        var year = ViewSql.Int(variables, "year") ?? throw new ArgumentException("year is required.", nameof(variables));
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var rates = FundingRates.Current;

        await using var command = ViewSql.Command(connection, kapUnitCode is not null ? KapUnitSql : RegionSql);
        command.Bind("@code", (object?)(kapUnitCode ?? ViewSql.Text(variables, "regionCode")) ?? DBNull.Value);
        command.Bind("@id", regionId is null ? 0 : NodeId.KeyOf(regionId, "Region") ?? 0);
        command.Bind("@first", first);
        command.Bind("@minimumHours", rates.MinimumMeetingHours);
        command.Bind("@topThemes", AnnualReportQuery.TopThemeCount);
        ViewSql.AddDay(command, last);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        json.WriteStartObject();
        if (!await reader.ReadAsync(cancellationToken) || reader.GetInt32(0) != 0)
        {
            json.WriteNull("annualReport");
            json.WriteEndObject();
            return;
        }

        json.WriteStartObject("annualReport");
        json.WriteString("scope", kapUnitCode is not null ? "KAP_UNIT" : "REGION");
        ViewSql.WriteText(json, "code", reader, 3);
        json.WriteString("name", reader.GetString(4));
        json.WriteNumber("year", year);
        long meetings = reader.GetInt64(5), attendances = reader.GetInt64(7), qualifying = reader.GetInt64(8), qualifyingAttendances = reader.GetInt64(9);
        var hours = reader.GetDouble(14);
        long active = reader.GetInt64(10), covered = reader.GetInt64(11), nynedsat = reader.GetInt64(12), nynedsatCovered = reader.GetInt64(13);

        // The kinds come in the order SQL groups them; the API lists every kind in the enum's order, zeros included.
        var counts = new long[Kinds.Length * 3];
        var more = await reader.ReadAsync(cancellationToken);
        while (more && reader.GetInt32(0) == 1)
        {
            var kind = Array.IndexOf(Kinds, reader.GetString(3)) * 3;
            counts[kind] = reader.GetInt64(5);
            counts[kind + 1] = reader.GetInt64(6);
            counts[kind + 2] = reader.GetInt64(7);
            more = await reader.ReadAsync(cancellationToken);
        }

        long groupsActive = 0, founded = 0, dissolved = 0;
        for (var i = 0; i < Kinds.Length; i++)
        {
            groupsActive += counts[i * 3];
            founded += counts[(i * 3) + 1];
            dissolved += counts[(i * 3) + 2];
        }

        json.WriteNumber("groupsActive", groupsActive);
        json.WriteNumber("groupsFounded", founded);
        json.WriteNumber("groupsDissolved", dissolved);
        json.WriteStartArray("groupsByKind");
        for (var i = 0; i < Kinds.Length; i++)
        {
            json.WriteStartObject();
            json.WriteString("kind", ViewSql.Kind(Kinds[i]));
            json.WriteNumber("active", counts[i * 3]);
            json.WriteNumber("founded", counts[(i * 3) + 1]);
            json.WriteNumber("dissolved", counts[(i * 3) + 2]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("meetings", meetings);
        json.WriteNumber("meetingHours", hours);
        json.WriteNumber("attendances", attendances);
        json.WriteStartArray("topThemes");
        while (more)
        {
            json.WriteStartObject();
            json.WriteStartObject("theme");
            json.WriteString("code", reader.GetString(3));
            json.WriteString("nameDa", reader.GetString(4));
            json.WriteEndObject();
            json.WriteNumber("meetings", reader.GetInt64(5));
            json.WriteEndObject();
            more = await reader.ReadAsync(cancellationToken);
        }

        json.WriteEndArray();
        json.WriteStartObject("coverage");
        json.WriteString("asOf", ViewSql.Iso(last));
        json.WriteNumber("activeDoctors", active);
        ViewSql.WriteRatio(json, "coverage", covered, active);
        ViewSql.WriteRatio(json, "nynedsatCoverage", nynedsatCovered, nynedsat);
        json.WriteEndObject();
        var grants = rates.GroupGrantPerYear * groupsActive;
        var fees = rates.AttendeeFeePerMeeting * qualifyingAttendances;
        json.WriteStartObject("funding");
        json.WriteNumber("activeGroups", groupsActive);
        json.WriteNumber("groupGrants", grants);
        json.WriteNumber("qualifyingMeetings", qualifying);
        json.WriteNumber("qualifyingAttendances", qualifyingAttendances);
        json.WriteNumber("attendeeFees", fees);
        json.WriteNumber("total", grants + fees);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Statement(string scope) => $"""
        WITH mem AS ({ViewSql.CurrentMemberships}),
             act AS ({ViewSql.ActiveEmployments}),
             {scope},
             mt AS MATERIALIZED (SELECT m."Id", m."DurationHours", (SELECT COUNT(*) FROM "MeetingAttendances" a WHERE a."MeetingId" = m."Id") AS "Attendees"
                    FROM "Meetings" m WHERE m."Date" >= @first AND m."Date" <= @day AND m."GroupId" IN (SELECT "Id" FROM grp))
        SELECT 0 AS "Row", 0 AS "Rank", sc."Id", sc."Code", sc."Name",
               (SELECT COUNT(*) FROM mt), NULL, (SELECT COALESCE(SUM("Attendees"), 0) FROM mt),
               (SELECT COUNT(*) FROM mt WHERE "DurationHours" >= @minimumHours), (SELECT COALESCE(SUM("Attendees"), 0) FROM mt WHERE "DurationHours" >= @minimumHours),
               (SELECT COUNT(*) FROM cov), (SELECT COALESCE(SUM("IsCovered"), 0) FROM cov), (SELECT COALESCE(SUM("IsNew"), 0) FROM cov),
               (SELECT COALESCE(SUM("IsNew" * "IsCovered"), 0) FROM cov), (SELECT COALESCE(SUM("DurationHours"), 0.0) FROM mt)
        FROM sc
        UNION ALL
        SELECT 1, 0, NULL, "Kind", NULL,
               SUM(CASE WHEN "FoundedOn" <= @day AND ("DissolvedOn" IS NULL OR "DissolvedOn" > @first) THEN 1 ELSE 0 END),
               SUM(CASE WHEN "FoundedOn" >= @first AND "FoundedOn" <= @day THEN 1 ELSE 0 END),
               SUM(CASE WHEN "DissolvedOn" IS NOT NULL AND "DissolvedOn" >= @first AND "DissolvedOn" <= @day THEN 1 ELSE 0 END), NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM grp GROUP BY "Kind"
        UNION ALL
        SELECT 2, ROW_NUMBER() OVER (ORDER BY "Meetings" DESC, "Code"), NULL, "Code", "NameDa", "Meetings", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM (SELECT t."Code", t."NameDa", x."Meetings"
              FROM (SELECT "ThemeId", COUNT(*) AS "Meetings" FROM "MeetingThemes" WHERE "MeetingId" IN (SELECT "Id" FROM mt) GROUP BY "ThemeId") x
              JOIN "Themes" t ON t."Id" = x."ThemeId" ORDER BY x."Meetings" DESC, t."Code" LIMIT @topThemes) y
        ORDER BY 1, 2
        """;
}

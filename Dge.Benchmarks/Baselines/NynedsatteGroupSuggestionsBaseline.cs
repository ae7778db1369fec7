using System.Data.Common;
using System.Text.Json;

namespace Dge.Benchmarks.Baselines;

/// <summary>
/// <c>NynedsatteGroupSuggestions</c>: the first 20 GPs established since a day whose clinic today (the most recently joined of
/// their employments active today, as the doctors connection filters) is in the municipality, by Danish last name, each with the
/// number of its memberships active on asOf and its first three group suggestions on asOf, ranked as the API ranks them
/// (shared cluster, same municipality, kind fit, cluster members, group id), in one statement: a doctor row followed by its
/// suggestions' rows.
/// </summary>
public sealed class NynedsatteGroupSuggestionsBaseline : Baseline
{
    private const int Doctors = 20;
    private const int Suggestions = 3;

    private const string Sql = $"""
        WITH docs AS MATERIALIZED (SELECT d."Id", d."FirstName", d."LastName", d."EstablishedOn",
                        d."Phase" = 'Trainee' OR (d."EstablishedOn" <= @day AND (d."RetiredOn" IS NULL OR d."RetiredOn" > @day) AND d."EstablishedOn" > @nynedsatAfter) AS "Young"
                 FROM "Doctors" d
                 WHERE d."Phase" = 'Gp' AND d."EstablishedOn" >= @since
                   AND (SELECT c."MunicipalityId" FROM "ClinicEmployments" e JOIN "Clinics" c ON c."Id" = e."ClinicId"
                        WHERE e."DoctorId" = d."Id" AND e."From" <= @today AND (e."To" IS NULL OR e."To" > @today) ORDER BY e."From" DESC, e."Id" LIMIT 1)
                       IN (SELECT "Id" FROM "Municipalities" WHERE "Code" = @code)
                 ORDER BY d."LastName" COLLATE "DANISH", d."Id" LIMIT @doctors),
             mem AS MATERIALIZED ({ViewSql.CurrentMemberships}),
             sizes AS MATERIALIZED (SELECT "GroupId", COUNT(DISTINCT "DoctorId") AS "Members" FROM mem GROUP BY "GroupId"),
             {ViewSql.SuggestionCtes}
        SELECT * FROM (
        SELECT 0 AS "Row", d."LastName", d."Id", CAST(0 AS BIGINT) AS "Rank", d."FirstName", CAST(d."EstablishedOn" AS TEXT),
               (SELECT COUNT(*) FROM "GroupMemberships" m WHERE m."DoctorId" = d."Id" AND m."From" <= @day AND (m."To" IS NULL OR m."To" > @day)),
               CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS INTEGER)
        FROM docs d
        UNION ALL
        SELECT 1, d."LastName", d."Id", r."Rank", c."Name", c."Kind", r."Members", r."CM", r."MM", CASE WHEN r."Fit" THEN 1 ELSE 0 END
        FROM ranked r JOIN docs d ON d."Id" = r."DoctorId" JOIN cand c ON c."Id" = r."GroupId") x
        ORDER BY "LastName" COLLATE "DANISH", "Id", "Row", "Rank"
        """;

    public override string Operation => "NynedsatteGroupSuggestions";

    public override async Task WriteDataAsync(DbConnection connection, JsonElement variables, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        await using var command = ViewSql.Command(connection, Sql, danish: true);
        ViewSql.AddDay(command, ViewSql.AsOf(variables));
        command.Bind("@today", ViewSql.AsOf(default));
        command.Bind("@since", ViewSql.Date(variables, "since"));
        command.Bind("@code", ViewSql.Text(variables, "municipalityCode"));
        command.Bind("@doctors", Doctors);
        command.Bind("@suggestions", Suggestions);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        json.WriteStartObject();
        json.WriteStartObject("doctors");
        json.WriteStartArray("nodes");
        var open = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetInt32(0) == 0)
            {
                if (open)
                {
                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                open = true;
                json.WriteStartObject();
                json.WriteString("firstName", reader.GetString(4));
                json.WriteString("lastName", reader.GetString(1));
                ViewSql.WriteText(json, "establishedOn", reader, 5);
                json.WriteStartObject("groups");
                json.WriteNumber("totalCount", reader.GetInt64(6));
                json.WriteEndObject();
                json.WriteStartArray("groupSuggestions");
            }
            else
            {
                long members = reader.GetInt64(6), clusterMembers = reader.GetInt64(7);
                json.WriteStartObject();
                json.WriteNumber("rank", reader.GetInt64(3));
                ViewSql.WriteReasons(json, clusterMembers > 0, reader.GetInt64(8) > 0, reader.GetInt64(9) != 0);
                json.WriteStartObject("group");
                json.WriteString("name", reader.GetString(4));
                json.WriteString("kind", ViewSql.Kind(reader.GetString(5)));
                json.WriteEndObject();
                json.WriteNumber("members", members);
                json.WriteNumber("freePlaces", Math.Max(0, 12 - members));
                json.WriteNumber("clusterMembers", clusterMembers);
                json.WriteEndObject();
            }
        }

        if (open)
        {
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}

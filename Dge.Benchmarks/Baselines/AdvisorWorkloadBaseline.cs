using System.Data.Common;
using System.Text.Json;

namespace Dge.Benchmarks.Baselines;

/// <summary>
/// <c>AdvisorWorkload</c>: every advisor active on asOf (most active groups first, then by Danish name), with distinct current
/// members and the active groups advised by Danish name, in one statement: an advisor row followed by its groups' rows; the number
/// of advisors over the threshold, written before the rows, rides on every row as a window sum.
/// </summary>
public sealed class AdvisorWorkloadBaseline : Baseline
{
    private const int DefaultThreshold = 12;

    private const string Sql = """
        WITH ag AS (SELECT g."Id", g."AdvisorId", g."Name", g."Kind" FROM "Groups" g
                    WHERE g."AdvisorId" IS NOT NULL AND g."FoundedOn" <= @day AND (g."DissolvedOn" IS NULL OR g."DissolvedOn" > @day)),
             adv AS (SELECT c."Id", c."Name", c."Email", r."Name" AS "Region",
                            (SELECT COUNT(*) FROM ag WHERE ag."AdvisorId" = c."Id") AS "Groups",
                            (SELECT COUNT(DISTINCT m."DoctorId") FROM ag JOIN "GroupMemberships" m ON m."GroupId" = ag."Id"
                             WHERE ag."AdvisorId" = c."Id" AND m."From" <= @day AND (m."To" IS NULL OR m."To" > @day)) AS "Members"
                     FROM "Coordinators" c LEFT JOIN "Regions" r ON r."Id" = c."RegionId"
                     WHERE c."Role" = 'Advisor' AND c."From" <= @day AND (c."To" IS NULL OR c."To" > @day))
        SELECT * FROM (
            SELECT 0 AS "Row", "Id", "Groups", "Name", "Email" AS "Text", "Region", "Members", NULL AS "GroupId",
                   SUM(CASE WHEN "Groups" > @threshold THEN 1 ELSE 0 END) OVER () AS "Over"
            FROM adv
            UNION ALL
            SELECT 1, adv."Id", adv."Groups", adv."Name", ag."Name", ag."Kind", NULL, ag."Id", NULL FROM adv JOIN ag ON ag."AdvisorId" = adv."Id") x
        ORDER BY "Groups" DESC, "Name" COLLATE "DANISH", "Id", "Row", "Text" COLLATE "DANISH", "GroupId" NULLS FIRST
        """;

    public override string Operation => "AdvisorWorkload";

    public override async Task WriteDataAsync(DbConnection connection, JsonElement variables, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var threshold = ViewSql.Int(variables, "threshold") ?? DefaultThreshold;
        await using var command = ViewSql.Command(connection, Sql, danish: true);
        command.Bind("@day", ViewSql.AsOf(variables));
        command.Bind("@threshold", threshold);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        json.WriteStartObject();
        json.WriteStartObject("advisorWorkload");
        json.WriteNumber("threshold", threshold);
        var open = false;
        var any = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetInt32(0) == 0)
            {
                if (!any)
                {
                    any = true;
                    json.WriteNumber("advisorsOverThreshold", reader.GetInt64(8));
                    json.WriteStartArray("nodes");
                }

                if (open)
                {
                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                open = true;
                var groups = reader.GetInt64(2);
                json.WriteStartObject();
                json.WriteStartObject("advisor");
                json.WriteString("name", reader.GetString(3));
                json.WriteString("email", reader.GetString(4));
                if (reader.IsDBNull(5))
                {
                    json.WriteNull("region");
                }
                else
                {
                    json.WriteStartObject("region");
                    json.WriteString("name", reader.GetString(5));
                    json.WriteEndObject();
                }

                json.WriteEndObject();
                json.WriteNumber("activeGroups", groups);
                json.WriteNumber("currentMembers", reader.GetInt64(6));
                json.WriteBoolean("overThreshold", groups > threshold);
                json.WriteStartArray("groups");
            }
            else
            {
                json.WriteStartObject();
                json.WriteString("name", reader.GetString(4));
                json.WriteString("kind", ViewSql.Kind(reader.GetString(5)));
                json.WriteEndObject();
            }
        }

        if (!any)
        {
            json.WriteNumber("advisorsOverThreshold", 0);
            json.WriteStartArray("nodes");
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

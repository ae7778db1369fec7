using System.Data.Common;
using System.Text.Json;
using Dge.Api.Groups;

namespace Dge.Benchmarks.Baselines;

/// <summary>
/// <c>GroupWithMembersAndLastMeetings</c>: the groups of a name (the first 10 by key), each with its KAP unit and advisor, its
/// members today (leader first, then by last name in Danish order; 20 at most, with the total) and its last five meetings in
/// date order (with the total), each with its themes (the first 10 by key) and its number of attendees. One statement of three
/// kinds of row, in the order they are written: a group (with both totals), its members, then its meetings, one row per theme.
/// </summary>
public sealed class GroupWithMembersAndLastMeetingsBaseline : Baseline
{
    private const int GroupRow = 0;
    private const int MemberRow = 1;

    /// <summary>The root connection's default page size (the document gives no <c>first</c>); also the nested themes'.</summary>
    private const int PageSize = 10;

    private const int Members = 20;
    private const int LastMeetings = 5;

    // Roles sort by their names in the API (LEADER, MEMBER, TREASURER), whatever the column stores, as the API's CASE does.
    private static readonly string Sql = $"""
        WITH "Page" AS MATERIALIZED (SELECT "Id" FROM "Groups" WHERE "Name" = @name ORDER BY "Id" LIMIT {PageSize}),
        "Members" AS (
            SELECT gm."GroupId", gm."Role", gm."From", d."FirstName", d."LastName",
                   ROW_NUMBER() OVER (PARTITION BY gm."GroupId"
                       ORDER BY CASE gm."Role" WHEN 'Leader' THEN 0 WHEN 'Member' THEN 1 WHEN 'Treasurer' THEN 2 END, d."LastName" COLLATE "DANISH", gm."Id") AS "N"
            FROM "GroupMemberships" gm JOIN "Doctors" d ON d."Id" = gm."DoctorId"
            WHERE gm."GroupId" IN (SELECT "Id" FROM "Page") AND gm."From" <= @today AND (gm."To" IS NULL OR gm."To" > @today)),
        "Last" AS MATERIALIZED (
            SELECT "Id", "GroupId", "Date", "DurationHours", "N" FROM (
                SELECT m."Id", m."GroupId", m."Date", m."DurationHours",
                       ROW_NUMBER() OVER (PARTITION BY m."GroupId" ORDER BY m."Date" DESC, m."Id" DESC) AS "N"
                FROM "Meetings" m WHERE m."GroupId" IN (SELECT "Id" FROM "Page")) x
            WHERE "N" <= {LastMeetings}),
        "LastThemes" AS (
            SELECT mt."MeetingId", t."Code", t."NameDa", ROW_NUMBER() OVER (PARTITION BY mt."MeetingId" ORDER BY t."Id") AS "N"
            FROM "MeetingThemes" mt JOIN "Themes" t ON t."Id" = mt."ThemeId"
            WHERE mt."MeetingId" IN (SELECT "Id" FROM "Last"))
        SELECT {GroupRow} AS "Row", g."Id" AS "GroupId", 0 AS "N", 0 AS "M", g."Name", g."Kind", CAST(g."FoundedOn" AS TEXT), k."Code", k."Name", a."Name", a."Email",
               (SELECT COUNT(*) FROM "GroupMemberships" gm
                WHERE gm."GroupId" = g."Id" AND gm."From" <= @today AND (gm."To" IS NULL OR gm."To" > @today)),
               (SELECT COUNT(*) FROM "Meetings" m WHERE m."GroupId" = g."Id"), CAST(NULL AS BIGINT), CAST(NULL AS DOUBLE PRECISION)
        FROM "Page" p
        JOIN "Groups" g ON g."Id" = p."Id"
        JOIN "KapUnits" k ON k."Id" = g."KapUnitId"
        LEFT JOIN "Coordinators" a ON a."Id" = g."AdvisorId"
        UNION ALL
        SELECT {MemberRow}, "GroupId", "N", 0, "Role", CAST("From" AS TEXT), "FirstName", "LastName", NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM "Members" WHERE "N" <= {Members}
        UNION ALL
        SELECT 2, l."GroupId", -l."N", t."N", NULL, CAST(l."Date" AS TEXT), NULL, t."Code", t."NameDa", NULL, NULL,
               (SELECT COUNT(*) FROM "MeetingAttendances" ma WHERE ma."MeetingId" = l."Id"), NULL, l."Id", l."DurationHours"
        FROM "Last" l LEFT JOIN "LastThemes" t ON t."MeetingId" = l."Id" AND t."N" <= {PageSize}
        ORDER BY "GroupId", "Row", "N", "M"
        """;

    private enum Section
    {
        None,
        Members,
        Meetings,
    }

    public override string Operation => "GroupWithMembersAndLastMeetings";

    public override async Task WriteDataAsync(DbConnection connection, JsonElement variables, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        BaselineSql.UseDanishCollation(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.Bind("@name", (object?)BaselineSql.String(variables, "name") ?? DBNull.Value);
        command.Bind("@today", BaselineSql.Today());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        json.WriteStartObject();
        json.WriteStartObject("groups"u8);
        json.WriteStartArray("nodes"u8);
        var section = Section.None;
        var meetingTotal = 0L;
        var meeting = 0L;
        var attendees = 0L;
        while (await reader.ReadAsync(cancellationToken))
        {
            switch (reader.GetInt32(0))
            {
                case GroupRow:
                    EndGroup(json, section, meetingTotal, attendees);
                    StartGroup(json, reader);
                    meetingTotal = reader.GetInt64(12);
                    section = Section.Members;
                    break;
                case MemberRow:
                    json.WriteStartObject();
                    json.WriteString("role"u8, BaselineSql.ApiName<MembershipRole>(reader.GetString(4)));
                    json.WriteString("from"u8, reader.GetString(5));
                    json.WriteStartObject("doctor"u8);
                    json.WriteString("firstName"u8, reader.GetString(6));
                    json.WriteString("lastName"u8, reader.GetString(7));
                    json.WriteEndObject();
                    json.WriteEndObject();
                    break;
                default:
                    if (section == Section.Members)
                    {
                        EndMembers(json);
                        StartMeetings(json, meetingTotal);
                        section = Section.Meetings;
                        meeting = 0;
                    }

                    if (reader.GetInt64(13) != meeting)
                    {
                        if (meeting != 0)
                        {
                            EndMeeting(json, attendees);
                        }

                        meeting = reader.GetInt64(13);
                        attendees = reader.GetInt64(11);
                        json.WriteStartObject();
                        json.WriteString("date"u8, reader.GetString(5));
                        json.WriteNumber("durationHours"u8, reader.GetDouble(14));
                        json.WriteStartObject("themes"u8);
                        json.WriteStartArray("nodes"u8);
                    }

                    if (!reader.IsDBNull(7))
                    {
                        json.WriteStartObject();
                        json.WriteString("code"u8, reader.GetString(7));
                        json.WriteString("nameDa"u8, reader.GetString(8));
                        json.WriteEndObject();
                    }

                    break;
            }
        }

        EndGroup(json, section, meetingTotal, attendees);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Writes a group's fields, KAP unit and advisor, and opens its members' nodes after their total.</summary>
    private static void StartGroup(Utf8JsonWriter json, DbDataReader reader)
    {
        json.WriteStartObject();
        BaselineSql.WriteNodeId(json, "id"u8, "DgeGroup:"u8, reader.GetInt64(1));
        json.WriteString("name"u8, reader.GetString(4));
        json.WriteString("kind"u8, BaselineSql.ApiName<GroupKind>(reader.GetString(5)));
        json.WriteString("foundedOn"u8, reader.GetString(6));
        json.WriteStartObject("kapUnit"u8);
        json.WriteString("code"u8, reader.GetString(7));
        json.WriteString("name"u8, reader.GetString(8));
        json.WriteEndObject();
        if (reader.IsDBNull(9))
        {
            json.WriteNull("advisor"u8);
        }
        else
        {
            json.WriteStartObject("advisor"u8);
            json.WriteString("name"u8, reader.GetString(9));
            json.WriteString("email"u8, reader.GetString(10));
            json.WriteEndObject();
        }

        json.WriteStartObject("members"u8);
        json.WriteNumber("totalCount"u8, reader.GetInt64(11));
        json.WriteStartArray("nodes"u8);
    }

    /// <summary>Closes the open group, whichever section it is in; a group without meetings gets its (empty) meetings here.</summary>
    private static void EndGroup(Utf8JsonWriter json, Section section, long meetingTotal, long attendees)
    {
        switch (section)
        {
            case Section.None:
                return;
            case Section.Members:
                EndMembers(json);
                StartMeetings(json, meetingTotal);
                break;
            default:
                EndMeeting(json, attendees);
                break;
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void EndMembers(Utf8JsonWriter json)
    {
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void StartMeetings(Utf8JsonWriter json, long total)
    {
        json.WriteStartObject("meetings"u8);
        json.WriteNumber("totalCount"u8, total);
        json.WriteStartArray("nodes"u8);
    }

    /// <summary>Closes a meeting's themes and writes its attendees' count.</summary>
    private static void EndMeeting(Utf8JsonWriter json, long attendees)
    {
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("attendees"u8);
        json.WriteNumber("totalCount"u8, attendees);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}

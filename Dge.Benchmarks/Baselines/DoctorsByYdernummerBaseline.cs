using System.Data.Common;
using System.Text.Json;
using Dge.Api.Doctors;
using Dge.Api.Groups;

namespace Dge.Benchmarks.Baselines;

/// <summary>
/// <c>DoctorsByYdernummer</c>: the doctors whose clinic today is the one with the ydernummer, by last and first name (Danish
/// order), the first 10 with the total; each with its clinic and municipality and its groups (the first 10 by key) on
/// <c>$asOf</c>. One statement: the page (counted by a window) joined to each doctor's clinic and groups, one row per group.
/// </summary>
public sealed class DoctorsByYdernummerBaseline : Baseline
{
    /// <summary>The root connection's default page size (the document gives no <c>first</c>); also the nested groups'.</summary>
    private const int PageSize = 10;

    // A doctor's clinic on a day is that of their employment active that day with the latest From, then the lowest key.
    // Starting from the clinic's employments that are a doctor's current one keeps the root filter on the index.
    private static readonly string Sql = $"""
        WITH page AS MATERIALIZED (
            SELECT d."Id", d."FirstName", d."LastName", d."Phase", d."EstablishedOn", COUNT(*) OVER () AS "Total",
                   ROW_NUMBER() OVER (ORDER BY d."LastName" COLLATE "DANISH", d."FirstName" COLLATE "DANISH", d."Id") AS "Position"
            FROM "Clinics" c
            JOIN "ClinicEmployments" e ON e."ClinicId" = c."Id"
            JOIN "Doctors" d ON d."Id" = e."DoctorId"
            WHERE c."Ydernummer" = @ydernummer AND e."From" <= @today AND (e."To" IS NULL OR e."To" > @today)
              AND e."Id" = (SELECT x."Id" FROM "ClinicEmployments" x
                            WHERE x."DoctorId" = d."Id" AND x."From" <= @today AND (x."To" IS NULL OR x."To" > @today)
                            ORDER BY x."From" DESC, x."Id" LIMIT 1)
            ORDER BY "Position"
            LIMIT {PageSize})
        SELECT p."Id", p."FirstName", p."LastName", p."Phase", p."EstablishedOn", p."Total",
               c."Ydernummer", c."Name", m."Code", m."Name", g."Id", g."Name", g."Kind"
        FROM page p
        LEFT JOIN "Clinics" c ON c."Id" = (SELECT x."ClinicId" FROM "ClinicEmployments" x
                                           WHERE x."DoctorId" = p."Id" AND x."From" <= @asOf AND (x."To" IS NULL OR x."To" > @asOf)
                                           ORDER BY x."From" DESC, x."Id" LIMIT 1)
        LEFT JOIN "Municipalities" m ON m."Id" = c."MunicipalityId"
        LEFT JOIN (SELECT gm."DoctorId", g."Id", g."Name", g."Kind", ROW_NUMBER() OVER (PARTITION BY gm."DoctorId" ORDER BY g."Id") AS "N"
                   FROM "GroupMemberships" gm JOIN "Groups" g ON g."Id" = gm."GroupId"
                   WHERE gm."DoctorId" IN (SELECT "Id" FROM page) AND gm."From" <= @asOf AND (gm."To" IS NULL OR gm."To" > @asOf)) g
               ON g."DoctorId" = p."Id" AND g."N" <= {PageSize}
        ORDER BY p."Position", g."N"
        """;

    public override string Operation => "DoctorsByYdernummer";

    public override async Task WriteDataAsync(DbConnection connection, JsonElement variables, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var today = BaselineSql.Today();
        BaselineSql.UseDanishCollation(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.Bind("@ydernummer", (object?)BaselineSql.String(variables, "ydernummer") ?? DBNull.Value);
        command.Bind("@today", today);
        command.Bind("@asOf", BaselineSql.Date(variables, "asOf") ?? today);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        json.WriteStartObject();
        json.WriteStartObject("doctors"u8);
        var hasRow = await reader.ReadAsync(cancellationToken);
        json.WriteNumber("totalCount"u8, hasRow ? reader.GetInt32(5) : 0);
        json.WriteStartArray("nodes"u8);
        var doctor = 0L;
        while (hasRow)
        {
            if (reader.GetInt64(0) != doctor)
            {
                if (doctor != 0)
                {
                    EndDoctor(json);
                }

                doctor = reader.GetInt64(0);
                StartDoctor(json, reader, doctor);
            }

            if (!reader.IsDBNull(10))
            {
                json.WriteStartObject();
                BaselineSql.WriteNodeId(json, "id"u8, "DgeGroup:"u8, reader.GetInt64(10));
                json.WriteString("name"u8, reader.GetString(11));
                json.WriteString("kind"u8, BaselineSql.ApiName<GroupKind>(reader.GetString(12)));
                json.WriteEndObject();
            }

            hasRow = await reader.ReadAsync(cancellationToken);
        }

        if (doctor != 0)
        {
            EndDoctor(json);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Writes a doctor's fields and clinic, and opens its groups' nodes.</summary>
    private static void StartDoctor(Utf8JsonWriter json, DbDataReader reader, long doctor)
    {
        json.WriteStartObject();
        BaselineSql.WriteNodeId(json, "id"u8, "Doctor:"u8, doctor);
        json.WriteString("firstName"u8, reader.GetString(1));
        json.WriteString("lastName"u8, reader.GetString(2));
        json.WriteString("phase"u8, BaselineSql.ApiName<DoctorPhase>(reader.GetString(3)));
        BaselineSql.WriteDateOrNull(json, "establishedOn"u8, reader, 4);
        if (reader.IsDBNull(6))
        {
            json.WriteNull("clinic"u8);
        }
        else
        {
            json.WriteStartObject("clinic"u8);
            json.WriteString("ydernummer"u8, reader.GetString(6));
            json.WriteString("name"u8, reader.GetString(7));
            json.WriteStartObject("municipality"u8);
            json.WriteString("code"u8, reader.GetString(8));
            json.WriteString("name"u8, reader.GetString(9));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteStartObject("groups"u8);
        json.WriteStartArray("nodes"u8);
    }

    private static void EndDoctor(Utf8JsonWriter json)
    {
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}

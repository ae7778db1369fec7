using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Dge.Benchmarks.Baselines;

/// <summary>
/// <c>NewGpsInRegionPaged</c>: GPs established on or after <c>$since</c> whose clinic today lies in a municipality of the region
/// today, newest first then by last name (Danish order), 25 a page after the <c>$after</c> cursor, with the total and the API's
/// offset cursors. One statement (the page, counted by a window, which also tells whether a page follows); a second, a count,
/// only for a cursor at or past the last item, where the page has no row to carry the total.
/// </summary>
public sealed class NewGpsInRegionPagedBaseline : Baseline
{
    private const int PageSize = 25;

    /// <summary>The API's bound on a cursor's offset (<c>PageWindow.MaxOffset</c>).</summary>
    private const int MaxOffset = 1_000_000_000;

    // Doctors in the region: a doctor's clinic on a day is that of their employment active that day with the latest From, then
    // the lowest key; a municipality's region that of its period active that day with the latest From, then the lowest key.
    // The region's clinics are listed once, so a doctor outside it costs no clinic lookup; only the page's clinics are read.
    private const string Matching = """
        WITH "RegionClinics" AS (
            SELECT c."Id" FROM "Clinics" c
            WHERE c."MunicipalityId" IN (
                SELECT m."Id" FROM "Municipalities" m
                WHERE (SELECT r."Code" FROM "MunicipalityRegions" mr JOIN "Regions" r ON r."Id" = mr."RegionId"
                       WHERE mr."MunicipalityId" = m."Id" AND mr."From" <= @today AND (mr."To" IS NULL OR mr."To" > @today)
                       ORDER BY mr."From" DESC, mr."Id" LIMIT 1) = @regionCode)),
        "NewGps" AS (
            SELECT "Id", "FirstName", "LastName", "EstablishedOn", "ClinicId" FROM (
                SELECT d."Id", d."FirstName", d."LastName", d."EstablishedOn",
                       (SELECT e."ClinicId" FROM "ClinicEmployments" e
                        WHERE e."DoctorId" = d."Id" AND e."From" <= @today AND (e."To" IS NULL OR e."To" > @today)
                        ORDER BY e."From" DESC, e."Id" LIMIT 1) AS "ClinicId"
                FROM "Doctors" d
                WHERE d."Phase" = 'Gp' AND d."EstablishedOn" >= @since) x
            WHERE "ClinicId" IN (SELECT "Id" FROM "RegionClinics"))
        """;

    private const string Order = """
        ORDER BY d."EstablishedOn" DESC, d."LastName" COLLATE "DANISH", d."Id"
        """;

    private static readonly string PageSql = $"""
        {Matching},
        "Page" AS (
            SELECT d.*, COUNT(*) OVER () AS "Total" FROM "NewGps" d
            {Order}
            LIMIT {PageSize} OFFSET @skip)
        SELECT d."FirstName", d."LastName", d."EstablishedOn", c."Name", m."Name", d."Total"
        FROM "Page" d
        JOIN "Clinics" c ON c."Id" = d."ClinicId"
        JOIN "Municipalities" m ON m."Id" = c."MunicipalityId"
        {Order}
        """;

    private const string CountSql = $"""
        {Matching}
        SELECT COUNT(*) FROM "NewGps"
        """;

    /// <summary>
    /// What the API's cursors of this field and order start with: <c>Query.doctors:</c>, then the first 8 bytes (hex) of the
    /// SHA-256 of the order as the API serializes the parsed argument (directions are its <c>SortDirection</c> numbers).
    /// </summary>
    private static readonly string CursorPrefix =
        "Query.doctors:" + Convert.ToHexStringLower(SHA256.HashData("""[{"establishedOn":1},{"lastName":0}]"""u8)[..8]) + ":";

    private static readonly byte[] CursorPrefixUtf8 = Encoding.UTF8.GetBytes(CursorPrefix);

    public override string Operation => "NewGpsInRegionPaged";

    public override async Task WriteDataAsync(DbConnection connection, JsonElement variables, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var skip = 0;
        if (BaselineSql.String(variables, "after") is { } after)
        {
            if (Offset(after) is not { } offset)
            {
                // The API refuses the cursor with an error on the non-null field, so its data is null.
                json.WriteNullValue();
                return;
            }

            skip = offset + 1;
        }

        BaselineSql.UseDanishCollation(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = PageSql;
        command.Bind("@regionCode", (object?)BaselineSql.String(variables, "regionCode") ?? DBNull.Value);
        command.Bind("@since", BaselineSql.Date(variables, "since") ?? throw new ArgumentException("$since is required.", nameof(variables)));
        command.Bind("@today", BaselineSql.Today());
        command.Bind("@skip", skip);

        json.WriteStartObject();
        json.WriteStartObject("doctors"u8);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                await reader.CloseAsync();
                var total = skip == 0 ? 0 : await CountAsync(command, cancellationToken);
                json.WriteNumber("totalCount"u8, total);
                json.WriteStartObject("pageInfo"u8);
                json.WriteBoolean("hasNextPage"u8, false);
                json.WriteNull("endCursor"u8);
                json.WriteEndObject();
                json.WriteStartArray("edges"u8);
                json.WriteEndArray();
            }
            else
            {
                await WritePageAsync(reader, skip, json, cancellationToken);
            }
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// Writes a page that has at least one row (the reader is on it): the total, the page info and the edges. The total tells
    /// whether items follow the page, so the page info is written before the rows are read.
    /// </summary>
    private static async Task WritePageAsync(DbDataReader reader, int skip, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var total = reader.GetInt32(5);
        var count = Math.Min(PageSize, total - skip);
        json.WriteNumber("totalCount"u8, total);
        json.WriteStartObject("pageInfo"u8);
        json.WriteBoolean("hasNextPage"u8, total > skip + PageSize);
        json.WritePropertyName("endCursor"u8);
        BaselineSql.WriteBase64Value(json, CursorPrefixUtf8, skip + count - 1);
        json.WriteEndObject();
        json.WriteStartArray("edges"u8);
        var offset = skip;
        do
        {
            json.WriteStartObject();
            json.WritePropertyName("cursor"u8);
            BaselineSql.WriteBase64Value(json, CursorPrefixUtf8, offset++);
            json.WriteStartObject("node"u8);
            json.WriteString("firstName"u8, reader.GetString(0));
            json.WriteString("lastName"u8, reader.GetString(1));
            BaselineSql.WriteDate(json, "establishedOn"u8, reader, 2);
            json.WriteStartObject("clinic"u8);
            json.WriteString("name"u8, reader.GetString(3));
            json.WriteStartObject("municipality"u8);
            json.WriteString("name"u8, reader.GetString(4));
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        while (await reader.ReadAsync(cancellationToken));

        json.WriteEndArray();
    }

    /// <summary>The total when the page is empty because the cursor points at or past the last item.</summary>
    private static async Task<int> CountAsync(DbCommand command, CancellationToken cancellationToken)
    {
        command.CommandText = CountSql;
        command.Parameters.RemoveAt("@skip");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>The offset a cursor points at, checked as the API's <c>PageWindow</c> checks it; null for a cursor it refuses.</summary>
    private static int? Offset(string cursor)
    {
        Span<byte> bytes = cursor.Length <= 256 ? stackalloc byte[256] : new byte[cursor.Length];
        if (!Convert.TryFromBase64String(cursor, bytes, out var length))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes[..length]);
        return text.StartsWith(CursorPrefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(CursorPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            && offset <= MaxOffset
            ? offset
            : null;
    }
}

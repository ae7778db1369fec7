using System.Globalization;
using System.Text;
using System.Text.Json;
using Dge.Api.Data.Collation;
using Microsoft.Data.Sqlite;

namespace Dge.Benchmarks.Baselines;

/// <summary>
/// What the view baselines share: the API's rules for the reference day, the SQL fragments of active doctors and current
/// memberships (the same definitions as <c>Dge.Api/Views/ViewSources</c>), and the way ids, dates and ratios are written.
/// Dates are ISO text in the database, so they are compared and bound as text.
/// </summary>
internal static class ViewSql
{
    /// <summary>Current members on @day: memberships active on @day in groups active on @day (one row per membership).</summary>
    public const string CurrentMemberships = """
        SELECT m."GroupId", m."DoctorId" FROM "GroupMemberships" m JOIN "Groups" g ON g."Id" = m."GroupId"
        WHERE m."From" <= @day AND (m."To" IS NULL OR m."To" > @day) AND g."FoundedOn" <= @day AND (g."DissolvedOn" IS NULL OR g."DissolvedOn" > @day)
        """;

    /// <summary>
    /// Active doctors on @day, one row per active employment: practising on @day by their dated career, employed on @day; with the clinic,
    /// its municipality, nynedsat (established in (@nynedsatAfter, @day]) and covered (a row of <c>mem</c>, which the statement defines).
    /// </summary>
    public const string ActiveEmployments = """
        SELECT e."DoctorId", e."ClinicId", c."MunicipalityId",
               (d."EstablishedOn" > @nynedsatAfter AND d."EstablishedOn" <= @day) AS "IsNew",
               e."DoctorId" IN (SELECT "DoctorId" FROM mem) AS "IsCovered"
        FROM "ClinicEmployments" e JOIN "Doctors" d ON d."Id" = e."DoctorId" JOIN "Clinics" c ON c."Id" = e."ClinicId"
        WHERE e."From" <= @day AND (e."To" IS NULL OR e."To" > @day) AND d."EstablishedOn" <= @day AND (d."RetiredOn" IS NULL OR d."RetiredOn" > @day)
        """;

    /// <summary>The <c>asOf</c> variable, or the API's default: today in the host's time zone.</summary>
    public static DateOnly AsOf(JsonElement variables, string name = "asOf") =>
        Date(variables, name) ?? DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);

    public static DateOnly? Date(JsonElement variables, string name) =>
        variables.ValueKind == JsonValueKind.Object && variables.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;

    public static string? Text(JsonElement variables, string name) =>
        variables.ValueKind == JsonValueKind.Object && variables.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static int? Int(JsonElement variables, string name) =>
        variables.ValueKind == JsonValueKind.Object && variables.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Binds @day and @nynedsatAfter (the exclusive lower bound of the 24-month nynedsat window).</summary>
    public static void AddDay(SqliteCommand command, DateOnly day)
    {
        command.Parameters.AddWithValue("@day", Iso(day));
        command.Parameters.AddWithValue("@nynedsatAfter", Iso(day.AddMonths(-24)));
    }

    /// <summary>A command on the connection, the DANISH collation registered on it (SQLite keeps collations per connection).</summary>
    public static SqliteCommand Command(SqliteConnection connection, string sql, bool danish = false)
    {
        if (danish)
        {
            connection.CreateCollation(DanishCollation.Name, DanishCollation.Compare);
        }

        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>A Relay node id: base64 of "TypeName:id".</summary>
    public static void WriteId(Utf8JsonWriter json, string property, string typeName, long id)
    {
        Span<byte> text = stackalloc byte[64];
        var length = Encoding.UTF8.GetBytes(typeName, text);
        text[length++] = (byte)':';
        id.TryFormat(text[length..], out var digits, default, CultureInfo.InvariantCulture);
        length += digits;
        Span<byte> encoded = stackalloc byte[100];
        System.Buffers.Text.Base64.EncodeToUtf8(text[..length], encoded, out _, out var written);
        json.WriteString(property, encoded[..written]);
    }

    /// <summary>part / whole as the API writes it: null when whole is 0.</summary>
    public static void WriteRatio(Utf8JsonWriter json, string property, long part, long whole)
    {
        if (whole == 0)
        {
            json.WriteNull(property);
        }
        else
        {
            json.WriteNumber(property, (double)part / whole);
        }
    }

    /// <summary>A group kind as GraphQL names it: the stored enum name (NewGp) in upper snake case (NEW_GP).</summary>
    public static string Kind(string stored) => stored switch
    {
        "Dge" => "DGE",
        "Topic" => "TOPIC",
        "Supervision" => "SUPERVISION",
        "Junior" => "JUNIOR",
        "NewGp" => "NEW_GP",
        "Kge" => "KGE",
        _ => throw new InvalidOperationException($"Unknown group kind {stored}."),
    };

    /// <summary>A group suggestion's reasons, in the API's order.</summary>
    public static void WriteReasons(Utf8JsonWriter json, bool sharedCluster, bool sameMunicipality, bool kindFit)
    {
        json.WriteStartArray("reasons");
        if (sharedCluster)
        {
            json.WriteStringValue("SHARED_CLUSTER");
        }

        if (sameMunicipality)
        {
            json.WriteStringValue("SAME_MUNICIPALITY");
        }

        if (kindFit)
        {
            json.WriteStringValue("KIND_FIT");
        }

        json.WriteEndArray();
    }

    /// <summary>A nullable text column by ordinal.</summary>
    public static void WriteText(Utf8JsonWriter json, string property, SqliteDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            json.WriteNull(property);
        }
        else
        {
            json.WriteString(property, reader.GetString(ordinal));
        }
    }
}

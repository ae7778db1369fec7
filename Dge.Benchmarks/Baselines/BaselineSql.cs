using System.Data.Common;
using System.Buffers.Text;
using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Dge.Api.Data.Collation;
using Dge.Api.GraphQL.Scalars;
using Microsoft.Data.Sqlite;

namespace Dge.Benchmarks.Baselines;

/// <summary>
/// What the baselines share: the connection set up as the API's (the Danish collation), the API's "today", its variables read
/// the way it reads them, and its values written the way it writes them (node ids, dates, enum names).
/// </summary>
public static class BaselineSql
{
    /// <summary>Room for the longest text a node id or cursor encodes: a prefix of up to 44 bytes and a number.</summary>
    private const int MaxBase64Source = 64;

    /// <summary>
    /// Registers the <see cref="DanishCollation"/> on the connection, as the API's interceptor does on every open, so that
    /// <c>COLLATE "DANISH"</c> sorts names exactly as the API does.
    /// </summary>
    public static void UseDanishCollation(DbConnection connection)
    {
        // PostgreSQL has the collation in the schema (an ICU collation made by the migrations).
        if (connection is SqliteConnection sqlite)
        {
            sqlite.CreateCollation(DanishCollation.Name, DanishCollation.Compare);
        }
    }

    /// <summary>True on PostgreSQL, where a few statements are written in its dialect.</summary>
    public static bool IsPostgres(DbConnection connection) => connection is Npgsql.NpgsqlConnection;

    /// <summary>
    /// Binds <paramref name="name"/> (<c>@name</c> in the statement, which both providers read) to <paramref name="value"/>,
    /// null as SQL NULL, of type <paramref name="nullType"/> when given: PostgreSQL infers a parameter's type from the statement
    /// (<c>"Id" = @x</c>), but not where it is only asked <c>@x IS NULL</c>. Days are bound as <see cref="DateOnly"/>: ISO text on
    /// SQLite, <c>date</c> on PostgreSQL.
    /// </summary>
    public static void Bind(this DbCommand command, string name, object? value, System.Data.DbType? nullType = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        if (value is null or DBNull && nullType is { } type)
        {
            parameter.DbType = type;
        }

        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>
    /// The mutation baselines' writers, one at a time in arrival order, as the API's <c>WriterQueue</c> has its write
    /// transactions wait their turn instead of polling for SQLite's write lock.
    /// </summary>
    public static SemaphoreSlim Writers { get; } = new(1, 1);

    /// <summary>Today in the host's time zone, as the API's default of every <c>asOf</c> (<c>ResolveContextExtensions.Today</c>).</summary>
    public static DateOnly Today() => DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);

    /// <summary>A day as the database stores it and the API writes it: <c>yyyy-MM-dd</c>.</summary>
    public static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A string variable; null when the request leaves it out or passes null.</summary>
    public static string? String(JsonElement variables, string name) =>
        variables.ValueKind == JsonValueKind.Object && variables.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A <c>Date</c> variable, parsed as the API's scalar does (exactly <c>yyyy-MM-dd</c>); null when left out or null.</summary>
    public static DateOnly? Date(JsonElement variables, string name) =>
        String(variables, name) is { } text
            ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None)
            : null;

    /// <summary>
    /// Writes a node id, base64 of <c>Type:key</c> as the API's <c>NodeId.Encode</c> makes it, straight into the writer.
    /// <paramref name="typePrefix"/> is the type name with its colon, e.g. <c>"Doctor:"u8</c>.
    /// </summary>
    public static void WriteNodeId(Utf8JsonWriter json, ReadOnlySpan<byte> propertyName, ReadOnlySpan<byte> typePrefix, long key)
    {
        json.WritePropertyName(propertyName);
        WriteBase64Value(json, typePrefix, key);
    }

    /// <summary>
    /// Writes base64 of <paramref name="prefix"/> followed by <paramref name="number"/> in invariant digits: the shape of the
    /// API's node ids (<c>Type:key</c>) and offset cursors (<c>connection:order fingerprint:offset</c>).
    /// </summary>
    public static void WriteBase64Value(Utf8JsonWriter json, ReadOnlySpan<byte> prefix, long number)
    {
        Span<byte> text = stackalloc byte[MaxBase64Source];
        prefix.CopyTo(text);
        Utf8Formatter.TryFormat(number, text[prefix.Length..], out var digits);
        Span<byte> encoded = stackalloc byte[Base64.GetMaxEncodedToUtf8Length(MaxBase64Source)];
        Base64.EncodeToUtf8(text[..(prefix.Length + digits)], encoded, out _, out var written);
        json.WriteStringValue(encoded[..written]);
    }

    /// <summary>A date column (ISO text) or null, as the API writes a nullable <c>Date</c>.</summary>
    public static void WriteDateOrNull(Utf8JsonWriter json, ReadOnlySpan<byte> propertyName, DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            json.WriteNull(propertyName);
        }
        else
        {
            WriteDate(json, propertyName, reader, ordinal);
        }
    }

    /// <summary>A date column as the API writes it (<c>yyyy-MM-dd</c>): SQLite's ISO text as it is, PostgreSQL's <c>date</c> formatted.</summary>
    public static void WriteDate(Utf8JsonWriter json, ReadOnlySpan<byte> propertyName, DbDataReader reader, int ordinal)
    {
        if (reader is SqliteDataReader)
        {
            json.WriteString(propertyName, reader.GetString(ordinal));
            return;
        }

        Span<byte> text = stackalloc byte[10];
        reader.GetFieldValue<DateOnly>(ordinal).TryFormat(text, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        json.WriteString(propertyName, text[..written]);
    }

    /// <summary>
    /// The API's name of an enum value stored as its CLR name (EF's string conversion), e.g. <c>NewGp</c> → <c>NEW_GP</c>: read
    /// from the API's own enum graph type, so the names are the schema's.
    /// </summary>
    public static JsonEncodedText ApiName<TEnum>(string stored)
        where TEnum : struct, Enum => EnumNames<TEnum>.ByStoredName[stored];

    /// <summary>The stored name (the CLR name) of an enum value the API takes by its schema name; null for a name it does not know.</summary>
    public static string? StoredName<TEnum>(string apiName)
        where TEnum : struct, Enum => EnumNames<TEnum>.ByApiName.GetValueOrDefault(apiName);

    private static class EnumNames<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<string, JsonEncodedText> ByStoredName = ScalarTypes.Enum(typeof(TEnum)).Values
            .ToFrozenDictionary(value => value.Value!.ToString()!, value => JsonEncodedText.Encode(value.Name), StringComparer.Ordinal);

        public static readonly FrozenDictionary<string, string> ByApiName = ScalarTypes.Enum(typeof(TEnum)).Values
            .ToFrozenDictionary(value => value.Name, value => value.Value!.ToString()!, StringComparer.Ordinal);
    }
}

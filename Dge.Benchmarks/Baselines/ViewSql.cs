using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dge.Benchmarks.Baselines;

/// <summary>
/// What the view baselines share: the API's rules for the reference day, the SQL fragments of active doctors and current
/// memberships (the same definitions as <c>Dge.Api/Views/ViewSources</c>), and the way ids, dates and ratios are written.
/// The statements are read by both providers: days are bound as <see cref="DateOnly"/> (ISO text on SQLite, <c>date</c> on
/// PostgreSQL), flags are computed as 1 or 0, and every subquery in FROM has an alias.
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
    /// its municipality, nynedsat (established in (@nynedsatAfter, @day]) and covered (a row of <c>mem</c>, which the statement defines),
    /// the last two as 1 or 0 so that both providers sum them.
    /// </summary>
    public const string ActiveEmployments = """
        SELECT e."DoctorId", e."ClinicId", c."MunicipalityId",
               CASE WHEN d."EstablishedOn" > @nynedsatAfter AND d."EstablishedOn" <= @day THEN 1 ELSE 0 END AS "IsNew",
               CASE WHEN e."DoctorId" IN (SELECT "DoctorId" FROM mem) THEN 1 ELSE 0 END AS "IsCovered"
        FROM "ClinicEmployments" e JOIN "Doctors" d ON d."Id" = e."DoctorId" JOIN "Clinics" c ON c."Id" = e."ClinicId"
        WHERE e."From" <= @day AND (e."To" IS NULL OR e."To" > @day) AND d."EstablishedOn" <= @day AND (d."RetiredOn" IS NULL OR d."RetiredOn" > @day)
        """;

    /// <summary>
    /// Group suggestions (the API's GroupSuggestionQuery) for the doctors of <c>docs("Id", "Young")</c>, as <c>ranked</c>: the first
    /// @suggestions open groups per doctor (active, not KGE, fewer than 12 current members, of a KAP unit serving one of the doctor's
    /// municipalities, not one of the doctor's groups), ranked by shared cluster, same municipality, kind fit, cluster members, group id.
    /// The statement defines <c>mem</c> (materialized) and <c>sizes</c> (distinct current members per group). The per-pair counts are
    /// joined, not correlated, so the plan stays linear in doctors × candidate groups.
    /// </summary>
    public const string SuggestionCtes = """
        pe AS (SELECT e."DoctorId", c."MunicipalityId",
                      (SELECT cm."ClusterId" FROM "ClusterClinicMemberships" cm WHERE cm."ClinicId" = e."ClinicId" AND cm."From" <= @day AND (cm."To" IS NULL OR cm."To" > @day)
                       ORDER BY cm."From" DESC, cm."Id" LIMIT 1) AS "ClusterId"
               FROM "ClinicEmployments" e JOIN "Clinics" c ON c."Id" = e."ClinicId" WHERE e."From" <= @day AND (e."To" IS NULL OR e."To" > @day)),
        places AS MATERIALIZED (SELECT DISTINCT pe."DoctorId", pe."MunicipalityId", pe."ClusterId", k."Id" AS "KapUnitId" FROM pe
               JOIN "MunicipalityRegions" p ON p."MunicipalityId" = pe."MunicipalityId" JOIN "KapUnits" k ON k."RegionId" = p."RegionId"
               WHERE pe."DoctorId" IN (SELECT "Id" FROM docs)),
        cand AS MATERIALIZED (SELECT g."Id", g."Name", g."Kind", g."KapUnitId", COALESCE(s."Members", 0) AS "Members" FROM "Groups" g LEFT JOIN sizes s ON s."GroupId" = g."Id"
               WHERE g."FoundedOn" <= @day AND (g."DissolvedOn" IS NULL OR g."DissolvedOn" > @day) AND g."Kind" <> 'Kge' AND COALESCE(s."Members", 0) < 12
                 AND g."KapUnitId" IN (SELECT "KapUnitId" FROM places)),
        mp AS MATERIALIZED (SELECT DISTINCT mem."GroupId", mem."DoctorId", pe."MunicipalityId", pe."ClusterId" FROM mem JOIN pe ON pe."DoctorId" = mem."DoctorId"
               WHERE mem."GroupId" IN (SELECT "Id" FROM cand)),
        dk AS MATERIALIZED (SELECT DISTINCT "DoctorId", "KapUnitId" FROM places),
        ex AS MATERIALIZED (SELECT DISTINCT "DoctorId", "GroupId" FROM mem WHERE "DoctorId" IN (SELECT "Id" FROM docs)),
        cmc AS MATERIALIZED (SELECT pl."DoctorId", mp."GroupId", COUNT(DISTINCT mp."DoctorId") AS "CM"
               FROM (SELECT DISTINCT "DoctorId", "ClusterId" FROM places) pl JOIN mp ON mp."ClusterId" = pl."ClusterId" GROUP BY pl."DoctorId", mp."GroupId"),
        mmc AS MATERIALIZED (SELECT pl."DoctorId", mp."GroupId", COUNT(DISTINCT mp."DoctorId") AS "MM"
               FROM (SELECT DISTINCT "DoctorId", "MunicipalityId" FROM places) pl JOIN mp ON mp."MunicipalityId" = pl."MunicipalityId" GROUP BY pl."DoctorId", mp."GroupId"),
        pairs AS (SELECT docs."Id" AS "DoctorId", c."Id" AS "GroupId", c."Members", COALESCE(cmc."CM", 0) AS "CM", COALESCE(mmc."MM", 0) AS "MM",
               CASE WHEN docs."Young" THEN c."Kind" IN ('NewGp', 'Junior') ELSE c."Kind" IN ('Dge', 'Topic', 'Supervision') END AS "Fit"
               FROM docs JOIN dk ON dk."DoctorId" = docs."Id" JOIN cand c ON c."KapUnitId" = dk."KapUnitId"
               LEFT JOIN ex ON ex."DoctorId" = docs."Id" AND ex."GroupId" = c."Id"
               LEFT JOIN cmc ON cmc."DoctorId" = docs."Id" AND cmc."GroupId" = c."Id"
               LEFT JOIN mmc ON mmc."DoctorId" = docs."Id" AND mmc."GroupId" = c."Id"
               WHERE ex."GroupId" IS NULL),
        ranked AS MATERIALIZED (SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY "DoctorId" ORDER BY "CM" > 0 DESC, "MM" > 0 DESC, "Fit" DESC, "CM" DESC, "GroupId") AS "Rank"
               FROM pairs) p WHERE "Rank" <= @suggestions)
        """;

    /// <summary>The <c>asOf</c> variable, or the API's default: today in the host's time zone.</summary>
    public static DateOnly AsOf(JsonElement variables, string name = "asOf") => Date(variables, name) ?? BaselineSql.Today();

    public static DateOnly? Date(JsonElement variables, string name) => BaselineSql.Date(variables, name);

    public static string? Text(JsonElement variables, string name) => BaselineSql.String(variables, name);

    public static int? Int(JsonElement variables, string name) =>
        variables.ValueKind == JsonValueKind.Object && variables.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    public static string Iso(DateOnly day) => BaselineSql.Text(day);

    /// <summary>Binds @day and @nynedsatAfter (the exclusive lower bound of the 24-month nynedsat window).</summary>
    public static void AddDay(DbCommand command, DateOnly day)
    {
        command.Bind("@day", day);
        command.Bind("@nynedsatAfter", day.AddMonths(-24));
    }

    /// <summary>A command on the connection, the DANISH collation registered on it (SQLite keeps collations per connection).</summary>
    public static DbCommand Command(DbConnection connection, string sql, bool danish = false)
    {
        if (danish)
        {
            BaselineSql.UseDanishCollation(connection);
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

    /// <summary>A coverage's figures as the API writes them: the counts, and each ratio null when its whole is 0.</summary>
    public static void WriteCoverageFigures(Utf8JsonWriter json, long active, long covered, long nynedsat, long nynedsatCovered)
    {
        json.WriteNumber("activeDoctors", active);
        json.WriteNumber("coveredDoctors", covered);
        WriteRatio(json, "coverage", covered, active);
        json.WriteNumber("nynedsatActive", nynedsat);
        json.WriteNumber("nynedsatCovered", nynedsatCovered);
        WriteRatio(json, "nynedsatCoverage", nynedsatCovered, nynedsat);
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
    public static void WriteText(Utf8JsonWriter json, string property, DbDataReader reader, int ordinal)
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

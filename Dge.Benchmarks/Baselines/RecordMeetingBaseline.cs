using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dge.Api.GraphQL.Mutations;
using Dge.Api.GraphQL.Relay;
using Dge.Api.Meetings;

namespace Dge.Benchmarks.Baselines;

/// <summary>
/// <c>RecordMeeting</c>: records a group's meeting as the API's <c>recordMeeting</c> does, with the same rules in the same order
/// (the group, the day and the group active on it, the duration, each theme, each material, each attendee, the attendees
/// members of the group on the day), the same warnings (a material retired by the day), the same writes in one transaction
/// (the meeting, its theme, material and attendance rows, and an audit entry for each of them, as the audit records every
/// entity it saves) and the same payload. Three statements: the reads the rules and the payload need (once the write lock
/// is held, as the API reads them), the rows, the audit entries with the commit.
/// </summary>
/// <remarks>
/// A load run may send the example again and again: the API refuses no second meeting of a group on a day (the index on
/// group and day is not unique), and a meeting's own links are unique only within it, so the default variables repeat.
/// </remarks>
public sealed class RecordMeetingBaseline : Baseline
{
    // The pages the example's payload asks for.
    private const int ThemesPage = 5;
    private const int MaterialsPage = 5;
    private const int AttendeesPage = 12;

    // The kinds of row the read and the writes answer with.
    private const int GroupRow = 0;
    private const int ThemeRow = 1;
    private const int MaterialRow = 2;
    private const int AttendeeRow = 3;
    private const int MeetingRow = 4;

    // A doctor's row says whether they are a member of the group on the day (the API's roster rule: from ≤ day < to).
    private static readonly string ReadSql = MutationBaseline.SqliteBegin + $"""
        SELECT {GroupRow}, g."Id", g."Name", NULL, g."FoundedOn", g."DissolvedOn", NULL FROM "Groups" g WHERE g."Id" = @group
        UNION ALL
        SELECT {ThemeRow}, t."Id", t."Code", t."NameDa", NULL, NULL, NULL FROM "Themes" t WHERE t."Id" IN (SELECT value FROM json_each(@themes))
        UNION ALL
        SELECT {MaterialRow}, m."Id", m."Title", NULL, m."RetiredOn", NULL, NULL FROM "LearningMaterials" m WHERE m."Id" IN (SELECT value FROM json_each(@materials))
        UNION ALL
        SELECT {AttendeeRow}, d."Id", d."FirstName", d."LastName", NULL, NULL,
               EXISTS (SELECT 1 FROM "GroupMemberships" gm
                       WHERE gm."GroupId" = @group AND gm."DoctorId" = d."Id" AND gm."From" <= @date AND (gm."To" IS NULL OR gm."To" > @date))
        FROM "Doctors" d WHERE d."Id" IN (SELECT value FROM json_each(@attendees))
        """;

    private static readonly string PostgresReadSql = $"""
        SELECT {GroupRow}, g."Id", g."Name", CAST(NULL AS TEXT), g."FoundedOn", g."DissolvedOn", CAST(NULL AS BOOLEAN) FROM "Groups" g WHERE g."Id" = @group
        UNION ALL
        SELECT {ThemeRow}, t."Id", t."Code", t."NameDa", CAST(NULL AS DATE), CAST(NULL AS DATE), CAST(NULL AS BOOLEAN) FROM "Themes" t WHERE t."Id" = ANY(@themes)
        UNION ALL
        SELECT {MaterialRow}, m."Id", m."Title", CAST(NULL AS TEXT), m."RetiredOn", CAST(NULL AS DATE), CAST(NULL AS BOOLEAN) FROM "LearningMaterials" m WHERE m."Id" = ANY(@materials)
        UNION ALL
        SELECT {AttendeeRow}, d."Id", d."FirstName", d."LastName", CAST(NULL AS DATE), CAST(NULL AS DATE),
               EXISTS (SELECT 1 FROM "GroupMemberships" gm
                       WHERE gm."GroupId" = @group AND gm."DoctorId" = d."Id" AND gm."From" <= @date AND (gm."To" IS NULL OR gm."To" > @date))
        FROM "Doctors" d WHERE d."Id" = ANY(@attendees)
        """;

    // The meeting, then its links in the order given, as the API saves them. Each row comes back with its kind, its key and the
    // key it links to (RETURNING's order is not promised). The links find the meeting as the newest: the write lock is held and
    // the key only grows (AUTOINCREMENT).
    private static readonly string InsertSql = $"""
        INSERT INTO "Meetings" ("GroupId", "Date", "DurationHours", "Version") VALUES (@group, @date, @hours, 0) RETURNING {MeetingRow}, "Id", 0;
        INSERT INTO "MeetingThemes" ("MeetingId", "ThemeId", "Version")
        SELECT (SELECT max("Id") FROM "Meetings"), value, 0 FROM json_each(@themes) ORDER BY key RETURNING {ThemeRow}, "Id", "ThemeId";
        INSERT INTO "MeetingMaterials" ("MeetingId", "MaterialId", "Version")
        SELECT (SELECT max("Id") FROM "Meetings"), value, 0 FROM json_each(@materials) ORDER BY key RETURNING {MaterialRow}, "Id", "MaterialId";
        INSERT INTO "MeetingAttendances" ("MeetingId", "DoctorId", "Version")
        SELECT (SELECT max("Id") FROM "Meetings"), value, 0 FROM json_each(@attendees) ORDER BY key RETURNING {AttendeeRow}, "Id", "DoctorId";
        """;

    // On PostgreSQL the links find the meeting by its identity's current value in this session.
    private static readonly string PostgresInsertSql = $"""
        INSERT INTO "Meetings" ("GroupId", "Date", "DurationHours", "Version") VALUES (@group, @date, @hours, 0) RETURNING {MeetingRow}, "Id", 0;
        INSERT INTO "MeetingThemes" ("MeetingId", "ThemeId", "Version")
        SELECT currval(pg_get_serial_sequence('"Meetings"', 'Id')), l.id, 0 FROM unnest(@themes) WITH ORDINALITY AS l(id, n) ORDER BY l.n
        RETURNING {ThemeRow}, "Id", "ThemeId";
        INSERT INTO "MeetingMaterials" ("MeetingId", "MaterialId", "Version")
        SELECT currval(pg_get_serial_sequence('"Meetings"', 'Id')), l.id, 0 FROM unnest(@materials) WITH ORDINALITY AS l(id, n) ORDER BY l.n
        RETURNING {MaterialRow}, "Id", "MaterialId";
        INSERT INTO "MeetingAttendances" ("MeetingId", "DoctorId", "Version")
        SELECT currval(pg_get_serial_sequence('"Meetings"', 'Id')), l.id, 0 FROM unnest(@attendees) WITH ORDINALITY AS l(id, n) ORDER BY l.n
        RETURNING {AttendeeRow}, "Id", "DoctorId";
        """;

    private const string InsertAuditSql = """
        INSERT INTO "AuditEntries" ("At", "ActorKind", "ActorId", "ActorName", "Operation", "EntityType", "EntityKey", "EntityId", "Before", "After", "Version")
        VALUES
        """;

    private static readonly JsonWriterOptions AuditJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override string Operation => "RecordMeeting";

    /// <summary>A group that does not exist, a duration out of range, a theme that does not exist, a doctor who is not a member.</summary>
    public override IEnumerable<string> RefusedVariables(string repeatableVariables) =>
    [
        WithInput(repeatableVariables, "groupId", NodeId.Encode("DgeGroup", 999_999)),
        WithInput(repeatableVariables, "durationHours", 13),
        WithInput(repeatableVariables, "themeIds", new System.Text.Json.Nodes.JsonArray(NodeId.Encode("Theme", 1), NodeId.Encode("Theme", 999_999))),
        WithInput(repeatableVariables, "attendeeIds", new System.Text.Json.Nodes.JsonArray(NodeId.Encode("Doctor", 4), NodeId.Encode("Doctor", 1))),
    ];

    /// <summary>
    /// The example's attendees are members of its group on its day in the national data. The seed at 10× and 100× gives that
    /// group id other members, and both sides refuse the example alike there; so the copy makes each attendee who is not a
    /// member on the day one from the group's founding (nothing at 1×). Both sides then record the example's meeting, with the
    /// same pages, at every scale.
    /// </summary>
    public override async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        using var example = JsonDocument.Parse(Operations.Named(Operation).VariablesJson);
        var input = example.RootElement.GetProperty("input");
        var group = NodeId.KeyOf(input.GetProperty("groupId").GetString()!, "DgeGroup") ?? throw new InvalidOperationException("The example's group id is malformed.");
        var date = BaselineSql.Date(input, "date") ?? throw new InvalidOperationException("The example has no date.");
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO "GroupMemberships" ("GroupId", "DoctorId", "Role", "From", "To", "Version")
            SELECT g."Id", d."Id", 'Member', g."FoundedOn", NULL, 1
            FROM "Groups" g, "Doctors" d
            WHERE g."Id" = @group AND d."Id" = @doctor
              AND NOT EXISTS (SELECT 1 FROM "GroupMemberships" m
                              WHERE m."GroupId" = g."Id" AND m."DoctorId" = d."Id" AND m."From" <= @date AND (m."To" IS NULL OR m."To" > @date))
            """;
        foreach (var attendee in Ids(input, "attendeeIds", "Doctor"))
        {
            command.Parameters.Clear();
            command.Bind("@group", group);
            command.Bind("@doctor", attendee.Key ?? throw new InvalidOperationException($"The example's attendee id '{attendee.Id}' is malformed."));
            command.Bind("@date", date);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public override async Task WriteDataAsync(DbConnection connection, JsonElement variables, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var input = variables.GetProperty("input");
        var groupId = input.GetProperty("groupId").GetString()!;
        var date = BaselineSql.Date(input, "date") ?? throw new ArgumentException("date is required.", nameof(variables));
        var hours = input.GetProperty("durationHours").GetDouble();
        var themes = Ids(input, "themeIds", "Theme");
        var materials = Ids(input, "materialIds", "LearningMaterial");
        var attendees = Ids(input, "attendeeIds", "Doctor");
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;

        json.WriteStartObject();
        json.WriteStartObject("recordMeeting"u8);
        if (NodeId.KeyOf(groupId, "DgeGroup") is not { } group)
        {
            MutationBaseline.WriteRefusal(json, "meeting"u8, Refusal.Invalid("groupId", "INVALID_ID", $"'{groupId}' is not the id of a DgeGroup."));
            return;
        }

        await MutationBaseline.WriteAsync(connection, async (command, postgres) =>
        {
            command.CommandText = postgres ? PostgresReadSql : ReadSql;
            command.Bind("@group", group);
            command.Bind("@date", date);
            BindKeys(command, postgres, themes, materials, attendees);
            var read = await ReadAsync(command, cancellationToken);
            var refusal = FirstRefusal(read, groupId, date, hours, themes, materials, attendees);
            if (refusal is not null)
            {
                MutationBaseline.WriteRefusal(json, "meeting"u8, refusal);
                return false;
            }

            command.CommandText = postgres ? PostgresInsertSql : InsertSql;
            command.Bind("@hours", hours);
            var saved = await InsertAsync(command, cancellationToken);

            command.CommandText = AuditSql(saved);
            command.Parameters.Clear();
            command.Bind("@at", postgres ? now : now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
            command.Bind("@actorId", MutationBaseline.ActorId);
            command.Bind("@actorName", MutationBaseline.ActorName);
            BindAudit(command, saved, group, date, hours);
            await command.ExecuteNonQueryAsync(cancellationToken);

            WriteMeeting(json, saved.Meeting, date, hours, read, themes, materials, attendees);

            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// The global ids of a list, each once in the order given (two spellings of one key are one, as the API's FindAllAsync),
    /// with their keys (null for an id not of <paramref name="typeName"/>).
    /// </summary>
    private static List<NamedId> Ids(JsonElement input, string field, string typeName)
    {
        if (!input.TryGetProperty(field, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var seen = new HashSet<int>();
        return [.. list.EnumerateArray().Select(id => new NamedId(id.GetString()!, NodeId.KeyOf(id.GetString()!, typeName))).Where(n => n.Key is not { } key || seen.Add(key))];
    }

    /// <summary>The keys to read and link: a JSON array for SQLite's json_each, an integer array for PostgreSQL.</summary>
    private static void BindKeys(DbCommand command, bool postgres, List<NamedId> themes, List<NamedId> materials, List<NamedId> attendees)
    {
        foreach (var (name, ids) in new[] { ("@themes", themes), ("@materials", materials), ("@attendees", attendees) })
        {
            var keys = ids.Select(i => i.Key).OfType<int>().ToArray();
            command.Bind(name, postgres ? keys : JsonSerializer.Serialize(keys));
        }
    }

    private static async Task<Read> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var read = new Read();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetInt32(1);
            switch (reader.GetInt32(0))
            {
                case GroupRow:
                    read.Group = new GroupRead(reader.GetString(2), reader.GetFieldValue<DateOnly>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5));
                    break;
                case ThemeRow:
                    read.Themes[key] = (reader.GetString(2), reader.GetString(3));
                    break;
                case MaterialRow:
                    read.Materials[key] = (reader.GetString(2), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4));
                    break;
                default:
                    read.Attendees[key] = (reader.GetString(2), reader.GetString(3), reader.GetBoolean(6));
                    break;
            }
        }

        return read;
    }

    /// <summary>
    /// The API's first refusal, in its order: the group, the day (in range, the group active on it), the duration, each theme,
    /// each material, each attendee (a bad id, then one not found), then the first attendee who is not a member on the day.
    /// </summary>
    private static Refusal? FirstRefusal(Read read, string groupId, DateOnly date, double hours, List<NamedId> themes, List<NamedId> materials, List<NamedId> attendees)
    {
        if (read.Group is not { } group)
        {
            return NotFound(groupId, "DgeGroup");
        }

        if (date < InputRules.EarliestDate || date > InputRules.LatestDate)
        {
            return Refusal.Invalid("date", "DATE_OUT_OF_RANGE", $"date must lie between {InputRules.EarliestDate:yyyy-MM-dd} and {InputRules.LatestDate:yyyy-MM-dd}; {date:yyyy-MM-dd} was given.");
        }

        if (!(group.From <= date && (group.To is null || date < group.To)))
        {
            return Refusal.Invalid("date", "GROUP_NOT_ACTIVE",
                $"The group is not active on {date:yyyy-MM-dd} (founded {group.From:yyyy-MM-dd}{(group.To is { } d ? $", dissolved {d:yyyy-MM-dd}" : string.Empty)}).");
        }

        if (!(double.IsFinite(hours) && hours >= MeetingMutations.MinHours && hours <= MeetingMutations.MaxHours))
        {
            return Refusal.Invalid("durationHours", "DURATION_OUT_OF_RANGE",
                $"durationHours must lie between {MeetingMutations.MinHours} and {MeetingMutations.MaxHours}; {hours} was given.");
        }

        var missing = Missing(themes, "themeIds", "Theme", read.Themes.ContainsKey)
            ?? Missing(materials, "materialIds", "LearningMaterial", read.Materials.ContainsKey)
            ?? Missing(attendees, "attendeeIds", "Doctor", read.Attendees.ContainsKey);
        if (missing is not null)
        {
            return missing;
        }

        foreach (var (firstName, lastName, member) in attendees.Select(a => read.Attendees[a.Key!.Value]))
        {
            if (!member)
            {
                return Refusal.Invalid("attendeeIds", "NOT_A_MEMBER", $"{firstName} {lastName} is not a member of the group on {date:yyyy-MM-dd}.");
            }
        }

        return null;
    }

    /// <summary>The first id of a list that names nothing of its type: malformed or of another type, or not found.</summary>
    private static Refusal? Missing(List<NamedId> ids, string field, string typeName, Func<int, bool> found)
    {
        foreach (var (id, key) in ids)
        {
            if (key is not { } k)
            {
                return Refusal.Invalid(field, "INVALID_ID", $"'{id}' is not the id of a {typeName}.");
            }

            if (!found(k))
            {
                return NotFound(id, typeName);
            }
        }

        return null;
    }

    private static async Task<Saved> InsertAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var saved = new Saved();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        do
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = (Key: reader.GetInt32(1), Linked: reader.GetInt32(2));
                switch (reader.GetInt32(0))
                {
                    case MeetingRow:
                        saved.Meeting = row.Key;
                        break;
                    case ThemeRow:
                        saved.Themes.Add(row);
                        break;
                    case MaterialRow:
                        saved.Materials.Add(row);
                        break;
                    default:
                        saved.Attendances.Add(row);
                        break;
                }
            }
        }
        while (await reader.NextResultAsync(cancellationToken));

        // In the order they were saved (the order given).
        saved.Themes.Sort();
        saved.Materials.Sort();
        saved.Attendances.Sort();
        return saved;
    }

    /// <summary>
    /// The audit entries in the API's order, one a row: the meeting, then the rows its links were found in (the change
    /// tracker finds them through the meeting's navigations, by name: attendances, materials, themes), each in the order saved.
    /// </summary>
    private static IEnumerable<AuditRow> AuditRows(Saved saved) =>
        [
            new AuditRow("Meeting", saved.Meeting, 0, 0),
            .. saved.Attendances.Select(a => new AuditRow("MeetingAttendance", a.Key, a.Linked, AttendeeRow)),
            .. saved.Materials.Select(m => new AuditRow("MeetingMaterial", m.Key, m.Linked, MaterialRow)),
            .. saved.Themes.Select(t => new AuditRow("MeetingTheme", t.Key, t.Linked, ThemeRow)),
        ];

    private static string AuditSql(Saved saved) =>
        InsertAuditSql + string.Join(",\n", AuditRows(saved).Select((_, i) => string.Create(CultureInfo.InvariantCulture,
            $"(@at, 'ApiKey', @actorId, @actorName, 'recordMeeting', @type{i}, @key{i}, @id{i}, NULL, @after{i}, 0)"))) + ";\nCOMMIT;";

    private static void BindAudit(DbCommand command, Saved saved, int group, DateOnly date, double hours)
    {
        var i = 0;
        foreach (var row in AuditRows(saved))
        {
            var n = i++.ToString(CultureInfo.InvariantCulture);
            command.Bind("@type" + n, row.EntityType);
            command.Bind("@key" + n, row.Key);
            command.Bind("@id" + n, NodeId.Encode(row.EntityType, row.Key));
            command.Bind("@after" + n, After(row, saved.Meeting, group, date, hours));
        }
    }

    /// <summary>
    /// A created row's fields as the API's recorder writes them: by name (EF's property order), without key and version, the
    /// keys of other entities as global ids, the day as ISO text.
    /// </summary>
    private static string After(AuditRow row, int meeting, int group, DateOnly date, double hours)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var after = new Utf8JsonWriter(buffer, AuditJson))
        {
            after.WriteStartObject();
            switch (row.Kind)
            {
                case ThemeRow:
                    BaselineSql.WriteNodeId(after, "meetingId"u8, "Meeting:"u8, meeting);
                    BaselineSql.WriteNodeId(after, "themeId"u8, "Theme:"u8, row.Linked);
                    break;
                case MaterialRow:
                    BaselineSql.WriteNodeId(after, "materialId"u8, "LearningMaterial:"u8, row.Linked);
                    BaselineSql.WriteNodeId(after, "meetingId"u8, "Meeting:"u8, meeting);
                    break;
                case AttendeeRow:
                    BaselineSql.WriteNodeId(after, "doctorId"u8, "Doctor:"u8, row.Linked);
                    BaselineSql.WriteNodeId(after, "meetingId"u8, "Meeting:"u8, meeting);
                    break;
                default:
                    after.WriteString("date"u8, BaselineSql.Text(date));
                    after.WriteNumber("durationHours"u8, hours);
                    BaselineSql.WriteNodeId(after, "groupId"u8, "DgeGroup:"u8, group);
                    break;
            }

            after.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// The payload: the meeting as saved, its group, the first pages of its themes, materials and attendees (each by key, as
    /// the API's connections order them), no errors, and a warning for each material retired by the day, in the order given.
    /// </summary>
    private static void WriteMeeting(
        Utf8JsonWriter json, int meeting, DateOnly date, double hours, Read read, List<NamedId> themes, List<NamedId> materials, List<NamedId> attendees)
    {
        json.WriteStartObject("meeting"u8);
        BaselineSql.WriteNodeId(json, "id"u8, "Meeting:"u8, meeting);
        json.WriteString("date"u8, BaselineSql.Text(date));
        json.WriteNumber("durationHours"u8, hours);
        json.WriteNumber("version"u8, 0);
        json.WriteStartObject("group"u8);
        json.WriteString("name"u8, read.Group!.Name);
        json.WriteEndObject();

        MutationBaseline.WriteNodes(json, "themes"u8, themes.Select(t => t.Key!.Value).Order().Take(ThemesPage), (node, key) =>
        {
            node.WriteString("code"u8, read.Themes[key].Code);
            node.WriteString("nameDa"u8, read.Themes[key].NameDa);
        });
        MutationBaseline.WriteNodes(json, "materials"u8, materials.Select(m => m.Key!.Value).Order().Take(MaterialsPage), (node, key) => node.WriteString("title"u8, read.Materials[key].Title));
        MutationBaseline.WriteNodes(json, "attendees"u8, attendees.Select(a => a.Key!.Value).Order().Take(AttendeesPage), (node, key) =>
        {
            node.WriteString("firstName"u8, read.Attendees[key].FirstName);
            node.WriteString("lastName"u8, read.Attendees[key].LastName);
        }, attendees.Count);
        json.WriteEndObject();

        MutationBaseline.WriteAccepted(json, materials.Select(m => read.Materials[m.Key!.Value]).Where(m => m.RetiredOn <= date)
            .Select(m => ("MATERIAL_RETIRED", $"{m.Title} was retired on {m.RetiredOn:yyyy-MM-dd}, before the meeting.")));
    }

    private static Refusal NotFound(string id, string typeName) => new("NotFoundError", $"No {typeName} has the id '{id}'.", Id: id);

    /// <summary>A global id of the input and its key, null when it is not an id of the expected type.</summary>
    private sealed record NamedId(string Id, int? Key);

    private sealed record GroupRead(string Name, DateOnly From, DateOnly? To);

    /// <summary>What the read found: the group, and the themes, materials and attendees named, by key.</summary>
    private sealed class Read
    {
        public GroupRead? Group { get; set; }

        public Dictionary<int, (string Code, string NameDa)> Themes { get; } = [];

        public Dictionary<int, (string Title, DateOnly? RetiredOn)> Materials { get; } = [];

        public Dictionary<int, (string FirstName, string LastName, bool Member)> Attendees { get; } = [];
    }

    /// <summary>The keys of the rows saved: the meeting's, and each link's with the key it links to.</summary>
    private sealed class Saved
    {
        public int Meeting { get; set; }

        public List<(int Key, int Linked)> Themes { get; } = [];

        public List<(int Key, int Linked)> Materials { get; } = [];

        public List<(int Key, int Linked)> Attendances { get; } = [];
    }

    /// <summary>One audit entry: the entity's type and key, the key its link row points to, and the kind of row.</summary>
    private sealed record AuditRow(string EntityType, int Key, int Linked, int Kind);
}

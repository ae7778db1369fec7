using System.Text.Json;
using Dge.Api.Doctors;
using Dge.Api.GraphQL.Relay;
using Dge.Api.Groups;
using Dge.Api.Materials;
using Dge.Api.Meetings;
using Dge.Api.Themes;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Meetings;

public sealed class MeetingMutationsTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    private const string MeetingFields = "meeting { id date durationHours version themes { nodes { id } } materials { nodes { id } } attendees { nodes { id } } }";

    private static string Document(string name, string inputType, string fields) =>
        $"mutation($input: {inputType}!) {{ {name}(input: $input) {{ {MeetingFields} {fields} }} }}";

    /// <summary>A group founded 2025-01-01 whose first doctor is a member from 2025-02-01 on and whose second is one from 2025-02-01 to 2025-04-01; a third doctor is no member.</summary>
    private async Task<(string Group, string Member, string Leaver, string Outsider, string LeaverMembership)> SceneAsync(int skip)
    {
        var group = await graph.NewGroupAsync();
        var doctors = await graph.IdsAsync<Doctor>("Doctor", 3, skip);
        await graph.AddMemberAsync(group, doctors[0], "2025-02-01");
        var leaverMembership = await graph.AddMemberAsync(group, doctors[1], "2025-02-01", "2025-04-01");
        return (group, doctors[0], doctors[1], doctors[2], leaverMembership);
    }

    private Task<JsonElement> RecordAsync(string groupId, string date, double durationHours, string[]? attendeeIds = null, string[]? themeIds = null, string[]? materialIds = null) =>
        graph.PayloadAsync("recordMeeting", Document("recordMeeting", "RecordMeetingInput", Mutating.Fields("NotFoundError")),
            new { groupId, date, durationHours, attendeeIds, themeIds, materialIds });

    private static string Id(JsonElement payload) => payload.GetProperty("meeting").GetProperty("id").GetString()!;

    private static string[] Linked(JsonElement payload, string field) =>
        payload.GetProperty("meeting").GetProperty(field).GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task RecordMeeting_MembersOnTheDay_RecordsTheMeetingWithItsLinksAndAuditsIt()
    {
        var scene = await SceneAsync(200);
        var themes = await graph.IdsAsync<Theme>("Theme", 2);
        var material = (await graph.IdsAsync<LearningMaterial>("LearningMaterial", 1))[0];

        var payload = await RecordAsync(scene.Group, "2025-03-01", 2.5, [scene.Member, scene.Leaver], themes, [material]);

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        Assert.Equal("2025-03-01", payload.GetProperty("meeting").GetProperty("date").GetString());
        Assert.Equal(2.5, payload.GetProperty("meeting").GetProperty("durationHours").GetDouble());
        Assert.Equal(new[] { scene.Member, scene.Leaver }.Order(StringComparer.Ordinal), Linked(payload, "attendees"));
        Assert.Equal(themes.Order(StringComparer.Ordinal), Linked(payload, "themes"));
        Assert.Equal([material], Linked(payload, "materials"));
        var audit = Assert.Single(await graph.AuditAsync(Id(payload)));
        Assert.Equal("recordMeeting", audit.Operation);
        Assert.Contains($"\"groupId\":\"{scene.Group}\"", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordMeeting_AttendeeWhoIsNoMemberOnTheDay_IsAValidationErrorAndWritesNothing()
    {
        var scene = await SceneAsync(210);
        var audits = await graph.AuditCountAsync();
        await using var before = graph.OpenDb();
        var meetings = await before.Meetings.CountAsync();

        var payload = await RecordAsync(scene.Group, "2025-05-01", 2, [scene.Member, scene.Leaver]);

        payload.AssertValidationError("attendeeIds", "NOT_A_MEMBER");
        Assert.Equal(audits, await graph.AuditCountAsync());
        await using var after = graph.OpenDb();
        Assert.Equal(meetings, await after.Meetings.CountAsync());
    }

    [Theory]
    [InlineData(0.4)]
    [InlineData(12.5)]
    [InlineData(0)]
    public async Task RecordMeeting_DurationOutsideHalfAnHourToTwelveHours_IsAValidationErrorOnDurationHours(double hours)
    {
        var scene = await SceneAsync(220);

        var payload = await RecordAsync(scene.Group, "2025-03-01", hours);

        payload.AssertValidationError("durationHours", "DURATION_OUT_OF_RANGE");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(12)]
    public async Task RecordMeeting_DurationAtTheBounds_IsRecorded(double hours)
    {
        var scene = await SceneAsync(225);

        var payload = await RecordAsync(scene.Group, "2025-03-01", hours);

        Assert.Equal(hours, payload.GetProperty("meeting").GetProperty("durationHours").GetDouble());
    }

    [Fact]
    public async Task RecordMeeting_BeforeTheGroupIsFounded_IsAValidationErrorOnDate()
    {
        var scene = await SceneAsync(230);

        var payload = await RecordAsync(scene.Group, "2024-12-31", 2);

        payload.AssertValidationError("date", "GROUP_NOT_ACTIVE");
    }

    /// <summary>
    /// The themes are read in one statement, but refused as if looked up one by one in the order given: the first id that is
    /// malformed or unknown decides, and an id given twice is linked once.
    /// </summary>
    [Theory]
    [InlineData("found,unknown,malformed", "NotFoundError", "unknown")]
    [InlineData("found,malformed,unknown", "ValidationError", null)]
    [InlineData("malformed,found", "ValidationError", null)]
    [InlineData("unknown,found,unknown2", "NotFoundError", "unknown")]
    [InlineData("found,other,found", null, null)]
    public async Task RecordMeeting_ThemeList_TheFirstBadIdInOrderDecides(string list, string? error, string? notFound)
    {
        var scene = await SceneAsync(245);
        var themes = await graph.IdsAsync<Theme>("Theme", 2);
        var ids = new Dictionary<string, string>
        {
            ["found"] = themes[0],
            ["other"] = themes[1],
            ["unknown"] = NodeId.Encode("Theme", 99_998),
            ["unknown2"] = NodeId.Encode("Theme", 99_999),
            ["malformed"] = "not-a-theme",
        };
        var audits = await graph.AuditCountAsync();

        var payload = await RecordAsync(scene.Group, "2025-03-01", 2, themeIds: [.. list.Split(',').Select(name => ids[name])]);

        if (error is null)
        {
            Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
            Assert.Equal(themes.Order(StringComparer.Ordinal), Linked(payload, "themes"));
            return;
        }

        var refusal = payload.SingleError();
        Assert.Equal(error, refusal.GetProperty("__typename").GetString());
        if (notFound is not null)
        {
            Assert.Equal(ids[notFound], refusal.GetProperty("id").GetString());
        }
        else
        {
            payload.AssertValidationError("themeIds", "INVALID_ID");
        }

        Assert.Equal(audits, await graph.AuditCountAsync());
    }

    /// <summary>
    /// A list longer than SQLite's limit of variables in one statement is read all the same (its keys in one parameter) and
    /// refused on its first unknown id, not failed; and two spellings of one id ("Theme:1" and "Theme:01") are one theme.
    /// </summary>
    [Fact]
    public async Task RecordMeeting_ThemeListsLongOrSpelledTwice_AreReadAsOneList()
    {
        var scene = await SceneAsync(247);
        var theme = (await graph.IdsAsync<Theme>("Theme", 1))[0];
        var unknown = Enumerable.Range(1_000_000, 33_000).Select(key => NodeId.Encode("Theme", key)).ToArray();

        var refused = await RecordAsync(scene.Group, "2025-03-01", 2, themeIds: [theme, .. unknown]);
        var respelled = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
            System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(theme)).Replace(":", ":0", StringComparison.Ordinal)));
        var recorded = await RecordAsync(scene.Group, "2025-03-02", 2, themeIds: [theme, respelled]);

        Assert.Equal("NotFoundError", refused.SingleError().GetProperty("__typename").GetString());
        Assert.Equal(unknown[0], refused.SingleError().GetProperty("id").GetString());
        Assert.NotEqual(theme, respelled);
        Assert.Equal(JsonValueKind.Null, recorded.GetProperty("errors").ValueKind);
        Assert.Equal([theme], Linked(recorded, "themes"));
    }

    [Fact]
    public async Task RecordMeeting_UnknownTheme_IsNotFound()
    {
        var scene = await SceneAsync(240);

        var payload = await RecordAsync(scene.Group, "2025-03-01", 2, themeIds: [NodeId.Encode("Theme", 99_999)]);

        Assert.Equal("NotFoundError", payload.SingleError().GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task RecordMeeting_MaterialRetiredBeforeTheDay_IsRecordedWithAWarning()
    {
        var scene = await SceneAsync(250);
        var material = (await graph.IdsAsync<LearningMaterial>("LearningMaterial", 1, skip: 1))[0];
        await graph.PayloadAsync("retireLearningMaterial", $"mutation($input: RetireLearningMaterialInput!) {{ retireLearningMaterial(input: $input) {{ learningMaterial {{ id }} {Mutating.ChangeFields} }} }}",
            new { id = material, expectedVersion = await graph.VersionAsync<LearningMaterial>(material, "LearningMaterial"), retiredOn = "2025-02-15" });

        var payload = await RecordAsync(scene.Group, "2025-03-01", 2, materialIds: [material]);

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        Assert.Equal(["MATERIAL_RETIRED"], payload.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()!).ToArray());
    }

    [Fact]
    public async Task UpdateMeeting_NewDayOnWhichAnAttendeeWasNoMember_IsAValidationErrorOnDate()
    {
        var scene = await SceneAsync(260);
        var id = Id(await RecordAsync(scene.Group, "2025-03-01", 2, [scene.Member, scene.Leaver]));

        var payload = await graph.PayloadAsync("updateMeeting", Document("updateMeeting", "UpdateMeetingInput", Mutating.ChangeFields),
            new { id, expectedVersion = 0, date = "2025-05-01" });

        payload.AssertValidationError("date", "NOT_A_MEMBER");
    }

    [Fact]
    public async Task UpdateMeeting_NewAttendeesAndDuration_ReplacesThemAndMovesTheVersion()
    {
        var scene = await SceneAsync(270);
        var id = Id(await RecordAsync(scene.Group, "2025-03-01", 2, [scene.Member, scene.Leaver]));

        var payload = await graph.PayloadAsync("updateMeeting", Document("updateMeeting", "UpdateMeetingInput", Mutating.ChangeFields),
            new { id, expectedVersion = 0, durationHours = 3.0, attendeeIds = new[] { scene.Member } });

        Assert.Equal([scene.Member], Linked(payload, "attendees"));
        Assert.Equal(3.0, payload.GetProperty("meeting").GetProperty("durationHours").GetDouble());
        Assert.Equal(1, payload.GetProperty("meeting").GetProperty("version").GetInt32());
        Assert.Contains("updateMeeting", (await graph.AuditAsync(id)).Select(a => a.Operation));
    }

    [Fact]
    public async Task UpdateMeeting_StaleVersion_IsAConflictAndChangesNothing()
    {
        var scene = await SceneAsync(280);
        var id = Id(await RecordAsync(scene.Group, "2025-03-01", 2));
        await graph.PayloadAsync("updateMeeting", Document("updateMeeting", "UpdateMeetingInput", Mutating.ChangeFields), new { id, expectedVersion = 0, durationHours = 3.0 });

        var payload = await graph.PayloadAsync("updateMeeting", Document("updateMeeting", "UpdateMeetingInput", Mutating.ChangeFields), new { id, expectedVersion = 0, durationHours = 4.0 });

        var error = payload.SingleError();
        Assert.Equal("ConflictError", error.GetProperty("__typename").GetString());
        Assert.Equal(1, error.GetProperty("currentVersion").GetInt32());
        await using var db = graph.OpenDb();
        var key = NodeId.KeyOf(id, "Meeting")!.Value;
        Assert.Equal(3.0, (await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == key)).DurationHours);
    }

    [Fact]
    public async Task DeleteMeeting_RemovesTheMeetingAndItsLinksAndAuditsIt()
    {
        var scene = await SceneAsync(290);
        var id = Id(await RecordAsync(scene.Group, "2025-03-01", 2, [scene.Member], await graph.IdsAsync<Theme>("Theme", 1)));

        var payload = await graph.PayloadAsync("deleteMeeting", Document("deleteMeeting", "DeleteMeetingInput", Mutating.ChangeFields), new { id, expectedVersion = 0 });

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        Assert.False(await graph.ExistsAsync<Meeting>(id, "Meeting"));
        await using var db = graph.OpenDb();
        var key = NodeId.KeyOf(id, "Meeting")!.Value;
        Assert.False(await db.MeetingAttendances.AnyAsync(a => a.MeetingId == key));
        Assert.False(await db.MeetingThemes.AnyAsync(t => t.MeetingId == key));
        var deleted = (await graph.AuditAsync(id))[^1];
        Assert.Equal("deleteMeeting", deleted.Operation);
        Assert.Null(deleted.After);
    }

    [Fact]
    public async Task EndGroupMembership_BeforeAMeetingTheDoctorAttended_IsAValidationErrorOnTo()
    {
        var scene = await SceneAsync(300);
        await RecordAsync(scene.Group, "2025-03-01", 2, [scene.Member]);
        await using var db = graph.OpenDb();
        var groupKey = NodeId.KeyOf(scene.Group, "DgeGroup")!.Value;
        var doctorKey = NodeId.KeyOf(scene.Member, "Doctor")!.Value;
        var memberOfScene = await db.GroupMemberships.AsNoTracking().SingleAsync(m => m.GroupId == groupKey && m.DoctorId == doctorKey);

        var payload = await graph.PayloadAsync("endGroupMembership", $"mutation($input: EndGroupMembershipInput!) {{ endGroupMembership(input: $input) {{ membership {{ id }} {Mutating.ChangeFields} }} }}",
            new { id = NodeId.Encode("GroupMembership", memberOfScene.Id), expectedVersion = (int)memberOfScene.Version, to = "2025-03-01" });

        payload.AssertValidationError("to", "ATTENDED_AFTER_END");
    }

    [Fact]
    public async Task DissolveGroup_OnOrBeforeAMeeting_IsAValidationErrorOnDissolvedOn()
    {
        var scene = await SceneAsync(310);
        await RecordAsync(scene.Group, "2025-03-01", 2);

        var payload = await graph.PayloadAsync("dissolveGroup", $"mutation($input: DissolveGroupInput!) {{ dissolveGroup(input: $input) {{ group {{ id }} {Mutating.ChangeFields} }} }}",
            new { id = scene.Group, expectedVersion = await graph.VersionAsync<DgeGroup>(scene.Group, "DgeGroup"), dissolvedOn = "2025-03-01" });

        payload.AssertValidationError("dissolvedOn", "MEETING_AFTER_DISSOLUTION");
    }
}

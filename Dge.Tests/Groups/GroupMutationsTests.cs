using System.Text.Json;
using Dge.Api.Coordinators;
using Dge.Api.Data;
using Dge.Api.GraphQL.Relay;
using Dge.Api.Groups;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Groups;

public sealed class GroupMutationsTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    private static readonly string GroupFields = "group { id name kind foundedOn dissolvedOn version advisor { id } }";

    private static string Document(string name, string inputType, string fields) =>
        $"mutation($input: {inputType}!) {{ {name}(input: $input) {{ {GroupFields} {fields} }} }}";

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Now);

    private async Task<(string KapUnitId, string AdvisorId, string OtherRegionAdvisorId, string NonAdvisorId)> ScopeAsync()
    {
        await using var db = graph.OpenDb();
        var advisors = await db.Coordinators.AsNoTracking().Where(c => c.Role == CoordinatorRole.Advisor && c.RegionId != null).ToListAsync();
        var advisor = advisors.First(a => a.IsActiveOn(Today));
        var kapUnit = await db.KapUnits.AsNoTracking().FirstAsync(k => k.RegionId == advisor.RegionId);
        var other = advisors.First(a => a.IsActiveOn(Today) && a.RegionId != advisor.RegionId);
        var nonAdvisor = await db.Coordinators.AsNoTracking().FirstAsync(c => c.Role != CoordinatorRole.Advisor);
        return (NodeId.Encode("KapUnit", kapUnit.Id), NodeId.Encode("Coordinator", advisor.Id), NodeId.Encode("Coordinator", other.Id), NodeId.Encode("Coordinator", nonAdvisor.Id));
    }

    private async Task<JsonElement> CreateAsync(string? advisorId = null, string foundedOn = "2025-01-01")
    {
        var scope = await ScopeAsync();
        return await graph.PayloadAsync("createGroup", Document("createGroup", "CreateGroupInput", Mutating.Fields("NotFoundError")),
            new { name = "Testgruppen", kind = "DGE", kapUnitId = scope.KapUnitId, advisorId, foundedOn });
    }

    private async Task<string> CreatedIdAsync() => (await CreateAsync()).GetProperty("group").GetProperty("id").GetString()!;

    private async Task<string[]> DoctorIdsAsync(int count, int skip)
    {
        await using var db = graph.OpenDb();
        return (await db.Doctors.AsNoTracking().OrderBy(d => d.Id).Skip(skip).Take(count).Select(d => d.Id).ToListAsync()).Select(id => NodeId.Encode("Doctor", id)).ToArray();
    }

    private Task<JsonElement> AddMemberAsync(string groupId, string doctorId, string from = "2025-02-01", string? role = null) =>
        graph.PayloadAsync("addGroupMember", $"mutation($input: AddGroupMemberInput!) {{ addGroupMember(input: $input) {{ membership {{ id role from to version }} {Mutating.Fields("NotFoundError")} }} }}",
            new { groupId, doctorId, from, role });

    private async Task<int> VersionAsync(string groupId)
    {
        await using var db = graph.OpenDb();
        var key = NodeId.KeyOf(groupId, "DgeGroup")!.Value;
        return (int)(await db.Groups.AsNoTracking().SingleAsync(g => g.Id == key)).Version;
    }

    [Fact]
    public async Task CreateGroup_WithAdvisorOfTheRegion_CreatesTheGroupWithWarningsAndAuditsIt()
    {
        var scope = await ScopeAsync();

        var payload = await CreateAsync(scope.AdvisorId);

        var group = payload.GetProperty("group");
        Assert.Equal(scope.AdvisorId, group.GetProperty("advisor").GetProperty("id").GetString());
        Assert.Equal(["FEW_MEMBERS", "NO_LEADER"], payload.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()!).ToArray());
        var audit = Assert.Single(await graph.AuditAsync(group.GetProperty("id").GetString()!));
        Assert.Equal("createGroup", audit.Operation);
        Assert.Contains($"\"advisorId\":\"{scope.AdvisorId}\"", audit.After, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"DGE\"", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateGroup_AdvisorOfAnotherRegion_IsAValidationErrorOnAdvisorId()
    {
        var audits = await graph.AuditCountAsync();

        var payload = await CreateAsync((await ScopeAsync()).OtherRegionAdvisorId);

        payload.AssertValidationError("advisorId", "ADVISOR_OTHER_REGION");
        Assert.Equal(audits, await graph.AuditCountAsync());
    }

    [Fact]
    public async Task CreateGroup_CoordinatorWhoIsNoAdvisor_IsAValidationErrorOnAdvisorId()
    {
        var payload = await CreateAsync((await ScopeAsync()).NonAdvisorId);

        payload.AssertValidationError("advisorId", "NOT_AN_ADVISOR");
    }

    [Fact]
    public async Task CreateGroup_UnknownKapUnit_IsNotFound()
    {
        var payload = await graph.PayloadAsync("createGroup", Document("createGroup", "CreateGroupInput", Mutating.Fields("NotFoundError")),
            new { name = "X", kind = "DGE", kapUnitId = NodeId.Encode("KapUnit", 999), foundedOn = "2025-01-01" });

        Assert.Equal("NotFoundError", payload.SingleError().GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task UpdateGroup_StaleVersion_IsAConflict()
    {
        var id = await CreatedIdAsync();
        await graph.PayloadAsync("updateGroup", Document("updateGroup", "UpdateGroupInput", Mutating.ChangeFields), new { id, expectedVersion = 0, name = "Første" });

        var payload = await graph.PayloadAsync("updateGroup", Document("updateGroup", "UpdateGroupInput", Mutating.ChangeFields), new { id, expectedVersion = 0, name = "Anden" });

        Assert.Equal(1, payload.SingleError().GetProperty("currentVersion").GetInt32());
    }

    [Fact]
    public async Task UpdateGroup_FoundedAfterTheFirstMembership_IsAValidationErrorOnFoundedOn()
    {
        var id = await CreatedIdAsync();
        await AddMemberAsync(id, (await DoctorIdsAsync(1, 0))[0]);

        var payload = await graph.PayloadAsync("updateGroup", Document("updateGroup", "UpdateGroupInput", Mutating.ChangeFields),
            new { id, expectedVersion = await VersionAsync(id), foundedOn = "2025-03-01" });

        payload.AssertValidationError("foundedOn", "PERIOD_ORDER");
    }

    [Fact]
    public async Task DissolveGroup_EndsRunningMembershipsThatDayAndAuditsEach()
    {
        var id = await CreatedIdAsync();
        var member = (await AddMemberAsync(id, (await DoctorIdsAsync(1, 0))[0])).GetProperty("membership").GetProperty("id").GetString()!;

        var payload = await graph.PayloadAsync("dissolveGroup", Document("dissolveGroup", "DissolveGroupInput", Mutating.ChangeFields),
            new { id, expectedVersion = await VersionAsync(id), dissolvedOn = "2025-06-01" });

        Assert.Equal("2025-06-01", payload.GetProperty("group").GetProperty("dissolvedOn").GetString());
        var audit = (await graph.AuditAsync(member))[^1];
        Assert.Equal("dissolveGroup", audit.Operation);
        Assert.Equal("""{"to":"2025-06-01"}""", audit.After);
    }

    [Fact]
    public async Task DissolveGroup_BeforeItsFounding_IsAValidationErrorOnDissolvedOn()
    {
        var id = await CreatedIdAsync();

        var payload = await graph.PayloadAsync("dissolveGroup", Document("dissolveGroup", "DissolveGroupInput", Mutating.ChangeFields), new { id, expectedVersion = 0, dissolvedOn = "2024-06-01" });

        payload.AssertValidationError("dissolvedOn", "PERIOD_ORDER");
    }

    [Fact]
    public async Task DissolveGroup_Twice_IsAValidationErrorOnId()
    {
        var id = await CreatedIdAsync();
        await graph.PayloadAsync("dissolveGroup", Document("dissolveGroup", "DissolveGroupInput", Mutating.ChangeFields), new { id, expectedVersion = 0, dissolvedOn = "2025-06-01" });

        var payload = await graph.PayloadAsync("dissolveGroup", Document("dissolveGroup", "DissolveGroupInput", Mutating.ChangeFields), new { id, expectedVersion = 1, dissolvedOn = "2025-07-01" });

        payload.AssertValidationError("id", "ALREADY_DISSOLVED");
    }

    [Fact]
    public async Task DeleteGroup_WithoutMembershipsOrMeetings_DeletesItAndAuditsTheBefore()
    {
        var id = await CreatedIdAsync();

        var payload = await graph.PayloadAsync("deleteGroup", Document("deleteGroup", "DeleteGroupInput", Mutating.ChangeFields), new { id, expectedVersion = 0 });

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        await using var db = graph.OpenDb();
        Assert.False(await db.Groups.AnyAsync(g => g.Id == NodeId.KeyOf(id, "DgeGroup")));
        var audit = (await graph.AuditAsync(id))[^1];
        Assert.Equal("deleteGroup", audit.Operation);
        Assert.Null(audit.After);
        Assert.Contains("\"name\":\"Testgruppen\"", audit.Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteGroup_WithMemberships_IsAValidationErrorAndKeepsTheGroup()
    {
        var id = await CreatedIdAsync();
        await AddMemberAsync(id, (await DoctorIdsAsync(1, 0))[0]);

        var payload = await graph.PayloadAsync("deleteGroup", Document("deleteGroup", "DeleteGroupInput", Mutating.ChangeFields), new { id, expectedVersion = await VersionAsync(id) });

        payload.AssertValidationError("id", "GROUP_IN_USE");
        await using var db = graph.OpenDb();
        Assert.True(await db.Groups.AnyAsync(g => g.Id == NodeId.KeyOf(id, "DgeGroup")));
    }

    [Fact]
    public async Task AssignAdvisor_ActiveAdvisorOfTheRegion_SetsTheAdvisor()
    {
        var id = await CreatedIdAsync();
        var scope = await ScopeAsync();

        var payload = await graph.PayloadAsync("assignAdvisor", Document("assignAdvisor", "AssignAdvisorInput", Mutating.ChangeFields), new { groupId = id, expectedVersion = 0, advisorId = scope.AdvisorId });

        Assert.Equal(scope.AdvisorId, payload.GetProperty("group").GetProperty("advisor").GetProperty("id").GetString());
        Assert.Equal(1, payload.GetProperty("group").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task AssignAdvisor_AdvisorOfAnotherRegion_IsAValidationErrorOnAdvisorId()
    {
        var id = await CreatedIdAsync();

        var payload = await graph.PayloadAsync("assignAdvisor", Document("assignAdvisor", "AssignAdvisorInput", Mutating.ChangeFields), new { groupId = id, expectedVersion = 0, advisorId = (await ScopeAsync()).OtherRegionAdvisorId });

        payload.AssertValidationError("advisorId", "ADVISOR_OTHER_REGION");
    }

    [Fact]
    public async Task ChangeGroupLeader_HandsTheRoleOverInOneStep()
    {
        var id = await CreatedIdAsync();
        var doctors = await DoctorIdsAsync(2, 10);
        await AddMemberAsync(id, doctors[0], role: "LEADER");
        await AddMemberAsync(id, doctors[1]);

        var payload = await graph.PayloadAsync("changeGroupLeader", Document("changeGroupLeader", "ChangeGroupLeaderInput", Mutating.ChangeFields),
            new { groupId = id, expectedVersion = await VersionAsync(id), doctorId = doctors[1], from = "2025-05-01" });

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        await using var db = graph.OpenDb();
        var key = NodeId.KeyOf(id, "DgeGroup");
        var onDay = await db.GroupMemberships.AsNoTracking().Where(m => m.GroupId == key).ToListAsync();
        var day = new DateOnly(2025, 5, 1);
        var leader = Assert.Single(onDay, m => m.IsActiveOn(day) && m.Role == MembershipRole.Leader);
        Assert.Equal(NodeId.KeyOf(doctors[1], "Doctor"), leader.DoctorId);
        Assert.Single(onDay, m => m.IsActiveOn(day.AddDays(-1)) && m.Role == MembershipRole.Leader && m.DoctorId == NodeId.KeyOf(doctors[0], "Doctor"));
        Assert.Equal(2, onDay.Count(m => m.IsActiveOn(day)));
    }

    [Fact]
    public async Task ChangeGroupLeader_DoctorNotAMember_AddsThemAsLeader()
    {
        var id = await CreatedIdAsync();
        var doctor = (await DoctorIdsAsync(1, 20))[0];

        var payload = await graph.PayloadAsync("changeGroupLeader", Document("changeGroupLeader", "ChangeGroupLeaderInput", Mutating.ChangeFields),
            new { groupId = id, expectedVersion = 0, doctorId = doctor, from = "2025-02-01" });

        Assert.Contains(payload.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "FEW_MEMBERS");
        Assert.DoesNotContain(payload.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "NO_LEADER");
    }

    [Fact]
    public async Task ChangeGroupLeader_ToTheLeader_IsAValidationErrorOnDoctorId()
    {
        var id = await CreatedIdAsync();
        var doctor = (await DoctorIdsAsync(1, 30))[0];
        await AddMemberAsync(id, doctor, role: "LEADER");

        var payload = await graph.PayloadAsync("changeGroupLeader", Document("changeGroupLeader", "ChangeGroupLeaderInput", Mutating.ChangeFields),
            new { groupId = id, expectedVersion = await VersionAsync(id), doctorId = doctor, from = "2025-05-01" });

        payload.AssertValidationError("doctorId", "ALREADY_LEADER");
    }

    [Fact]
    public async Task ChangeGroupLeader_BeforeTheGroupIsFounded_IsAValidationErrorOnFrom()
    {
        var id = await CreatedIdAsync();

        var payload = await graph.PayloadAsync("changeGroupLeader", Document("changeGroupLeader", "ChangeGroupLeaderInput", Mutating.ChangeFields),
            new { groupId = id, expectedVersion = 0, doctorId = (await DoctorIdsAsync(1, 40))[0], from = "2024-05-01" });

        payload.AssertValidationError("from", "GROUP_NOT_ACTIVE");
    }
}

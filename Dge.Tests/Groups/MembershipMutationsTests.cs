using System.Text.Json;
using Dge.Api.GraphQL.Relay;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Groups;

public sealed class MembershipMutationsTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    private const string MembershipFields = "membership { id role from to version }";

    private static string Document(string name, string inputType, string fields) =>
        $"mutation($input: {inputType}!) {{ {name}(input: $input) {{ {MembershipFields} {fields} }} }}";

    private async Task<string> GroupAsync()
    {
        await using var db = graph.OpenDb();
        var kapUnit = await db.KapUnits.AsNoTracking().OrderBy(k => k.Id).FirstAsync();
        var payload = await graph.PayloadAsync("createGroup", $"mutation($input: CreateGroupInput!) {{ createGroup(input: $input) {{ group {{ id }} {Mutating.Fields("NotFoundError")} }} }}",
            new { name = "Medlemsgruppen", kind = "TOPIC", kapUnitId = NodeId.Encode("KapUnit", kapUnit.Id), foundedOn = "2025-01-01" });
        return payload.GetProperty("group").GetProperty("id").GetString()!;
    }

    private async Task<string> DoctorAsync(int skip)
    {
        await using var db = graph.OpenDb();
        return NodeId.Encode("Doctor", await db.Doctors.AsNoTracking().OrderBy(d => d.Id).Skip(skip).Select(d => d.Id).FirstAsync());
    }

    private Task<JsonElement> AddAsync(string groupId, string doctorId, string from, string? to = null, string? role = null) =>
        graph.PayloadAsync("addGroupMember", Document("addGroupMember", "AddGroupMemberInput", Mutating.Fields("NotFoundError")), new { groupId, doctorId, from, to, role });

    private static string Id(JsonElement payload) => payload.GetProperty("membership").GetProperty("id").GetString()!;

    [Fact]
    public async Task AddGroupMember_ValidPeriod_AddsTheMemberWithNormWarningsAndAuditsIt()
    {
        var group = await GroupAsync();

        var payload = await AddAsync(group, await DoctorAsync(100), "2025-02-01");

        Assert.Equal("MEMBER", payload.GetProperty("membership").GetProperty("role").GetString());
        Assert.Equal(["FEW_MEMBERS", "NO_LEADER"], payload.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()!).ToArray());
        var audit = Assert.Single(await graph.AuditAsync(Id(payload)));
        Assert.Equal("addGroupMember", audit.Operation);
        Assert.Contains($"\"groupId\":\"{group}\"", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddGroupMember_ToBeforeFrom_IsAValidationErrorOnTo()
    {
        var payload = await AddAsync(await GroupAsync(), await DoctorAsync(101), "2025-03-01", to: "2025-02-01");

        payload.AssertValidationError("to", "PERIOD_ORDER");
    }

    [Fact]
    public async Task AddGroupMember_OverlappingPeriodOfTheSameDoctor_IsAValidationErrorAndWritesNothing()
    {
        var group = await GroupAsync();
        var doctor = await DoctorAsync(102);
        await AddAsync(group, doctor, "2025-02-01", to: "2025-06-01");
        var audits = await graph.AuditCountAsync();

        var payload = await AddAsync(group, doctor, "2025-05-01");

        payload.AssertValidationError("from", "OVERLAPPING_MEMBERSHIP");
        Assert.Equal(audits, await graph.AuditCountAsync());
    }

    [Fact]
    public async Task AddGroupMember_AdjacentPeriodOfTheSameDoctor_IsAllowed()
    {
        var group = await GroupAsync();
        var doctor = await DoctorAsync(103);
        await AddAsync(group, doctor, "2025-02-01", to: "2025-06-01");

        var payload = await AddAsync(group, doctor, "2025-06-01");

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
    }

    [Fact]
    public async Task AddGroupMember_BeforeTheGroupIsFounded_IsAValidationErrorOnFrom()
    {
        var payload = await AddAsync(await GroupAsync(), await DoctorAsync(104), "2024-12-01");

        payload.AssertValidationError("from", "GROUP_NOT_ACTIVE");
    }

    [Fact]
    public async Task AddGroupMember_SecondLeader_IsAValidationErrorOnRole()
    {
        var group = await GroupAsync();
        await AddAsync(group, await DoctorAsync(105), "2025-02-01", role: "LEADER");

        var payload = await AddAsync(group, await DoctorAsync(106), "2025-03-01", role: "LEADER");

        payload.AssertValidationError("role", "LEADER_EXISTS");
    }

    [Fact]
    public async Task AddGroupMember_MalformedDoctorId_IsAValidationErrorOnDoctorId()
    {
        var payload = await AddAsync(await GroupAsync(), "not-an-id", "2025-02-01");

        payload.AssertValidationError("doctorId", "INVALID_ID");
    }

    [Fact]
    public async Task ChangeMembershipRole_SplitsThePeriodAtTheDay()
    {
        var membership = Id(await AddAsync(await GroupAsync(), await DoctorAsync(107), "2025-02-01"));

        var payload = await graph.PayloadAsync("changeMembershipRole", Document("changeMembershipRole", "ChangeMembershipRoleInput", Mutating.ChangeFields),
            new { id = membership, expectedVersion = 0, role = "TREASURER", from = "2025-04-01" });

        var changed = payload.GetProperty("membership");
        Assert.Equal("TREASURER", changed.GetProperty("role").GetString());
        Assert.Equal("2025-04-01", changed.GetProperty("from").GetString());
        Assert.Equal("""{"to":"2025-04-01"}""", (await graph.AuditAsync(membership))[^1].After);
    }

    [Fact]
    public async Task ChangeMembershipRole_ToLeader_IsAValidationErrorOnRole()
    {
        var membership = Id(await AddAsync(await GroupAsync(), await DoctorAsync(108), "2025-02-01"));

        var payload = await graph.PayloadAsync("changeMembershipRole", Document("changeMembershipRole", "ChangeMembershipRoleInput", Mutating.ChangeFields),
            new { id = membership, expectedVersion = 0, role = "LEADER", from = "2025-04-01" });

        payload.AssertValidationError("role", "LEADER_REQUIRED");
    }

    [Fact]
    public async Task ChangeMembershipRole_DayOutsideTheMembership_IsAValidationErrorOnFrom()
    {
        var membership = Id(await AddAsync(await GroupAsync(), await DoctorAsync(109), "2025-02-01"));

        var payload = await graph.PayloadAsync("changeMembershipRole", Document("changeMembershipRole", "ChangeMembershipRoleInput", Mutating.ChangeFields),
            new { id = membership, expectedVersion = 0, role = "TREASURER", from = "2025-01-15" });

        payload.AssertValidationError("from", "OUTSIDE_MEMBERSHIP");
    }

    [Fact]
    public async Task ChangeMembershipRole_StaleVersion_IsAConflict()
    {
        var membership = Id(await AddAsync(await GroupAsync(), await DoctorAsync(110), "2025-02-01"));

        var payload = await graph.PayloadAsync("changeMembershipRole", Document("changeMembershipRole", "ChangeMembershipRoleInput", Mutating.ChangeFields),
            new { id = membership, expectedVersion = 5, role = "TREASURER", from = "2025-04-01" });

        Assert.Equal(0, payload.SingleError().GetProperty("currentVersion").GetInt32());
    }

    [Fact]
    public async Task EndGroupMembership_SetsTheEndAndAuditsIt()
    {
        var membership = Id(await AddAsync(await GroupAsync(), await DoctorAsync(111), "2025-02-01"));

        var payload = await graph.PayloadAsync("endGroupMembership", Document("endGroupMembership", "EndGroupMembershipInput", Mutating.ChangeFields), new { id = membership, expectedVersion = 0, to = "2025-08-01" });

        Assert.Equal("2025-08-01", payload.GetProperty("membership").GetProperty("to").GetString());
        Assert.Equal(1, payload.GetProperty("membership").GetProperty("version").GetInt32());
        var audit = (await graph.AuditAsync(membership))[^1];
        Assert.Equal("""{"to":null}""", audit.Before);
        Assert.Equal("""{"to":"2025-08-01"}""", audit.After);
    }

    [Fact]
    public async Task EndGroupMembership_BeforeItsStart_IsAValidationErrorOnTo()
    {
        var membership = Id(await AddAsync(await GroupAsync(), await DoctorAsync(112), "2025-02-01"));

        var payload = await graph.PayloadAsync("endGroupMembership", Document("endGroupMembership", "EndGroupMembershipInput", Mutating.ChangeFields), new { id = membership, expectedVersion = 0, to = "2025-01-01" });

        payload.AssertValidationError("to", "PERIOD_ORDER");
    }

    [Fact]
    public async Task EndGroupMembership_TheLeaders_IsAValidationErrorOnId()
    {
        var membership = Id(await AddAsync(await GroupAsync(), await DoctorAsync(113), "2025-02-01", role: "LEADER"));

        var payload = await graph.PayloadAsync("endGroupMembership", Document("endGroupMembership", "EndGroupMembershipInput", Mutating.ChangeFields), new { id = membership, expectedVersion = 0, to = "2025-08-01" });

        payload.AssertValidationError("id", "LEADER_REQUIRED");
    }

    [Fact]
    public async Task EndGroupMembership_UnknownId_IsNotFound()
    {
        var payload = await graph.PayloadAsync("endGroupMembership", Document("endGroupMembership", "EndGroupMembershipInput", Mutating.ChangeFields),
            new { id = NodeId.Encode("GroupMembership", 99_999_999), expectedVersion = 0, to = "2025-08-01" });

        Assert.Equal("NotFoundError", payload.SingleError().GetProperty("__typename").GetString());
    }
}

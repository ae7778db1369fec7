using System.Text.Json;
using Dge.Api.GraphQL.Relay;
using Dge.Api.Groups;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Reliability;

/// <summary>
/// Found by <see cref="HostileWriteSequencesTests"/>: endGroupMembership refuses to end the leader's membership before the
/// group ends, but addGroupMember (role LEADER with an end) and changeGroupLeader (to a member whose membership ends) made a
/// leader period that ends before the group, leaving it with current members and no leader.
/// </summary>
public sealed class LeaderPeriodTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    private async Task<string[]> GpsAsync(int skip)
    {
        await using var db = graph.OpenDb();
        var keys = await db.Doctors.AsNoTracking().Where(d => d.RetiredOn == null).OrderBy(d => d.Id).Skip(skip).Take(2).Select(d => d.Id).ToListAsync();
        return keys.Select(key => NodeId.Encode("Doctor", key)).ToArray();
    }

    private Task<JsonElement> AddAsync(string groupId, string doctorId, string from, string? to, string role) =>
        graph.PayloadAsync("addGroupMember", $"mutation($input: AddGroupMemberInput!) {{ addGroupMember(input: $input) {{ membership {{ id }} {Mutating.Fields("NotFoundError")} }} }}",
            new { groupId, doctorId, from, to, role });

    [Fact]
    public async Task AddGroupMember_LeaderWithAnEndBeforeTheGroupEnds_IsAValidationErrorOnToAndWritesNothing()
    {
        var group = await graph.NewGroupAsync();
        var doctors = await GpsAsync(300);
        var audited = await graph.AuditCountAsync();

        (await AddAsync(group, doctors[0], "2025-02-01", "2025-06-01", "LEADER")).AssertValidationError("to", "LEADER_REQUIRED");

        Assert.Equal(audited, await graph.AuditCountAsync());
        var open = await AddAsync(group, doctors[0], "2025-02-01", to: null, "LEADER");
        Assert.Equal(JsonValueKind.Null, open.GetProperty("errors").ValueKind);
    }

    [Fact]
    public async Task ChangeGroupLeader_ToAMemberWhoseMembershipEnds_IsAValidationErrorOnTheDoctor()
    {
        var group = await graph.NewGroupAsync();
        var doctors = await GpsAsync(310);
        await graph.AddMemberAsync(group, doctors[0], "2025-02-01");
        await graph.AddMemberAsync(group, doctors[1], "2025-02-01", to: "2025-09-01");

        var payload = await graph.PayloadAsync("changeGroupLeader", $"mutation($input: ChangeGroupLeaderInput!) {{ changeGroupLeader(input: $input) {{ group {{ id }} {Mutating.ChangeFields} }} }}",
            new { groupId = group, expectedVersion = await graph.VersionAsync<DgeGroup>(group, "DgeGroup"), doctorId = doctors[1], from = "2025-03-01" });

        payload.AssertValidationError("doctorId", "LEADER_REQUIRED");
        await using var db = graph.OpenDb();
        var key = NodeId.KeyOf(group, "DgeGroup")!.Value;
        Assert.False(await db.GroupMemberships.AnyAsync(m => m.GroupId == key && m.Role == MembershipRole.Leader));
    }
}

using System.Text.Json;
using Dge.Api.GraphQL.Relay;
using Dge.Api.Groups;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Reliability;

/// <summary>
/// Found by <see cref="HostileWriteSequencesTests"/>: updateDoctor refuses a retirement that cuts through a membership, but
/// addGroupMember and changeGroupLeader let a retired doctor's membership run past the retirement.
/// </summary>
public sealed class RetiredDoctorMembershipTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    private async Task<(string Id, DateOnly RetiredOn)> RetiredDoctorAsync()
    {
        await using var db = graph.OpenDb();
        var doctor = await db.Doctors.AsNoTracking().Where(d => d.RetiredOn != null).OrderBy(d => d.Id).FirstAsync();
        return (NodeId.Encode("Doctor", doctor.Id), doctor.RetiredOn!.Value);
    }

    private Task<JsonElement> AddAsync(string groupId, string doctorId, string from, string? to) =>
        graph.PayloadAsync("addGroupMember", $"mutation($input: AddGroupMemberInput!) {{ addGroupMember(input: $input) {{ membership {{ id }} {Mutating.Fields("NotFoundError")} }} }}",
            new { groupId, doctorId, from, to });

    [Fact]
    public async Task AddGroupMember_RetiredDoctor_RefusesAPeriodPastTheRetirementAndWritesNothing()
    {
        var (doctor, retiredOn) = await RetiredDoctorAsync();
        var group = await graph.NewGroupAsync(foundedOn: retiredOn.AddYears(-2).ToString("yyyy-MM-dd"));
        var audited = await graph.AuditCountAsync();

        (await AddAsync(group, doctor, retiredOn.ToString("yyyy-MM-dd"), to: null)).AssertValidationError("from", "AFTER_RETIREMENT");
        (await AddAsync(group, doctor, retiredOn.AddYears(-1).ToString("yyyy-MM-dd"), to: null)).AssertValidationError("to", "AFTER_RETIREMENT");
        (await AddAsync(group, doctor, retiredOn.AddYears(-1).ToString("yyyy-MM-dd"), to: retiredOn.AddDays(1).ToString("yyyy-MM-dd"))).AssertValidationError("to", "AFTER_RETIREMENT");
        Assert.Equal(audited, await graph.AuditCountAsync());

        var until = await AddAsync(group, doctor, retiredOn.AddYears(-1).ToString("yyyy-MM-dd"), to: retiredOn.ToString("yyyy-MM-dd"));
        Assert.Equal(JsonValueKind.Null, until.GetProperty("errors").ValueKind);
    }

    [Fact]
    public async Task ChangeGroupLeader_RetiredDoctorWhoIsNoMember_IsAValidationErrorOnTheDoctor()
    {
        var (doctor, retiredOn) = await RetiredDoctorAsync();
        var group = await graph.NewGroupAsync(foundedOn: retiredOn.AddYears(-2).ToString("yyyy-MM-dd"));
        var version = await graph.VersionAsync<DgeGroup>(group, "DgeGroup");

        var payload = await graph.PayloadAsync("changeGroupLeader", $"mutation($input: ChangeGroupLeaderInput!) {{ changeGroupLeader(input: $input) {{ group {{ id }} {Mutating.ChangeFields} }} }}",
            new { groupId = group, expectedVersion = version, doctorId = doctor, from = retiredOn.AddYears(-1).ToString("yyyy-MM-dd") });

        payload.AssertValidationError("doctorId", "AFTER_RETIREMENT");
        await using var db = graph.OpenDb();
        var key = NodeId.KeyOf(group, "DgeGroup")!.Value;
        Assert.False(await db.GroupMemberships.AnyAsync(m => m.GroupId == key));
    }
}

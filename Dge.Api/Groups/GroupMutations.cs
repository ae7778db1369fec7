using Dge.Api.Coordinators;
using Dge.Api.Data;
using Dge.Api.Doctors;
using Dge.Api.GraphQL.Mutations;
using Dge.Api.KapUnits;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Groups;

public sealed record CreateGroupInput
{
    public required string Name { get; init; }

    public required GroupKind Kind { get; init; }

    public required string KapUnitId { get; init; }

    public string? AdvisorId { get; init; }

    public required DateOnly FoundedOn { get; init; }
}

/// <summary>Fields left out (null) keep their value.</summary>
public sealed record UpdateGroupInput
{
    public required string Id { get; init; }

    public required int ExpectedVersion { get; init; }

    public string? Name { get; init; }

    public GroupKind? Kind { get; init; }

    public DateOnly? FoundedOn { get; init; }
}

public sealed record DissolveGroupInput
{
    public required string Id { get; init; }

    public required int ExpectedVersion { get; init; }

    public required DateOnly DissolvedOn { get; init; }
}

public sealed record DeleteGroupInput
{
    public required string Id { get; init; }

    public required int ExpectedVersion { get; init; }
}

public sealed record AssignAdvisorInput
{
    public required string GroupId { get; init; }

    public required int ExpectedVersion { get; init; }

    public required string AdvisorId { get; init; }
}

public sealed record ChangeGroupLeaderInput
{
    public required string GroupId { get; init; }

    public required int ExpectedVersion { get; init; }

    public required string DoctorId { get; init; }

    public required DateOnly From { get; init; }
}

/// <summary>The group mutations: founding, editing, dissolving and deleting groups, their advisor and their leader.</summary>
public static class GroupMutations
{
    private static readonly IReadOnlyList<string> FindAndChange = [MutationErrorGraphTypes.NotFound, MutationErrorGraphTypes.Conflict];

    public static MutationType AddGroupMutations(this MutationType mutation)
    {
        mutation.Add(new MutationDefinition<CreateGroupInput, DgeGroup>
        {
            Name = "createGroup",
            Description = "Founds a group (efteruddannelsesgruppe) in a KAP unit, optionally with its advisor. It starts without members: add them with addGroupMember and name a leader with changeGroupLeader.",
            ResultField = "group",
            ResultType = "DgeGroup",
            Input =
            [
                new("name", "String!", "Name (navn), at most 200 characters."),
                new("kind", "GroupKind!", "Kind (gruppetype)."),
                new("kapUnitId", "ID!", "The KAP unit (KAP-enhed) the group belongs to."),
                new("advisorId", "ID", "The advisor (efteruddannelsesvejleder): an active ADVISOR of the KAP unit's region."),
                new("foundedOn", "Date!", "Day the group is founded (stiftet)."),
            ],
            Errors = [MutationErrorGraphTypes.NotFound],
            Run = CreateAsync,
        });
        mutation.Add(new MutationDefinition<UpdateGroupInput, DgeGroup>
        {
            Name = "updateGroup",
            Description = "Changes a group's name, kind or founding day; fields left out keep their value.",
            ResultField = "group",
            ResultType = "DgeGroup",
            Input =
            [
                new("id", "ID!", "The group."),
                new("expectedVersion", "Int!", "The version the caller read; a newer one is a ConflictError."),
                new("name", "String", "New name."),
                new("kind", "GroupKind", "New kind."),
                new("foundedOn", "Date", "New founding day: not after the first membership or meeting, nor the dissolution."),
            ],
            Errors = FindAndChange,
            Run = UpdateAsync,
        });
        mutation.Add(new MutationDefinition<DissolveGroupInput, DgeGroup>
        {
            Name = "dissolveGroup",
            Description = "Dissolves a group (nedlægger) from a day on; memberships still running then end that day.",
            ResultField = "group",
            ResultType = "DgeGroup",
            Input =
            [
                new("id", "ID!", "The group."),
                new("expectedVersion", "Int!", "The version the caller read; a newer one is a ConflictError."),
                new("dissolvedOn", "Date!", "First day the group no longer exists (exclusive end); after its founding and after every membership's start."),
            ],
            Errors = FindAndChange,
            Run = DissolveAsync,
        });
        mutation.Add(new MutationDefinition<DeleteGroupInput, DgeGroup>
        {
            Name = "deleteGroup",
            Description = "Deletes a group registered by mistake: only while it has no memberships and no meetings (else dissolve it).",
            ResultField = "group",
            ResultType = "DgeGroup",
            Input =
            [
                new("id", "ID!", "The group."),
                new("expectedVersion", "Int!", "The version the caller read; a newer one is a ConflictError."),
            ],
            Errors = FindAndChange,
            Run = DeleteAsync,
        });
        mutation.Add(new MutationDefinition<AssignAdvisorInput, DgeGroup>
        {
            Name = "assignAdvisor",
            Description = "Makes a coordinator the group's advisor (efteruddannelsesvejleder): an active ADVISOR of the group's KAP unit's region.",
            ResultField = "group",
            ResultType = "DgeGroup",
            Input =
            [
                new("groupId", "ID!", "The group."),
                new("expectedVersion", "Int!", "The group's version the caller read; a newer one is a ConflictError."),
                new("advisorId", "ID!", "The coordinator to advise the group."),
            ],
            Errors = FindAndChange,
            Run = AssignAdvisorAsync,
        });
        mutation.Add(new MutationDefinition<ChangeGroupLeaderInput, DgeGroup>
        {
            Name = "changeGroupLeader",
            Description = "Hands the leader role (gruppeleder) to a doctor from a day on, in one step: the old leader stays a member, and the new one is added as a member if not one already.",
            ResultField = "group",
            ResultType = "DgeGroup",
            Input =
            [
                new("groupId", "ID!", "The group."),
                new("expectedVersion", "Int!", "The group's version the caller read; a newer one is a ConflictError."),
                new("doctorId", "ID!", "The new leader."),
                new("from", "Date!", "First day of the new leader's role; the group must be active that day."),
            ],
            Errors = FindAndChange,
            Run = ChangeLeaderAsync,
        });
        return mutation;
    }

    private static async Task<DgeGroup> CreateAsync(WriteTransaction write, CreateGroupInput input, CancellationToken cancellationToken)
    {
        var group = await FoundAsync(write, input, cancellationToken);
        write.Warn("FEW_MEMBERS", $"The group has no members yet; the norm is {GroupRoster.MinMembers}–{GroupRoster.MaxMembers}.");
        write.Warn("NO_LEADER", "The group has no leader (gruppeleder) yet; name one with changeGroupLeader.");
        return group;
    }

    /// <summary>createGroup's rules and the new group, without its warnings: the import warns once per group, after its members.</summary>
    internal static async Task<DgeGroup> FoundAsync(WriteTransaction write, CreateGroupInput input, CancellationToken cancellationToken)
    {
        var kapUnit = await write.FindAsync<KapUnit>(input.KapUnitId, "kapUnitId", cancellationToken);
        var group = new DgeGroup
        {
            Name = InputRules.Text(input.Name, "name", 200),
            Kind = input.Kind,
            KapUnitId = kapUnit.Id,
            From = InputRules.Date(input.FoundedOn, "foundedOn"),
        };
        if (input.AdvisorId is { } advisorId)
        {
            group.AdvisorId = (await AdvisorAsync(write, advisorId, "advisorId", kapUnit, cancellationToken)).Id;
        }

        write.Db.Groups.Add(group);
        return group;
    }

    private static async Task<DgeGroup> UpdateAsync(WriteTransaction write, UpdateGroupInput input, CancellationToken cancellationToken)
    {
        var group = await write.FindAsync<DgeGroup>(input.Id, "id", cancellationToken);
        write.ExpectVersion(group, input.ExpectedVersion);
        group.Name = input.Name is null ? group.Name : InputRules.Text(input.Name, "name", 200);
        group.Kind = input.Kind ?? group.Kind;
        if (input.FoundedOn is { } foundedOn)
        {
            InputRules.Date(foundedOn, "foundedOn");
            var firstMembership = await write.Db.GroupMemberships.Where(m => m.GroupId == group.Id).MinAsync(m => (DateOnly?)m.From, cancellationToken);
            var firstMeeting = await write.Db.Meetings.Where(m => m.GroupId == group.Id).MinAsync(m => (DateOnly?)m.Date, cancellationToken);
            if (new[] { firstMembership, firstMeeting, group.To }.Where(d => d is not null).Min() is { } limit && foundedOn > limit)
            {
                throw MutationRefusedException.Invalid("foundedOn", "PERIOD_ORDER", $"foundedOn must not be after {limit:yyyy-MM-dd}: the group's first membership, meeting or dissolution.");
            }

            group.From = foundedOn;
        }

        return group;
    }

    private static async Task<DgeGroup> DissolveAsync(WriteTransaction write, DissolveGroupInput input, CancellationToken cancellationToken)
    {
        var group = await write.FindAsync<DgeGroup>(input.Id, "id", cancellationToken);
        write.ExpectVersion(group, input.ExpectedVersion);
        if (group.To is { } dissolved)
        {
            throw MutationRefusedException.Invalid("id", "ALREADY_DISSOLVED", $"The group was dissolved on {dissolved:yyyy-MM-dd}.");
        }

        var end = InputRules.End(InputRules.Date(input.DissolvedOn, "dissolvedOn"), group.From, "dissolvedOn")!.Value;
        var running = await write.Db.GroupMemberships.Where(m => m.GroupId == group.Id && (m.To == null || m.To > end)).ToListAsync(cancellationToken);
        if (running.FirstOrDefault(m => m.From >= end) is { } later)
        {
            throw MutationRefusedException.Invalid("dissolvedOn", "MEMBERSHIP_AFTER_DISSOLUTION", $"A membership starts on {later.From:yyyy-MM-dd}, on or after the dissolution; end or correct it first.");
        }

        if (await write.Db.Meetings.Where(m => m.GroupId == group.Id && m.Date >= end).MinAsync(m => (DateOnly?)m.Date, cancellationToken) is { } meetingDay)
        {
            throw MutationRefusedException.Invalid("dissolvedOn", "MEETING_AFTER_DISSOLUTION", $"The group met on {meetingDay:yyyy-MM-dd}, on or after the dissolution.");
        }

        foreach (var membership in running)
        {
            membership.To = end;
        }

        group.To = end;
        return group;
    }

    private static async Task<DgeGroup> DeleteAsync(WriteTransaction write, DeleteGroupInput input, CancellationToken cancellationToken)
    {
        var group = await write.FindAsync<DgeGroup>(input.Id, "id", cancellationToken);
        write.ExpectVersion(group, input.ExpectedVersion);
        if (await write.Db.GroupMemberships.AnyAsync(m => m.GroupId == group.Id, cancellationToken)
            || await write.Db.Meetings.AnyAsync(m => m.GroupId == group.Id, cancellationToken))
        {
            throw MutationRefusedException.Invalid("id", "GROUP_IN_USE", "The group has memberships or meetings: dissolve it instead (dissolveGroup).");
        }

        write.Db.Groups.Remove(group);
        return group;
    }

    private static async Task<DgeGroup> AssignAdvisorAsync(WriteTransaction write, AssignAdvisorInput input, CancellationToken cancellationToken)
    {
        var group = await write.FindAsync<DgeGroup>(input.GroupId, "groupId", cancellationToken);
        write.ExpectVersion(group, input.ExpectedVersion);
        var kapUnit = await write.Db.KapUnits.FirstAsync(k => k.Id == group.KapUnitId, cancellationToken);
        group.AdvisorId = (await AdvisorAsync(write, input.AdvisorId, "advisorId", kapUnit, cancellationToken)).Id;
        return group;
    }

    private static async Task<DgeGroup> ChangeLeaderAsync(WriteTransaction write, ChangeGroupLeaderInput input, CancellationToken cancellationToken)
    {
        var group = await write.FindAsync<DgeGroup>(input.GroupId, "groupId", cancellationToken);
        write.ExpectVersion(group, input.ExpectedVersion);
        var doctor = await write.FindAsync<Doctor>(input.DoctorId, "doctorId", cancellationToken);
        var from = InputRules.Date(input.From, "from");
        var roster = await GroupRoster.LoadAsync(write, group, cancellationToken);
        var oldLeader = roster.LeaderOn(from);
        if (oldLeader?.DoctorId == doctor.Id)
        {
            throw MutationRefusedException.Invalid("doctorId", "ALREADY_LEADER", $"The doctor leads the group on {from:yyyy-MM-dd} already.");
        }

        if (oldLeader is not null)
        {
            roster.ChangeRole(oldLeader, MembershipRole.Member, from);
        }

        if (roster.ActiveOn(doctor.Id, from) is { } membership)
        {
            roster.RequireLeaderUntilHandedOver(membership.To, "doctorId");
            var leadership = roster.ChangeRole(membership, MembershipRole.Leader, from);
            roster.RequireNoOtherLeader(from, leadership.To, leadership, "from");
        }
        else
        {
            var until = group.To;
            roster.RequireWithinGroup(from, until);
            GroupRoster.RequireBeforeRetirement(doctor, from, until, "from", "doctorId");
            roster.RequireNoOverlap(doctor.Id, from, until, except: null, "doctorId");
            roster.RequireNoOtherLeader(from, until, except: null, "from");
            roster.Add(doctor.Id, MembershipRole.Leader, from, until);
        }

        write.Touch(group);
        roster.WarnNorms(from);
        return group;
    }

    /// <summary>A group's advisor: an ADVISOR of the KAP unit's region, active today.</summary>
    private static async Task<Coordinator> AdvisorAsync(WriteTransaction write, string id, string field, KapUnit kapUnit, CancellationToken cancellationToken)
    {
        var advisor = await write.FindAsync<Coordinator>(id, field, cancellationToken);
        if (advisor.Role != CoordinatorRole.Advisor)
        {
            throw MutationRefusedException.Invalid(field, "NOT_AN_ADVISOR", $"{advisor.Name} is not an advisor (efteruddannelsesvejleder).");
        }

        if (!advisor.IsActiveOn(write.Today))
        {
            throw MutationRefusedException.Invalid(field, "ADVISOR_INACTIVE", $"{advisor.Name} is not an advisor on {write.Today:yyyy-MM-dd}.");
        }

        return advisor.RegionId == kapUnit.RegionId
            ? advisor
            : throw MutationRefusedException.Invalid(field, "ADVISOR_OTHER_REGION", $"{advisor.Name} advises in another region than the KAP unit {kapUnit.Code}'s.");
    }
}

using Dge.Api.Data;
using Dge.Api.Doctors;
using Dge.Api.GraphQL.Mutations;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Groups;

public sealed record AddGroupMemberInput
{
    public required string GroupId { get; init; }

    public required string DoctorId { get; init; }

    public MembershipRole? Role { get; init; }

    public required DateOnly From { get; init; }

    public DateOnly? To { get; init; }
}

public sealed record ChangeMembershipRoleInput
{
    public required string Id { get; init; }

    public required int ExpectedVersion { get; init; }

    public required MembershipRole Role { get; init; }

    public required DateOnly From { get; init; }
}

public sealed record EndGroupMembershipInput
{
    public required string Id { get; init; }

    public required int ExpectedVersion { get; init; }

    public required DateOnly To { get; init; }
}

/// <summary>The membership mutations: who is in a group, in which role, from when to when.</summary>
public static class MembershipMutations
{
    private static readonly IReadOnlyList<string> FindAndChange = [MutationErrorGraphTypes.NotFound, MutationErrorGraphTypes.Conflict];

    public static MutationType AddMembershipMutations(this MutationType mutation)
    {
        mutation.Add(new MutationDefinition<AddGroupMemberInput, GroupMembership>
        {
            Name = "addGroupMember",
            Description = "Adds a doctor to a group (medlemskab) for a period. One doctor's periods in one group must not overlap; a leader is named with changeGroupLeader unless the group has none in the period.",
            ResultField = "membership",
            ResultType = "GroupMembership",
            Input =
            [
                new("groupId", "ID!", "The group."),
                new("doctorId", "ID!", "The doctor."),
                new("role", "MembershipRole", "Role (rolle); default MEMBER."),
                new("from", "Date!", "First day of the membership; the group must be active that day."),
                new("to", "Date", "First day after the membership (exclusive); not before from; null while it lasts."),
            ],
            Errors = [MutationErrorGraphTypes.NotFound],
            Run = AddAsync,
        });
        mutation.Add(new MutationDefinition<ChangeMembershipRoleInput, GroupMembership>
        {
            Name = "changeMembershipRole",
            Description = "Gives a member another role from a day on (the period is split there). The leader role is handed over with changeGroupLeader: a group keeps one leader.",
            ResultField = "membership",
            ResultType = "GroupMembership",
            Input =
            [
                new("id", "ID!", "The membership."),
                new("expectedVersion", "Int!", "The version the caller read; a newer one is a ConflictError."),
                new("role", "MembershipRole!", "The new role."),
                new("from", "Date!", "First day of the new role; within the membership's period."),
            ],
            Errors = FindAndChange,
            Run = ChangeRoleAsync,
        });
        mutation.Add(new MutationDefinition<EndGroupMembershipInput, GroupMembership>
        {
            Name = "endGroupMembership",
            Description = "Ends a membership on a day (exclusive). The leader's membership ends only with the group or after the role is handed over (changeGroupLeader).",
            ResultField = "membership",
            ResultType = "GroupMembership",
            Input =
            [
                new("id", "ID!", "The membership."),
                new("expectedVersion", "Int!", "The version the caller read; a newer one is a ConflictError."),
                new("to", "Date!", "First day after the membership (exclusive); not before its start."),
            ],
            Errors = FindAndChange,
            Run = EndAsync,
        });
        return mutation;
    }

    private static async Task<GroupMembership> AddAsync(WriteTransaction write, AddGroupMemberInput input, CancellationToken cancellationToken)
    {
        var group = await write.FindAsync<DgeGroup>(input.GroupId, "groupId", cancellationToken);
        var doctor = await write.FindAsync<Doctor>(input.DoctorId, "doctorId", cancellationToken);
        var roster = await GroupRoster.LoadAsync(write, group, cancellationToken);
        var membership = Add(write, roster, doctor, input.Role, input.From, input.To);
        roster.WarnNorms(membership.From);
        return membership;
    }

    /// <summary>addGroupMember's rules and the new membership, without its warnings: the import warns once per group, after its members.</summary>
    internal static GroupMembership Add(WriteTransaction write, GroupRoster roster, Doctor doctor, MembershipRole? role, DateOnly from, DateOnly? to)
    {
        InputRules.Date(from, "from");
        var end = InputRules.End(to, from, "to");
        var memberRole = role ?? MembershipRole.Member;
        roster.RequireWithinGroup(from, end);
        GroupRoster.RequireBeforeRetirement(doctor, from, end, "from", "to");
        roster.RequireNoOverlap(doctor.Id, from, end, except: null, "from");
        if (memberRole == MembershipRole.Leader)
        {
            roster.RequireNoOtherLeader(from, end, except: null, "role");
            roster.RequireLeaderUntilHandedOver(end, "to");
        }

        var membership = roster.Add(doctor.Id, memberRole, from, end);
        write.Touch(roster.Group);
        return membership;
    }

    private static async Task<GroupMembership> ChangeRoleAsync(WriteTransaction write, ChangeMembershipRoleInput input, CancellationToken cancellationToken)
    {
        var (roster, membership) = await GroupRoster.LoadForMembershipAsync(write, input.Id, cancellationToken);
        write.ExpectVersion(membership, input.ExpectedVersion);
        var from = InputRules.Date(input.From, "from");
        if (!membership.IsActiveOn(from))
        {
            throw MutationRefusedException.Invalid("from", "OUTSIDE_MEMBERSHIP", $"{from:yyyy-MM-dd} is not within the membership ({membership.From:yyyy-MM-dd}–{membership.To:yyyy-MM-dd}).");
        }

        if (membership.Role == input.Role)
        {
            throw MutationRefusedException.Invalid("role", "SAME_ROLE", $"The member has the role {input.Role} already.");
        }

        if (membership.Role == MembershipRole.Leader || input.Role == MembershipRole.Leader)
        {
            throw MutationRefusedException.Invalid("role", "LEADER_REQUIRED", "A group keeps one leader: hand the role over with changeGroupLeader.");
        }

        var changed = roster.ChangeRole(membership, input.Role, from);
        write.Touch(roster.Group);
        return changed;
    }

    private static async Task<GroupMembership> EndAsync(WriteTransaction write, EndGroupMembershipInput input, CancellationToken cancellationToken)
    {
        var (roster, membership) = await GroupRoster.LoadForMembershipAsync(write, input.Id, cancellationToken);
        write.ExpectVersion(membership, input.ExpectedVersion);
        if (membership.To is { } ended)
        {
            throw MutationRefusedException.Invalid("id", "ALREADY_ENDED", $"The membership ended on {ended:yyyy-MM-dd}.");
        }

        var to = InputRules.End(input.To, membership.From, "to")!.Value;
        if (membership.Role == MembershipRole.Leader && (roster.Group.To is null || to < roster.Group.To))
        {
            throw MutationRefusedException.Invalid("id", "LEADER_REQUIRED", "This is the leader's membership: hand the role over with changeGroupLeader first, or dissolve the group.");
        }

        var attended = await write.Db.MeetingAttendances
            .Where(a => a.DoctorId == membership.DoctorId && a.Meeting!.GroupId == membership.GroupId && a.Meeting.Date >= to)
            .MinAsync(a => (DateOnly?)a.Meeting!.Date, cancellationToken);
        if (attended is { } day)
        {
            throw MutationRefusedException.Invalid("to", "ATTENDED_AFTER_END", $"The doctor attended the group's meeting on {day:yyyy-MM-dd}: attendees are members on the meeting's day, so the membership cannot end before it.");
        }

        membership.To = to;
        write.Touch(roster.Group);
        roster.WarnNorms(to);
        return membership;
    }
}

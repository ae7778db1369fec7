using System.Runtime.CompilerServices;
using Dge.Api.Data;
using Dge.Api.Doctors;
using Dge.Api.GraphQL.Mutations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Dge.Api.Groups;

/// <summary>
/// A group's memberships, loaded and tracked for one change, where the membership rules are checked in one place: no
/// overlapping periods of one doctor, one leader at a time, the 6–12 members norm.
/// </summary>
public sealed class GroupRoster
{
    public const int MinMembers = 6;
    public const int MaxMembers = 12;

    private readonly WriteTransaction _write;
    private readonly List<GroupMembership> _memberships;

    private GroupRoster(WriteTransaction write, DgeGroup group, List<GroupMembership> memberships)
    {
        _write = write;
        Group = group;
        _memberships = memberships;
    }

    public DgeGroup Group { get; }

    /// <summary>Per model (a compiled query serves only the model it was first run with): a group's memberships, tracked.</summary>
    private static readonly ConditionalWeakTable<IModel, Func<DgeDbContext, int, IAsyncEnumerable<GroupMembership>>> Memberships = [];

    /// <summary>The roster of <paramref name="group"/>, its memberships tracked for change: read by a query compiled once, as most writes to a group read it.</summary>
    public static async Task<GroupRoster> LoadAsync(WriteTransaction write, DgeGroup group, CancellationToken cancellationToken)
    {
        var query = Memberships.GetValue(write.Db.Model, _ => EF.CompileAsyncQuery((DgeDbContext db, int groupId) => db.GroupMemberships.Where(m => m.GroupId == groupId)));
        var memberships = new List<GroupMembership>();
        await foreach (var membership in query(write.Db, group.Id).WithCancellation(cancellationToken))
        {
            memberships.Add(membership);
        }

        return new(write, group, memberships);
    }

    /// <summary>The roster of a group created in this change: no memberships yet.</summary>
    public static GroupRoster ForNew(WriteTransaction write, DgeGroup group) => new(write, group, []);

    /// <summary>The group's membership <paramref name="id"/> names; one of another group is not found.</summary>
    public static async Task<(GroupRoster Roster, GroupMembership Membership)> LoadForMembershipAsync(
        WriteTransaction write, string id, CancellationToken cancellationToken)
    {
        var membership = await write.FindAsync<GroupMembership>(id, "id", cancellationToken);
        var group = await write.Db.Groups.FirstAsync(g => g.Id == membership.GroupId, cancellationToken);
        return (await LoadAsync(write, group, cancellationToken), membership);
    }

    /// <summary>The membership active on <paramref name="day"/> of <paramref name="doctorId"/>, if any.</summary>
    public GroupMembership? ActiveOn(int doctorId, DateOnly day) =>
        _memberships.FirstOrDefault(m => m.DoctorId == doctorId && m.IsActiveOn(day));

    /// <summary>The leader's membership active on <paramref name="day"/>, if any.</summary>
    public GroupMembership? LeaderOn(DateOnly day) =>
        _memberships.FirstOrDefault(m => m.Role == MembershipRole.Leader && m.IsActiveOn(day));

    /// <summary>Refuses a period outside the group's life: from before its founding, or lasting past its dissolution.</summary>
    public void RequireWithinGroup(DateOnly from, DateOnly? to)
    {
        if (from < Group.From || (Group.To is { } dissolved && from >= dissolved))
        {
            throw MutationRefusedException.Invalid("from", "GROUP_NOT_ACTIVE", $"The group is not active on {from:yyyy-MM-dd} (founded {Group.From:yyyy-MM-dd}{(Group.To is { } d ? $", dissolved {d:yyyy-MM-dd}" : string.Empty)}).");
        }

        if (Group.To is { } end && (to is null || to > end))
        {
            throw MutationRefusedException.Invalid("to", "AFTER_DISSOLUTION", $"The group is dissolved on {end:yyyy-MM-dd}: a membership must end by then.");
        }
    }

    /// <summary>Refuses a period of <paramref name="doctorId"/> that shares a day with another of their memberships.</summary>
    public void RequireNoOverlap(int doctorId, DateOnly from, DateOnly? to, GroupMembership? except, string field)
    {
        if (_memberships.FirstOrDefault(m => m != except && m.DoctorId == doctorId && InputRules.Overlap(from, to, m)) is { } other)
        {
            throw MutationRefusedException.Invalid(field, "OVERLAPPING_MEMBERSHIP",
                $"The doctor is a member of the group already from {other.From:yyyy-MM-dd}{(other.To is { } t ? $" to {t:yyyy-MM-dd}" : string.Empty)}; periods of one doctor in one group must not overlap.");
        }
    }

    /// <summary>
    /// A retired doctor's memberships end by the retirement (updateDoctor refuses a retirement that cuts through one): a
    /// period starting on or after it is refused on <paramref name="fromField"/>, one running past it on <paramref name="toField"/>.
    /// </summary>
    public static void RequireBeforeRetirement(Doctor doctor, DateOnly from, DateOnly? to, string fromField, string toField)
    {
        if (doctor.RetiredOn is { } retired && (from >= retired || to is null || to > retired))
        {
            throw MutationRefusedException.Invalid(from >= retired ? fromField : toField, "AFTER_RETIREMENT",
                $"The doctor retired on {retired:yyyy-MM-dd}: a membership must end by then.");
        }
    }

    /// <summary>
    /// A leader's period ends with the group or where the role is handed over (endGroupMembership refuses to end it
    /// otherwise): a new leader period that ends before the group does would leave the group without one.
    /// </summary>
    public void RequireLeaderUntilHandedOver(DateOnly? to, string field)
    {
        if (to is { } end && (Group.To is null || end < Group.To))
        {
            throw MutationRefusedException.Invalid(field, "LEADER_REQUIRED",
                $"A leader's period runs until the group is dissolved or the role is handed over (changeGroupLeader); this one ends on {end:yyyy-MM-dd}.");
        }
    }

    /// <summary>Refuses a leader period that shares a day with another leader's: a group has one leader at a time.</summary>
    public void RequireNoOtherLeader(DateOnly from, DateOnly? to, GroupMembership? except, string field)
    {
        if (_memberships.Any(m => m != except && m.Role == MembershipRole.Leader && InputRules.Overlap(from, to, m)))
        {
            throw MutationRefusedException.Invalid(field, "LEADER_EXISTS", "The group has a leader in that period; use changeGroupLeader to hand the role over.");
        }
    }

    public GroupMembership Add(int doctorId, MembershipRole role, DateOnly from, DateOnly? to)
    {
        // The navigation too: a group created in this change has its key only once it is saved.
        var membership = new GroupMembership { GroupId = Group.Id, Group = Group, DoctorId = doctorId, Role = role, From = from, To = to };
        _memberships.Add(membership);
        _write.Db.GroupMemberships.Add(membership);
        return membership;
    }

    /// <summary>
    /// Gives <paramref name="membership"/> <paramref name="role"/> from <paramref name="day"/> on: in place when the period
    /// starts that day, else the period is split at <paramref name="day"/>. Returns the membership holding the new role.
    /// </summary>
    public GroupMembership ChangeRole(GroupMembership membership, MembershipRole role, DateOnly day)
    {
        if (membership.From == day)
        {
            membership.Role = role;
            return membership;
        }

        var rest = Add(membership.DoctorId, role, day, membership.To);
        membership.To = day;
        return rest;
    }

    /// <summary>
    /// Warns when the group, on <paramref name="day"/>, misses the 6–12 members norm or has no leader; with
    /// <paramref name="named"/>, the warnings name the group (a change of several groups).
    /// </summary>
    public void WarnNorms(DateOnly day, bool named = false)
    {
        var subject = named ? $"The group '{Group.Name}'" : "the group";
        if (!(Group.From <= day && (Group.To is null || day < Group.To)))
        {
            return;
        }

        var members = _memberships.Count(m => m.IsActiveOn(day));
        if (members < MinMembers)
        {
            _write.Warn("FEW_MEMBERS", $"On {day:yyyy-MM-dd} {subject} has {members} members; the norm is {MinMembers}–{MaxMembers}.");
        }
        else if (members > MaxMembers)
        {
            _write.Warn("MANY_MEMBERS", $"On {day:yyyy-MM-dd} {subject} has {members} members; the norm is {MinMembers}–{MaxMembers}.");
        }

        if (LeaderOn(day) is null)
        {
            _write.Warn("NO_LEADER", $"On {day:yyyy-MM-dd} {subject} has no leader (gruppeleder); name one with changeGroupLeader.");
        }
    }
}

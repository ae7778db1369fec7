using Dge.Api.Data;
using Dge.Api.GraphQL.Model;

namespace Dge.Api.Groups;

/// <summary>The GraphQL shape of <see cref="DgeGroup"/> and <see cref="GroupMembership"/>.</summary>
public static class DgeGroupType
{
    public static EntityModel<DgeGroup> Model { get; } =
        new EntityModel<DgeGroup>("DgeGroup", "A continuing-education group (efteruddannelsesgruppe): 6–12 members is the norm, one leader (gruppeleder), approved and advised by an advisor (efteruddannelsesvejleder).", "groups", "All DGE groups (efteruddannelsesgrupper).")
            .Scalar("name", g => g.Name, "Name (navn).")
            .Scalar("kind", g => g.Kind, "Kind (gruppetype): DGE, TOPIC, SUPERVISION, JUNIOR, NEW_GP or KGE.")
            .Scalar("foundedOn", g => g.From, "Day the group was founded (stiftet).")
            .Scalar("dissolvedOn", g => g.To, "Day the group was dissolved (nedlagt, exclusive end); null while active.")
            .Reference("kapUnit", g => g.KapUnit, "The KAP unit (KAP-enhed) the group belongs to.")
            .Reference("advisor", g => g.Advisor, "The advisor (efteruddannelsesvejleder) who approved and advises the group.")
            .Connection("members", db => db.GroupMemberships, m => m.GroupId, Periods.ActiveOn<GroupMembership>, "Memberships (medlemskaber) of the group's members.")
            .Connection("memberships", db => db.GroupMemberships, m => m.GroupId, "Every membership (medlemskab), past and present.")
            .Connection("meetings", db => db.Meetings, m => m.GroupId, "The group's meetings (gruppemøder).");

    public static EntityModel<GroupMembership> MembershipModel { get; } =
        new EntityModel<GroupMembership>("GroupMembership", "A doctor's membership of a group (medlemskab) with a role, over a half-open period [from, to).", "groupMemberships", "All group memberships.")
            .Scalar("role", m => m.Role, "Role (rolle): MEMBER (medlem), LEADER (gruppeleder) or TREASURER (kasserer).")
            .Period("membership")
            .Reference("group", m => m.Group, "The group (gruppe).")
            .Reference("doctor", m => m.Doctor, "The member (læge).");
}

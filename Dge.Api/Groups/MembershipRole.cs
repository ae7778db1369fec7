using System.ComponentModel;

namespace Dge.Api.Groups;

[Description("A member's role in a group (rolle).")]
public enum MembershipRole
{
    [Description("Medlem.")]
    Member,

    [Description("Gruppeleder: every group has exactly one among its current members.")]
    Leader,

    [Description("Kasserer.")]
    Treasurer,
}

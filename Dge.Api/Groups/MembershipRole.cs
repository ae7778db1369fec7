namespace Dge.Api.Groups;

/// <summary>A member's role in a group.</summary>
public enum MembershipRole
{
    /// <summary>Medlem.</summary>
    Member,

    /// <summary>Gruppeleder: every group has exactly one among its current members.</summary>
    Leader,

    /// <summary>Kasserer.</summary>
    Treasurer,
}

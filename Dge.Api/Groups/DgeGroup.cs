using Dge.Api.Coordinators;
using Dge.Api.Data;
using Dge.Api.KapUnits;

namespace Dge.Api.Groups;

/// <summary>A continuing-education group (efteruddannelsesgruppe).</summary>
public sealed class DgeGroup : Entity, IPeriod
{
    public required string Name { get; set; }

    public GroupKind Kind { get; set; }

    public int KapUnitId { get; set; }

    public KapUnit? KapUnit { get; set; }

    /// <summary>The efteruddannelsesvejleder who approved the group and advises it.</summary>
    public int? AdvisorId { get; set; }

    public Coordinator? Advisor { get; set; }

    /// <summary>The day the group was founded (stiftet; column and field <c>foundedOn</c>).</summary>
    public DateOnly From { get; set; }

    /// <summary>The day the group was dissolved (nedlagt; column and field <c>dissolvedOn</c>), exclusive; null while active.</summary>
    public DateOnly? To { get; set; }

    public List<GroupMembership> Memberships { get; set; } = [];
}

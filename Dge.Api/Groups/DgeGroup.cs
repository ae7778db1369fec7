using Dge.Api.Coordinators;
using Dge.Api.Data;
using Dge.Api.KapUnits;

namespace Dge.Api.Groups;

/// <summary>A continuing-education group (efteruddannelsesgruppe).</summary>
public sealed class DgeGroup : Entity
{
    public required string Name { get; set; }

    public GroupKind Kind { get; set; }

    public int KapUnitId { get; set; }

    public KapUnit? KapUnit { get; set; }

    /// <summary>The efteruddannelsesvejleder who approved the group and advises it.</summary>
    public int? AdvisorId { get; set; }

    public Coordinator? Advisor { get; set; }

    public DateOnly FoundedOn { get; set; }

    /// <summary>Exclusive end: the group is active on D when FoundedOn ≤ D &lt; DissolvedOn.</summary>
    public DateOnly? DissolvedOn { get; set; }

    public List<GroupMembership> Memberships { get; set; } = [];
}

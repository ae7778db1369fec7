using Dge.Api.Data;
using Dge.Api.Municipalities;
using Dge.Api.Regions;

namespace Dge.Api.HealthCouncils;

/// <summary>A health council (sundhedsråd): 17 from 2027, each covering whole municipalities.</summary>
public sealed class HealthCouncil : Entity
{
    /// <summary>Stable slug from the reference data, e.g. "hovedstaden".</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    /// <summary>The region the council belongs to from 2027.</summary>
    public int RegionId { get; set; }

    public Region? Region { get; set; }

    /// <summary>Date the council is in force (preparatory before).</summary>
    public DateOnly InForceFrom { get; set; }

    public List<Municipality> Municipalities { get; set; } = [];
}

using Dge.Api.Data;
using Dge.Api.Regions;

namespace Dge.Api.KapUnits;

/// <summary>A regional quality and continuing-education unit (KAP-enhed / kvalitetsenhed).</summary>
public sealed class KapUnit : Entity
{
    /// <summary>Short code, e.g. "KAP-H".</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public int RegionId { get; set; }

    public Region? Region { get; set; }
}

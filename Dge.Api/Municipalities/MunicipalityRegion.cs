using Dge.Api.Data;
using Dge.Api.Regions;

namespace Dge.Api.Municipalities;

/// <summary>One period in which a municipality belonged to a region.</summary>
public sealed class MunicipalityRegion : Entity, IPeriod
{
    public int MunicipalityId { get; set; }

    public Municipality? Municipality { get; set; }

    public int RegionId { get; set; }

    public Region? Region { get; set; }

    public DateOnly From { get; set; }

    public DateOnly? To { get; set; }
}

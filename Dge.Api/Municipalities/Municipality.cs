using Dge.Api.Data;
using Dge.Api.HealthCouncils;

namespace Dge.Api.Municipalities;

/// <summary>A municipality (kommune), identified by its official code, zero-padded to four digits.</summary>
public sealed class Municipality : Entity
{
    public required string Code { get; set; }

    public required string Name { get; set; }

    public int HealthCouncilId { get; set; }

    public HealthCouncil? HealthCouncil { get; set; }

    /// <summary>The regions the municipality has belonged to over time.</summary>
    public List<MunicipalityRegion> RegionHistory { get; set; } = [];
}

using Dge.Api.Data;

namespace Dge.Api.Regions;

/// <summary>A Danish region (region). Regions have a validity period; a closed region names its successor.</summary>
public sealed class Region : Entity
{
    /// <summary>Official region code (e.g. 1084); null until one is published (Region Østdanmark).</summary>
    public string? Code { get; set; }

    public required string Name { get; set; }

    public required string Seat { get; set; }

    public DateOnly ValidFrom { get; set; }

    /// <summary>Exclusive end of validity; null while the region exists.</summary>
    public DateOnly? ValidTo { get; set; }

    public int? SuccessorId { get; set; }

    public Region? Successor { get; set; }
}

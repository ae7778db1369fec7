using Dge.Api.Data;

namespace Dge.Api.Regions;

/// <summary>A Danish region (region). Regions have a validity period; a closed region names its successor.</summary>
public sealed class Region : Entity, IPeriod
{
    /// <summary>Official region code (e.g. 1084); null until one is published (Region Østdanmark).</summary>
    public string? Code { get; set; }

    public required string Name { get; set; }

    public required string Seat { get; set; }

    /// <summary>The first day the region exists (gyldig fra; column and field <c>validFrom</c>).</summary>
    public DateOnly From { get; set; }

    /// <summary>Exclusive end of validity (column and field <c>validTo</c>); null while the region exists.</summary>
    public DateOnly? To { get; set; }

    public int? SuccessorId { get; set; }

    public Region? Successor { get; set; }
}

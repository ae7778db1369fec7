using Dge.Api.Data;

namespace Dge.Api.Themes;

/// <summary>A theme (emne / tema): the shared vocabulary linking groups, clusters and materials.</summary>
public sealed class Theme : Entity
{
    /// <summary>Reference code, e.g. "T01".</summary>
    public required string Code { get; set; }

    public required string NameDa { get; set; }

    public required string NameEn { get; set; }

    public required string Category { get; set; }
}

using Dge.Api.Data;
using Dge.Api.Groups;
using Dge.Api.Themes;

namespace Dge.Api.Materials;

/// <summary>A learning material (læringsmateriale).</summary>
public sealed class LearningMaterial : Entity
{
    public required string Title { get; set; }

    public MaterialKind Kind { get; set; }

    /// <summary>PLO-E, KiAP, DSAM or a KAP unit.</summary>
    public required string Publisher { get; set; }

    public DateOnly PublishedOn { get; set; }

    public required string Url { get; set; }

    /// <summary>Day the material was withdrawn (udgået); null while in use.</summary>
    public DateOnly? RetiredOn { get; set; }

    public List<MaterialTheme> Themes { get; set; } = [];

    public List<MaterialGroupKind> IntendedGroupKinds { get; set; } = [];
}

/// <summary>A theme a material treats.</summary>
public sealed class MaterialTheme : Entity
{
    public int MaterialId { get; set; }

    public LearningMaterial? Material { get; set; }

    public int ThemeId { get; set; }

    public Theme? Theme { get; set; }
}

/// <summary>A group kind a material is intended for.</summary>
public sealed class MaterialGroupKind : Entity
{
    public int MaterialId { get; set; }

    public LearningMaterial? Material { get; set; }

    public GroupKind Kind { get; set; }
}

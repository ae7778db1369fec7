using Dge.Api.Clusters;
using Dge.Api.Groups;

namespace Dge.Api.Themes;

/// <summary>A theme a group has held at least one meeting on (view <c>GroupThemes</c>: distinct pairs).</summary>
public sealed class GroupTheme
{
    public int ThemeId { get; set; }

    public Theme? Theme { get; set; }

    public int GroupId { get; set; }

    public DgeGroup? Group { get; set; }
}

/// <summary>A theme of a package a cluster has adopted at some time (view <c>ClusterThemes</c>: distinct pairs).</summary>
public sealed class ClusterTheme
{
    public int ThemeId { get; set; }

    public Theme? Theme { get; set; }

    public int ClusterId { get; set; }

    public QualityCluster? Cluster { get; set; }
}

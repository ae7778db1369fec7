using Dge.Api.Data;
using Dge.Api.Materials;

namespace Dge.Api.Clusters;

/// <summary>A cluster package (klyngepakke) a cluster works on over a period.</summary>
public sealed class ClusterPackageAdoption : Entity, IPeriod
{
    public int ClusterId { get; set; }

    public QualityCluster? Cluster { get; set; }

    public int MaterialId { get; set; }

    public LearningMaterial? Material { get; set; }

    public DateOnly From { get; set; }

    public DateOnly? To { get; set; }
}

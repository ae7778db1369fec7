using Dge.Api.Data;
using Dge.Api.Municipalities;
using Dge.Api.Regions;

namespace Dge.Api.Clusters;

/// <summary>A quality cluster (kvalitetsklynge): clinics that work together on cluster packages.</summary>
public sealed class QualityCluster : Entity
{
    public required string Name { get; set; }

    public int RegionId { get; set; }

    public Region? Region { get; set; }

    /// <summary>The municipality the cluster mainly serves.</summary>
    public int MunicipalityId { get; set; }

    public Municipality? Municipality { get; set; }

    public List<ClusterClinicMembership> ClinicMemberships { get; set; } = [];

    public List<ClusterPackageAdoption> PackageAdoptions { get; set; } = [];
}

using Dge.Api.Clinics;
using Dge.Api.Data;

namespace Dge.Api.Clusters;

/// <summary>A period in which a clinic was a member of a cluster (membership is per clinic).</summary>
public sealed class ClusterClinicMembership : Entity, IPeriod
{
    public int ClusterId { get; set; }

    public QualityCluster? Cluster { get; set; }

    public int ClinicId { get; set; }

    public Clinic? Clinic { get; set; }

    public DateOnly From { get; set; }

    public DateOnly? To { get; set; }
}

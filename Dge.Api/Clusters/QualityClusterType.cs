using Dge.Api.Data;
using Dge.Api.GraphQL.Model;

namespace Dge.Api.Clusters;

/// <summary>The GraphQL shape of <see cref="QualityCluster"/>, its clinic memberships and package adoptions.</summary>
public static class QualityClusterType
{
    public static EntityModel<QualityCluster> Model { get; } =
        new EntityModel<QualityCluster>("QualityCluster", "A quality cluster (kvalitetsklynge): clinics of one area that work together on cluster packages (klyngepakker); membership is per clinic.", "qualityClusters", "All quality clusters (kvalitetsklynger).")
            .Scalar("name", c => c.Name, "Name (navn), e.g. Klynge Viborg.")
            .Reference("region", c => c.Region, "The region (region) of the cluster; its clinics are all in it.")
            .Reference("municipality", c => c.Municipality, "The municipality (kommune) the cluster mainly serves.")
            .Connection("clinics", db => db.ClusterClinicMemberships, m => m.ClusterId, m => m.Clinic!,
                Periods.ActiveOn<ClusterClinicMembership>, "Member clinics (medlemsklinikker).")
            .Connection("clinicMemberships", db => db.ClusterClinicMemberships, m => m.ClusterId, "Every clinic membership period (medlemskaber), past and present.")
            .Connection("packages", db => db.ClusterPackageAdoptions, a => a.ClusterId, a => a.Material!,
                Periods.ActiveOn<ClusterPackageAdoption>, "Cluster packages (klyngepakker) the cluster works on.")
            .Connection("packageAdoptions", db => db.ClusterPackageAdoptions, a => a.ClusterId, "Every package adoption period (klyngepakker i brug), past and present.")
            .Connection("themes", db => db.ClusterThemes, t => t.ClusterId, t => t.Theme!, "Themes (emner) of every package the cluster has adopted.")
            .Connection("coordinators", db => db.Coordinators, c => c.ClusterId, "Cluster coordinators (klyngekoordinatorer).");

    public static EntityModel<ClusterClinicMembership> MembershipModel { get; } =
        new EntityModel<ClusterClinicMembership>("ClusterMembership", "A period in which a clinic was a member of a quality cluster (klyngemedlemskab); half-open [from, to).", "clusterMemberships", "All cluster membership periods.")
            .Period("membership")
            .Reference("cluster", m => m.Cluster, "The cluster (klynge).")
            .Reference("clinic", m => m.Clinic, "The member clinic (klinik).");

    public static EntityModel<ClusterPackageAdoption> AdoptionModel { get; } =
        new EntityModel<ClusterPackageAdoption>("ClusterPackageAdoption", "A cluster package in use by a cluster for a period (klyngepakke i brug); half-open [from, to).", "clusterPackageAdoptions", "All cluster package adoptions.")
            .Period("adoption")
            .Reference("cluster", a => a.Cluster, "The cluster (klynge).")
            .Reference("package", a => a.Material, "The package (klyngepakke), a learning material of kind CLUSTER_PACKAGE.");
}

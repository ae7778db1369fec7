using Dge.Api.Clusters;
using Dge.Api.Data;
using Dge.Api.Doctors;
using Dge.Api.GraphQL.Model;

namespace Dge.Api.Clinics;

/// <summary>The GraphQL shape of <see cref="Clinic"/> (not named ClinicType: that is the enum the API publishes under that name).</summary>
public static class ClinicEntityType
{
    public static EntityModel<Clinic> Model { get; } =
        new EntityModel<Clinic>("Clinic", "A general practice (klinik / praksis), identified by its ydernummer.", "clinics", "All clinics (klinikker).")
            .Scalar("ydernummer", c => c.Ydernummer, "Provider number (ydernummer): six digits, unique.")
            .Scalar("name", c => c.Name, "Name (navn), e.g. Lægerne Vestergade.")
            .Scalar("address", c => c.Address, "Street address (adresse).")
            .Scalar("type", c => c.Type, "How the clinic is run (kliniktype): PLO, REGION or TENDER.")
            .Scalar("isTutorPractice", c => c.IsTutorPractice, "Whether the clinic trains young doctors (uddannelsespraksis).")
            .Scalar("closedOn", c => c.ClosedOn, "First day the clinic no longer exists (lukket), exclusive; null while it is open.")
            .Reference("municipality", c => c.Municipality, "The municipality (kommune) the clinic is in.")
            .ReferenceOn("cluster", CurrentLink.Of<Clinic, ClusterClinicMembership, QualityCluster>(c => c.ClusterMemberships, m => m.ClinicId, m => m.Cluster),
                "The quality cluster (kvalitetsklynge) the clinic is a member of.")
            .Connection("doctors", db => db.ClinicEmployments, e => e.ClinicId, e => e.Doctor!, Periods.ActiveOn<ClinicEmployment>, "Doctors (læger) working in the clinic.")
            .Connection("employments", db => db.ClinicEmployments, e => e.ClinicId, "Every employment period (ansættelser) in the clinic, past and present.")
            .Connection("clusterMemberships", db => db.ClusterClinicMemberships, m => m.ClinicId, "Every cluster membership period (klyngemedlemskaber) of the clinic.");
}

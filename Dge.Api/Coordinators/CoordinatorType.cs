using Dge.Api.GraphQL.Model;

namespace Dge.Api.Coordinators;

/// <summary>The GraphQL shape of <see cref="Coordinator"/>.</summary>
public static class CoordinatorType
{
    public static EntityModel<Coordinator> Model { get; } =
        new EntityModel<Coordinator>("Coordinator", "A person in a coordinating role (koordinator / vejleder) for a half-open period [from, to), with weekly hours and a scope set by the role: national, region, KAP unit, cluster or municipality.", "coordinators", "All coordinators and advisors (koordinatorer og vejledere).")
            .Scalar("name", c => c.Name, "Name (navn).")
            .Personal("email", c => c.Email, "E-mail address (e-mail).")
            .Scalar("role", c => c.Role, "Role (rolle), e.g. ADVISOR (efteruddannelsesvejleder) or CLUSTER_COORDINATOR (klyngekoordinator).")
            .Scalar("weeklyHours", c => c.WeeklyHours, "Hours per week in the role (timer pr. uge).")
            .Period("role")
            .Reference("doctor", c => c.Doctor, "The doctor (læge) holding the role, when a GP does.")
            .Reference("region", c => c.Region, "Scope: the region (region), for regional coordinators and advisors.")
            .Reference("kapUnit", c => c.KapUnit, "Scope: the KAP unit (KAP-enhed), for secretariat staff.")
            .Reference("cluster", c => c.Cluster, "Scope: the cluster (klynge), for cluster coordinators.")
            .Reference("municipality", c => c.Municipality, "Scope: the municipality (kommune), for training coordinators.")
            .Connection("advisedGroups", db => db.Groups, g => g.AdvisorId, "Groups (grupper) the coordinator advises, as efteruddannelsesvejleder.");
}

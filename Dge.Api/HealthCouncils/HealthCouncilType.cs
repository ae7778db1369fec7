using Dge.Api.GraphQL.Model;

namespace Dge.Api.HealthCouncils;

/// <summary>The GraphQL shape of <see cref="HealthCouncil"/>.</summary>
public static class HealthCouncilType
{
    public static EntityModel<HealthCouncil> Model { get; } =
        new EntityModel<HealthCouncil>("HealthCouncil", "A health council (sundhedsråd): 17 from 2027 (preparatory in 2026), each covering whole municipalities.", "healthCouncils", "All 17 health councils (sundhedsråd).")
            .ReadOnly()
            .Scalar("key", h => h.Key, "Stable key from the reference data, e.g. hovedstaden.")
            .Scalar("name", h => h.Name, "Name (navn), e.g. Sundhedsråd Aarhus.")
            .Scalar("inForceFrom", h => h.InForceFrom, "Day the council takes effect (i kraft fra); preparatory before.")
            .Reference("region", h => h.Region, "The region (region) the council belongs to from 2027.")
            .Connection("municipalities", db => db.Municipalities, m => m.HealthCouncilId, "The municipalities (kommuner) the council covers.");
}

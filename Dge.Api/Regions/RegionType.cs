using Dge.Api.Data;
using Dge.Api.GraphQL.Model;
using Dge.Api.Municipalities;

namespace Dge.Api.Regions;

/// <summary>The GraphQL shape of <see cref="Region"/>.</summary>
public static class RegionType
{
    public static EntityModel<Region> Model { get; } =
        new EntityModel<Region>("Region", "A Danish region (region), with its validity period; a closed region names its successor (Region Østdanmark replaces Hovedstaden and Sjælland on 2027-01-01).", "regions", "All regions (regioner), past and future.")
            .ReadOnly()
            .Scalar("code", r => r.Code, "Official region code (regionskode), e.g. 1084; null until one is published.")
            .Scalar("name", r => r.Name, "Name (navn), e.g. Region Midtjylland.")
            .Scalar("seat", r => r.Seat, "Seat of the regional council (hjemsted).")
            .Scalar("validFrom", r => r.From, "First day the region exists (gyldig fra).")
            .Scalar("validTo", r => r.To, "First day the region no longer exists (gyldig til, exclusive); null while it exists.")
            .Reference("successor", r => r.Successor, "The region that replaces this one when it closes (efterfølger).")
            .Connection("predecessors", db => db.Regions, r => r.SuccessorId, "Regions this one replaced (forgængere).")
            .Connection("municipalities", db => db.MunicipalityRegions, m => m.RegionId, m => m.Municipality!,
                Periods.ActiveOn<MunicipalityRegion>, "Municipalities (kommuner) in the region.")
            .Connection("municipalityPeriods", db => db.MunicipalityRegions, m => m.RegionId, "Every period in which a municipality belonged to the region (kommunehistorik).")
            .Connection("healthCouncils", db => db.HealthCouncils, h => h.RegionId, "Health councils (sundhedsråd) of the region from 2027.")
            .Connection("kapUnits", db => db.KapUnits, k => k.RegionId, "The region's quality unit (KAP-enhed).")
            .Connection("clusters", db => db.QualityClusters, c => c.RegionId, "Quality clusters (kvalitetsklynger) in the region.")
            .Connection("coordinators", db => db.Coordinators, c => c.RegionId, "Coordinators and advisors (koordinatorer, vejledere) with the region as scope.");
}

using Dge.Api.GraphQL.Model;
using Dge.Api.Regions;

namespace Dge.Api.Municipalities;

/// <summary>The GraphQL shape of <see cref="Municipality"/> and its region periods.</summary>
public static class MunicipalityType
{
    public static EntityModel<Municipality> Model { get; } =
        new EntityModel<Municipality>("Municipality", "A municipality (kommune), one of the 98, with its region over time and its health council (sundhedsråd).", "municipalities", "All 98 municipalities (kommuner).")
            .ReadOnly()
            .Scalar("code", m => m.Code, "Official municipality code (kommunekode), zero-padded to four digits, e.g. 0101.")
            .Scalar("name", m => m.Name, "Name (navn), e.g. København.")
            .Reference("healthCouncil", m => m.HealthCouncil, "The health council (sundhedsråd) that covers the municipality.")
            .ReferenceOn("region", CurrentLink.Of<Municipality, MunicipalityRegion, Region>(m => m.RegionHistory, p => p.MunicipalityId, p => p.Region), "The region (region) the municipality belongs to.")
            .Connection("regionHistory", db => db.MunicipalityRegions, p => p.MunicipalityId, "Every period of the municipality's region membership (regionshistorik).")
            .Connection("clinics", db => db.Clinics, c => c.MunicipalityId, "Clinics (klinikker) in the municipality.")
            .Connection("clusters", db => db.QualityClusters, c => c.MunicipalityId, "Quality clusters (kvalitetsklynger) serving the municipality.")
            .Connection("coordinators", db => db.Coordinators, c => c.MunicipalityId, "Training coordinators (uddannelseskoordinatorer) with the municipality as area.");

    public static EntityModel<MunicipalityRegion> PeriodModel { get; } =
        new EntityModel<MunicipalityRegion>("MunicipalityRegionPeriod", "A period in which a municipality belonged to a region (regionstilhørsforhold); half-open [from, to).", "municipalityRegionPeriods", "All municipality-region periods.")
            .ReadOnly()
            .Period("period")
            .Reference("municipality", p => p.Municipality, "The municipality (kommune).")
            .Reference("region", p => p.Region, "The region (region).");
}

using Dge.Api.GraphQL.Relay;
using GraphQL.Types;

namespace Dge.Api.Views;

/// <summary><c>ReformImpact</c>.</summary>
public sealed class ReformImpactGraphType : ObjectGraphType<ReformImpact>
{
    public ReformImpactGraphType()
    {
        Name = "ReformImpact";
        Description = "The 2027 reform (strukturreform 2027): Region Østdanmark replaces Hovedstaden and Sjælland and the 17 health councils come into force. Per new region and per health council, what moves and how coverage looks in the new structure. The old structure is read on the day before the reform, the new one on max(asOf, reformDay); doctors, groups and coverage are counted on asOf. An item moves when the region of its municipality changes at the reform.";
        Field("asOf", ViewTypes.NonNull("Date")).Description("The reference date (skæringsdato) for doctors, groups and coverage.").Resolve(c => c.Source.AsOf);
        Field("reformDay", ViewTypes.NonNull("Date")).Description("First day of the new regions (reformdato), 2027-01-01.").Resolve(c => c.Source.ReformDay);
        Field("structureDay", ViewTypes.NonNull("Date")).Description("The day the new structure is read on: max(asOf, reformDay).").Resolve(c => c.Source.StructureDay);
        Field("regions", ViewTypes.ListOf("ReformImpactRow")).Description("One row per region in force on structureDay (nye regioner), by name.").Resolve(c => c.Source.Regions);
        Field("healthCouncils", ViewTypes.ListOf("ReformImpactRow")).Description("One row per health council (sundhedsråd), by name.").Resolve(c => c.Source.HealthCouncils);
    }
}

/// <summary><c>ReformImpactRow</c>.</summary>
public sealed class ReformImpactRowGraphType : ObjectGraphType<ReformImpactRow>
{
    public ReformImpactRowGraphType()
    {
        Name = "ReformImpactRow";
        Description = "What the reform changes for one region or health council of the new structure (konsekvenser af reformen).";
        Field("scope", ViewTypes.NonNull(nameof(CoverageScope))).Description("REGION or HEALTH_COUNCIL.").Resolve(c => c.Source.Scope);
        Field("scopeId", ViewTypes.NonNull("ID")).Description("Global id of the region or health council; use it with node(id:).")
            .Resolve(c => NodeId.Encode(CoverageRowGraphType.ModelName(c.Source.Scope), c.Source.ScopeId));
        Field("code", ViewTypes.Nullable("String")).Description("Region code or health council key (kode); null for Region Østdanmark until its code is published.").Resolve(c => c.Source.Code);
        Field("name", ViewTypes.NonNull("String")).Description("Name (navn).").Resolve(c => c.Source.Name);
        Field("formerRegions", ViewTypes.ListOf("Region")).Description("The regions the scope's municipalities belonged to on the day before the reform (tidligere regioner).").Resolve(c => c.Source.FormerRegions);
        Field("municipalities", ViewTypes.NonNull("Int")).Description("Municipalities in the scope (kommuner).").Resolve(c => c.Source.Municipalities);
        Field("municipalitiesMoving", ViewTypes.NonNull("Int")).Description("Of those, municipalities whose region changes (kommuner der skifter region).").Resolve(c => c.Source.MunicipalitiesMoving);
        Field("kapUnits", ViewTypes.ListOf("KapUnit")).Description("KAP units serving the scope's municipalities (KAP-enheder), by code.").Resolve(c => c.Source.KapUnits);
        Field("kapUnitsMoving", ViewTypes.ListOf("KapUnit"))
            .Description("Of those, the units whose region closes at the reform, so they pass to its successor (KAP-enheder der flytter).")
            .Resolve(c => c.Source.KapUnitsMoving);
        Field("clusters", ViewTypes.NonNull("Int")).Description("Quality clusters whose municipality is in the scope (klynger).").Resolve(c => c.Source.Clusters);
        Field("clustersMoving", ViewTypes.NonNull("Int")).Description("Of those, clusters whose municipality changes region (klynger der flytter).").Resolve(c => c.Source.ClustersMoving);
        Field("groups", ViewTypes.NonNull("Int"))
            .Description("Groups active on asOf with at least one current member working in the scope (grupper); a group spanning two scopes counts in both.")
            .Resolve(c => c.Source.Groups);
        Field("groupsMoving", ViewTypes.NonNull("Int"))
            .Description("Of those, groups whose KAP unit's region closes at the reform (grupper der flytter).")
            .Resolve(c => c.Source.GroupsMoving);
        Field("doctorsMoving", ViewTypes.NonNull("Int"))
            .Description("Active doctors on asOf working in a municipality of the scope whose region changes (læger der flytter).")
            .Resolve(c => c.Source.DoctorsMoving);
        Field("coverage", ViewTypes.NonNull("Coverage"))
            .Description("Coverage on asOf in the new structure (dækning i den nye struktur); activeDoctors is the number of doctors in the scope.")
            .Resolve(c => c.Source.Coverage);
    }
}

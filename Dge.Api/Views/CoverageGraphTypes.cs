using Dge.Api.Clusters;
using Dge.Api.Doctors;
using Dge.Api.GraphQL.Relay;
using Dge.Api.HealthCouncils;
using Dge.Api.KapUnits;
using Dge.Api.Municipalities;
using Dge.Api.Regions;
using GraphQL.Types;

namespace Dge.Api.Views;

/// <summary>Type references shared by the view types, which refer to each other and to the entity types by name.</summary>
internal static class ViewTypes
{
    public static NonNullGraphType NonNull(string name) => new(new GraphQLTypeReference(name));

    public static NonNullGraphType ListOf(string name) => new(new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(name))));

    public static GraphQLTypeReference Nullable(string name) => new(name);
}

/// <summary>The coverage figures' fields, declared once for <c>Coverage</c> and <c>CoverageRow</c>.</summary>
internal static class CoverageFields
{
    public static void AddTo<T>(ObjectGraphType<T> type, Func<T, CoverageFigures> figures)
    {
        type.Field("asOf", ViewTypes.NonNull("Date")).Description("The reference date (skæringsdato) the figures are for.").Resolve(c => figures(c.Source).AsOf);
        type.Field("activeDoctors", ViewTypes.NonNull("Int"))
            .Description("Active doctors (aktive læger): phase GP, working in a clinic of the scope on asOf.")
            .Resolve(c => figures(c.Source).ActiveDoctors);
        type.Field("coveredDoctors", ViewTypes.NonNull("Int"))
            .Description("Covered doctors (dækkede læger): active doctors with at least one membership active on asOf in a group active on asOf.")
            .Resolve(c => figures(c.Source).CoveredDoctors);
        type.Field("coverage", ViewTypes.Nullable("Float"))
            .Description("Coverage (dækningsgrad) = coveredDoctors / activeDoctors, from 0 to 1; null when the scope has no active doctors.")
            .Resolve(c => figures(c.Source).Coverage);
        type.Field("nynedsatActive", ViewTypes.NonNull("Int"))
            .Description($"Active nynedsatte (nynedsatte læger): active doctors established in the {Nynedsat.Months} months before asOf, i.e. establishedOn in (asOf − {Nynedsat.Months} months, asOf].")
            .Resolve(c => figures(c.Source).NynedsatActive);
        type.Field("nynedsatCovered", ViewTypes.NonNull("Int"))
            .Description("Covered nynedsatte (dækkede nynedsatte): the nynedsatte among coveredDoctors.")
            .Resolve(c => figures(c.Source).NynedsatCovered);
        type.Field("nynedsatCoverage", ViewTypes.Nullable("Float"))
            .Description("Nynedsat coverage (dækningsgrad for nynedsatte) = nynedsatCovered / nynedsatActive; null when there are no active nynedsatte.")
            .Resolve(c => figures(c.Source).NynedsatCoverage);
    }
}

/// <summary><c>Coverage</c>: the coverage of the scope a field hangs on.</summary>
public sealed class CoverageGraphType : ObjectGraphType<CoverageFigures>
{
    public CoverageGraphType()
    {
        Name = "Coverage";
        Description = "Coverage (dækning) of one scope on a reference date: how many active GPs are in a DGE group, overall and for nynedsatte. Doctors are counted once per scope even when they work in two of its clinics.";
        CoverageFields.AddTo(this, figures => figures);
    }
}

/// <summary><c>CoverageRow</c>: a row of the root coverage view.</summary>
public sealed class CoverageRowGraphType : ObjectGraphType<CoverageRow>
{
    public CoverageRowGraphType()
    {
        Name = "CoverageRow";
        Description = "Coverage (dækning) of one scope on a reference date, as a row of the coverage view: the scope and its figures.";
        Field("scope", ViewTypes.NonNull(nameof(CoverageScope))).Description("The kind of scope (dækningsniveau).").Resolve(c => c.Source.Scope);
        Field("scopeId", ViewTypes.Nullable("ID")).Description("Global id of the scope (a Region, KapUnit, HealthCouncil, Municipality or QualityCluster); use it with node(id:). Null for the national row.")
            .Resolve(c => c.Source.Scope == CoverageScope.National ? null : NodeId.Encode(ModelName(c.Source.Scope), c.Source.ScopeId));
        Field("code", ViewTypes.Nullable("String"))
            .Description("The scope's code (kode): region code, KAP unit code, health council key or municipality code, DK for the national row; null for clusters and for Region Østdanmark until its code is published.")
            .Resolve(c => c.Source.Code);
        Field("name", ViewTypes.NonNull("String")).Description("The scope's name (navn).").Resolve(c => c.Source.Name);
        CoverageFields.AddTo(this, row => row.Figures);
    }

    public static string ModelName(CoverageScope scope) => scope switch
    {
        CoverageScope.Region => RegionType.Model.Name,
        CoverageScope.KapUnit => KapUnitType.Model.Name,
        CoverageScope.HealthCouncil => HealthCouncilType.Model.Name,
        CoverageScope.Municipality => MunicipalityType.Model.Name,
        CoverageScope.Cluster => QualityClusterType.Model.Name,
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown coverage scope."),
    };
}

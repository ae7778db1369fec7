using Dge.Api.Clusters;
using Dge.Api.Data;
using Dge.Api.Doctors;
using Dge.Api.GraphQL;
using Dge.Api.GraphQL.Limits;
using Dge.Api.GraphQL.Paging;
using Dge.Api.GraphQL.Scalars;
using Dge.Api.HealthCouncils;
using Dge.Api.KapUnits;
using Dge.Api.Municipalities;
using Dge.Api.Regions;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace Dge.Api.Views;

/// <summary>
/// The views' place in the schema besides their root fields: their own types, and the fields they add to the area models
/// (coverage on the scopes, alignment on clusters, suggestions on doctors). The areas do not know the views; the views extend them here.
/// </summary>
public static class ViewType
{
    /// <summary>Every output, input and enum type of the views, for the schema to register.</summary>
    public static IEnumerable<IGraphType> Types() =>
    [
        ScalarTypes.Enum(typeof(CoverageScope)),
        ScalarTypes.Enum(typeof(SuggestionReason)),
        ScalarTypes.Enum(typeof(AnnualReportScope)),
        new CoverageGraphType(),
        new CoverageRowGraphType(),
        new ClusterAlignmentGraphType(),
        new ConnectionGraphType("ClusterAlignment"),
        new EdgeGraphType("ClusterAlignment"),
        new ClusterAlignmentFilterInputGraphType(),
        new ClusterAlignmentSortInputGraphType(),
        new ClusterGroupAlignmentGraphType(),
        new ThemeAlignmentGraphType(),
        new UncoveredDoctorGraphType(),
        new GroupSuggestionGraphType(),
        new AdvisorWorkloadReportGraphType(),
        new AdvisorWorkloadGraphType(),
        new AnnualReportGraphType(),
        new GroupKindCountGraphType(),
        new ThemeCountGraphType(),
        new AnnualFundingGraphType(),
        new ReformImpactGraphType(),
        new ReformImpactRowGraphType(),
    ];

    /// <summary>The fields the views add to the area models, in the order each model shows them.</summary>
    public static IReadOnlyList<ModelExtension> Extensions { get; } =
    [
        new(RegionType.Model, () => CoverageField(CoverageScope.Region)),
        new(MunicipalityType.Model, () => CoverageField(CoverageScope.Municipality)),
        new(HealthCouncilType.Model, () => CoverageField(CoverageScope.HealthCouncil)),
        new(KapUnitType.Model, () => CoverageField(CoverageScope.KapUnit)),
        new(QualityClusterType.Model, () => CoverageField(CoverageScope.Cluster)),
        new(QualityClusterType.Model, AlignmentField),
        new(DoctorType.Model, GroupSuggestionFields.ForDoctor),
    ];

    /// <summary><c>coverage(asOf)</c> on a scope type (Region, KapUnit, HealthCouncil, Municipality, QualityCluster), batched per level.</summary>
    public static FieldType CoverageField(CoverageScope scope) => new FieldType
    {
        Name = "coverage",
        Description = "Coverage (dækning) of this scope on asOf (default today): active GPs, those in a group, and the same for nynedsatte. Computed for all the scopes of a page at once.",
        ResolvedType = ViewTypes.NonNull("Coverage"),
        Arguments = new QueryArguments(ConnectionArguments.AsOfDefinition()),
        Resolver = new FuncFieldResolver<object>(context =>
        {
            var day = context.AsOf();
            return context.LoadBatched($"view:coverage:{scope}@{day:O}", ((Entity)context.Source!).Id, (db, ids, ct) => CoverageQuery.ForScopesAsync(db, scope, day, ids, ct), snapshot: true);
        }),
    }.WithCost(ViewCosts.CoverageOfScope);

    /// <summary><c>QualityCluster.alignment(asOf)</c>, batched per level.</summary>
    public static FieldType AlignmentField() => new FieldType
    {
        Name = "alignment",
        Description = "Cluster–group alignment (klynge–gruppe-sammenhæng) of this cluster on asOf (default today). Computed for all the clusters of a page at once.",
        ResolvedType = ViewTypes.NonNull("ClusterAlignment"),
        Arguments = new QueryArguments(ConnectionArguments.AsOfDefinition()),
        Resolver = new FuncFieldResolver<object>(context =>
        {
            var day = context.AsOf();
            return context.LoadBatched($"view:alignment@{day:O}", ((Entity)context.Source!).Id, (db, ids, ct) => ClusterAlignmentQuery.ForClustersAsync(db, day, ids, ct), snapshot: true);
        }),
    }.WithCost(ViewCosts.AlignmentOfCluster);
}

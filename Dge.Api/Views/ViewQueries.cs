using Dge.Api.Data.Collation;
using Dge.Api.GraphQL;
using Dge.Api.GraphQL.Limits;
using Dge.Api.GraphQL.Paging;
using Dge.Api.GraphQL.Relay;
using Dge.Api.GraphQL.Sorting;
using Dge.Api.Regions;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Options;

namespace Dge.Api.Views;

/// <summary>The views' root query fields: coverage, cluster alignment, advisor workload, annual report and reform impact.</summary>
public static class ViewQueries
{
    public static void AddViewQueries(this QueryType query)
    {
        query.Field("coverage", ViewTypes.ListOf("CoverageRow"))
            .Description("Coverage view (dækning): one row per scope of the kind asked for, ordered by name. For REGION, the regions in force on asOf, each with the municipalities that belong to it on asOf; for the other kinds, every scope.")
            .Argument(ViewTypes.NonNull(nameof(CoverageScope)), "by", a => a.Description = "The kind of scope (dækningsniveau).")
            .Argument(new GraphQLTypeReference("Date"), "asOf", a => a.Description = "Reference date (default today).")
            .WithCost(ViewCosts.Coverage)
            .ResolveAsync(async context =>
            {
                var scope = context.GetArgument<CoverageScope>("by");
                var day = context.AsOf();
                return await context.ContextFactory().RunAsync((db, ct) => CoverageQuery.RowsAsync(db, scope, day, ct), context.CancellationToken, snapshot: true);
            });

        query.Field("clusterAlignment", ViewTypes.NonNull("ClusterAlignmentConnection"))
            .Description("Cluster–group alignment view (klynge–gruppe-sammenhæng) for the clusters matching where, sorted by order and paged; e.g. the clusters of a region with the lowest aligned coverage, with their uncovered nynedsatte and the groups that could take them.")
            .Argument(new GraphQLTypeReference("Date"), "asOf", a => a.Description = "Reference date (default today).")
            .Argument(new GraphQLTypeReference("ClusterAlignmentFilterInput"), "where", a => a.Description = "Which clusters (filter).")
            .Argument(new ListGraphType(new NonNullGraphType(new GraphQLTypeReference("ClusterAlignmentSortInput"))), "order", a => a.Description = "Sort order, applied in the order given (default by name).")
            .Argument(new GraphQLTypeReference("Int"), "first", a => a.Description = $"Clusters from the start (default {PageWindow.DefaultPageSize}, at most {PageWindow.MaxPageSize}).")
            .Argument(new GraphQLTypeReference("String"), "after", a => a.Description = "Cursor to start after.")
            .WithCost(ViewCosts.ClusterAlignment)
            .ResolveAsync(async context =>
            {
                var day = context.AsOf();
                var window = PageWindow.From(CursorScope.Of(context), context.GetArgument<int?>("first"), context.GetArgument<string?>("after"), null, null, totalRequested: true);
                var filter = ClusterAlignmentArguments.Filter(context.RawArgument("where") as IDictionary<string, object?>);
                var order = ClusterAlignmentArguments.Order(context.RawArgument("order"));
                var all = await context.ContextFactory().RunAsync((db, ct) => ClusterAlignmentQuery.ForFilterAsync(db, day, filter, ct), context.CancellationToken, snapshot: true);
                var sorted = all.Order(order).ToList();
                return PageBuilder.Forward(sorted.Skip(window.Skip).Take(window.Take + 1).ToList(), window, sorted.Count);
            });

        query.Field("advisorWorkload", ViewTypes.NonNull("AdvisorWorkloadReport"))
            .Description("Advisor workload view (vejlederbelastning): per advisor active on asOf, the active groups advised and their current members, with advisors over the threshold flagged.")
            .Argument(new GraphQLTypeReference("Date"), "asOf", a => a.Description = "Reference date (default today).")
            .Argument(new GraphQLTypeReference("Int"), "threshold", a => a.Description = "Flag advisors with more active groups than this (default: configuration Dge:Views:AdvisorGroupThreshold, 12 if unset).")
            .WithCost(ViewCosts.AdvisorWorkload)
            .ResolveAsync(async context =>
            {
                var day = context.AsOf();
                var threshold = context.GetArgument<int?>("threshold")
                    ?? context.Service<IOptions<ViewOptions>>().Value.AdvisorGroupThreshold;
                if (threshold < 0)
                {
                    throw ViewErrors.InvalidThreshold(threshold);
                }

                return await context.ContextFactory().RunAsync((db, ct) => AdvisorWorkloadQuery.ReportAsync(db, day, threshold, ct), context.CancellationToken, snapshot: true);
            });

        query.Field("annualReport", ViewTypes.NonNull("AnnualReport"))
            .Description("Annual report (årsrapport) of a KAP unit or a region for a year: give exactly one of kapUnitCode, regionCode and regionId. A region has a report only for years in which it exists.")
            .Argument(new GraphQLTypeReference("String"), "kapUnitCode", a => a.Description = "Code of the KAP unit (KAP-enhed), e.g. KAP-H.")
            .Argument(new GraphQLTypeReference("String"), "regionCode", a => a.Description = "Official code of the region (regionskode), e.g. 1082.")
            .Argument(new GraphQLTypeReference("ID"), "regionId", a => a.Description = "Global id of the region, for a region without an official code yet (Region Østdanmark).")
            .Argument(ViewTypes.NonNull("Int"), "year", a => a.Description = $"The year (år), {AnnualReportQuery.MinYear}–{AnnualReportQuery.MaxYear}.")
            .WithCost(ViewCosts.AnnualReport)
            .ResolveAsync(async context =>
            {
                var kapUnitCode = context.GetArgument<string?>("kapUnitCode");
                var regionCode = context.GetArgument<string?>("regionCode");
                var regionId = context.GetArgument<string?>("regionId");
                var year = context.GetArgument<int>("year");
                if (new[] { kapUnitCode, regionCode, regionId }.Count(argument => argument is not null) != 1)
                {
                    throw ViewErrors.InvalidReportScope("Give exactly one of kapUnitCode, regionCode and regionId.");
                }

                var regionKey = regionId is null ? 0 : NodeId.KeyOf(regionId, RegionType.Model.Name)
                    ?? throw DgeQueryError.InvalidId("regionId", $"regionId: '{regionId}' is not the id of a Region.");

                if (!AnnualReportQuery.IsValidYear(year))
                {
                    throw ViewErrors.InvalidYear(year);
                }

                var report = await context.ContextFactory().RunAsync(
                    (db, ct) => kapUnitCode is not null
                        ? AnnualReportQuery.ForKapUnitAsync(db, kapUnitCode, year, ct)
                        : AnnualReportQuery.ForRegionAsync(db, regionCode is not null ? r => r.Code == regionCode : r => r.Id == regionKey, year, ct),
                    context.CancellationToken,
                    snapshot: true);
                return report ?? throw (kapUnitCode is not null ? ViewErrors.UnknownReportScope("kapUnitCode", kapUnitCode)
                    : regionCode is not null ? ViewErrors.UnknownReportScope("regionCode", regionCode)
                    : ViewErrors.UnknownReportScope("regionId", regionId!));
            });

        query.Field("reformImpact", ViewTypes.NonNull("ReformImpact"))
            .Description("The 2027 reform (strukturreform): per new region and per health council, the KAP units, clusters, groups and doctors that move, and coverage in the new structure.")
            .Argument(new GraphQLTypeReference("Date"), "asOf", a => a.Description = "Reference date (default today) for doctors, groups and coverage; the new structure is read on max(asOf, 2027-01-01).")
            .WithCost(ViewCosts.ReformImpact)
            .ResolveAsync(async context =>
            {
                var day = context.AsOf();
                var impact = await context.ContextFactory().RunAsync((db, ct) => ReformImpactQuery.ForDayAsync(db, day, ct), context.CancellationToken, snapshot: true);
                return impact ?? throw ViewErrors.NoReform();
            });
    }
}

/// <summary>Reads the <c>where</c> and <c>order</c> arguments of <c>clusterAlignment</c>.</summary>
internal static class ClusterAlignmentArguments
{
    public static ClusterAlignmentFilter Filter(IDictionary<string, object?>? where)
    {
        if (where is null)
        {
            return new ClusterAlignmentFilter(null, null, null);
        }

        int? regionId = null;
        if (where.TryGetValue("regionId", out var id) && id is not null)
        {
            regionId = NodeId.KeyOf(id.ToString(), RegionType.Model.Name)
                ?? throw DgeQueryError.InvalidFilter("where.regionId", $"'{id}' is not the id of a Region.");
        }

        return new ClusterAlignmentFilter(Text(where, "regionCode"), regionId, Text(where, "municipalityCode"));
    }

    public static IComparer<ClusterAlignment> Order(object? order)
    {
        var entries = order switch
        {
            null => [],
            IDictionary<string, object?> single => [single],
            System.Collections.IEnumerable list => list.Cast<object?>().Select((item, i) => item as IDictionary<string, object?> ?? throw DgeQueryError.InvalidSort($"order[{i}]", "expects an object.")).ToList(),
            _ => throw DgeQueryError.InvalidSort("order", "expects a list of sort objects."),
        };
        var keys = new List<(string Name, bool Descending)>();
        foreach (var (entry, i) in entries.Select((entry, i) => (entry, i)))
        {
            SortBuilder.RequireOneField(entry, $"order[{i}]");
            foreach (var (name, value) in entry)
            {
                if (value is null)
                {
                    continue;
                }

                if (!ClusterAlignmentSortInputGraphType.Keys.Contains(name))
                {
                    throw DgeQueryError.InvalidSort($"order.{name}", $"ClusterAlignment has no sortable field '{name}'.");
                }

                keys.Add((name, value switch
                {
                    SortDirection.Asc => false,
                    SortDirection.Desc => true,
                    _ => throw DgeQueryError.InvalidSort($"order.{name}", "expects ASC or DESC."),
                }));
            }
        }

        if (keys.Count == 0)
        {
            keys.Add(("name", false));
        }

        return Comparer<ClusterAlignment>.Create((x, y) =>
        {
            foreach (var (name, descending) in keys)
            {
                var result = name switch
                {
                    "alignedCoverage" => NullsLast(x.AlignedCoverage, y.AlignedCoverage, descending),
                    "coverage" => NullsLast(x.Figures.Coverage, y.Figures.Coverage, descending),
                    "nynedsatCoverage" => NullsLast(x.Figures.NynedsatCoverage, y.Figures.NynedsatCoverage, descending),
                    "activeDoctors" => Directed(x.Figures.ActiveDoctors.CompareTo(y.Figures.ActiveDoctors), descending),
                    _ => Directed(DanishCollation.Compare(x.Cluster.Name, y.Cluster.Name), descending),
                };
                if (result != 0)
                {
                    return result;
                }
            }

            return x.Cluster.Id.CompareTo(y.Cluster.Id);
        });
    }

    private static string? Text(IDictionary<string, object?> where, string name) => where.TryGetValue(name, out var value) ? value as string : null;

    private static int Directed(int comparison, bool descending) => descending ? -comparison : comparison;

    private static int NullsLast(double? x, double? y, bool descending) => (x, y) switch
    {
        (null, null) => 0,
        (null, _) => 1,
        (_, null) => -1,
        _ => Directed(x.Value.CompareTo(y.Value), descending),
    };
}

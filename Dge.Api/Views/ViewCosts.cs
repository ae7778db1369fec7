using Dge.Api.GraphQL.Limits;

namespace Dge.Api.Views;

/// <summary>
/// What each view costs in the query cost analysis: its own work, from its measured time on the national dataset
/// (Dge.Benchmarks/RESULTS.md, at about 25 µs a unit) and growing with the data, and the rows it returns, which
/// multiply whatever is selected in them.
/// </summary>
internal static class ViewCosts
{
    /// <summary><c>coverage(by:)</c>: about 6 ms for every municipality; one row per scope of the kind asked for.</summary>
    public static readonly FieldCostRule Coverage = CostRules.View(250, arguments => arguments.Value("by") switch
    {
        "NATIONAL" => 1,
        "REGION" or "KAP_UNIT" => 5,
        "HEALTH_COUNCIL" => 17,
        "MUNICIPALITY" => 98,
        _ => arguments.Volume.Clusters,
    });

    /// <summary><c>coverage</c> on a scope: one statement for all the scopes of a page.</summary>
    public static readonly FieldCostRule CoverageOfScope = CostRules.View(20);

    /// <summary>
    /// <c>QualityCluster.alignment</c>: the alignment basis of all the clusters of a page, which reads their doctors and every
    /// membership of their groups. The cost analysis counts it once per cluster of the page, so 60 each: a page of a dozen
    /// clusters or more pays for the basis (about 700 units, <see cref="ClusterAlignment"/>).
    /// </summary>
    public static readonly FieldCostRule AlignmentOfCluster = CostRules.View(60);

    /// <summary>
    /// <c>clusterAlignment</c>: about 17 ms of process CPU for every cluster with its groups and themes, computed before the page
    /// is cut (<c>Dge.Benchmarks -- profile ClusterAlignmentCountry</c>, docs/performance.md).
    /// </summary>
    public static readonly FieldCostRule ClusterAlignment = CostRules.PagedView(700);

    /// <summary><c>advisorWorkload</c>: about 2 ms.</summary>
    public static readonly FieldCostRule AdvisorWorkload = CostRules.View(100);

    /// <summary>Its rows: one per advisor, at most every coordinator.</summary>
    public static readonly FieldCostRule AdvisorRows = arguments => new FieldCost(1, arguments.Volume.Coordinators);

    /// <summary><c>annualReport</c>: about 14 ms of queries, 30 through the whole request.</summary>
    public static readonly FieldCostRule AnnualReport = CostRules.View(1_200);

    /// <summary><c>reformImpact</c>: about 30 ms of queries, 80 through the whole request.</summary>
    public static readonly FieldCostRule ReformImpact = CostRules.View(3_000);

    /// <summary>Suggestions for one doctor (batched per level): <c>first</c> rows.</summary>
    public static readonly FieldCostRule Suggestions = CostRules.View(5, arguments => Math.Clamp(arguments.Int("first") ?? ClusterAlignmentGraphType.DefaultSuggestions, 0, GroupSuggestionFields.MaxSuggestions));
}

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Dge.Api.Data;
using Dge.Api.Doctors;
using Dge.Api.GraphQL;
using Dge.Api.Views;
using Microsoft.EntityFrameworkCore;

namespace Dge.Benchmarks;

/// <summary>
/// Each view for the whole country: the API path (the same EF code the resolvers call, on a pooled context) against one hand-written
/// SQL query computing the same numbers (the baseline), so BenchmarkDotNet's Ratio column is API time / SQL time.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[MemoryDiagnoser]
public class ViewBenchmarks
{
    public static readonly DateOnly Day = new(2026, 11, 1);
    public static readonly DateOnly ReformAsOf = new(2027, 3, 1);
    public const string KapUnit = "KAP-H";
    public const int Year = 2025;

    private IDbContextFactory<DgeDbContext> _factory = null!;
    private List<int> _uncoveredDoctors = null!;

    public static Dictionary<string, object> DayParameters(DateOnly day) => new()
    {
        ["@day"] = Iso(day),
        ["@nynedsatAfter"] = Iso(Nynedsat.After(day)),
    };

    public static Dictionary<string, object> AlignmentParameters(DateOnly day) => new(DayParameters(day))
    {
        ["@windowStart"] = Iso(day.AddMonths(-ViewRules.ThemeWindowMonths)),
    };

    public static Dictionary<string, object> ReformParameters() => new(DayParameters(ReformAsOf))
    {
        ["@before"] = Iso(new DateOnly(2026, 12, 31)),
        ["@after"] = Iso(ReformAsOf),
    };

    public static Dictionary<string, object> AnnualParameters() => new()
    {
        ["@code"] = KapUnit,
        ["@first"] = Iso(new DateOnly(Year, 1, 1)),
        ["@last"] = Iso(new DateOnly(Year, 12, 31)),
        ["@nynedsatAfter"] = Iso(Nynedsat.After(new DateOnly(Year, 12, 31))),
        ["@minimumHours"] = FundingRates.Current.MinimumMeetingHours,
    };

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The uncovered active GPs of the country on <see cref="Day"/>: the doctors the suggestions are for.</summary>
    public static async Task<List<int>> UncoveredDoctorsAsync(IDbContextFactory<DgeDbContext> factory) =>
        await factory.RunAsync((db, ct) => ViewSources.ActiveDoctors(db, Day).Where(d => !d.IsCovered).Select(d => d.DoctorId).Distinct().ToListAsync(ct), CancellationToken.None);

    /// <summary>
    /// The whole alignment view of every cluster, as the resolvers compute it for a client asking for the figures, the groups and the
    /// theme alignment: the root field's figures (<c>ForFilterAsync</c>), then the batched <c>groups</c> and <c>themeAlignment</c>
    /// loaders for all the clusters, each on its own pooled context. (<c>uncoveredDoctors</c> is a separate loader run only when selected.)
    /// </summary>
    public static async Task<AlignmentView> ClusterAlignmentViewAsync(IDbContextFactory<DgeDbContext> factory, DateOnly day)
    {
        var figures = await factory.RunAsync((db, ct) => ClusterAlignmentQuery.ForFilterAsync(db, day, new ClusterAlignmentFilter(null, null, null), ct), CancellationToken.None);
        var ids = figures.Select(a => a.Cluster.Id).ToList();
        var basis = figures[0].Basis;
        var groups = await factory.RunAsync((db, ct) => ClusterAlignmentQuery.GroupsAsync(db, basis, ids, ct), CancellationToken.None);
        var themes = await factory.RunAsync((db, ct) => ClusterAlignmentQuery.ThemesAsync(db, basis, ids, ct), CancellationToken.None);
        return new AlignmentView(figures, groups, themes);
    }

    [GlobalSetup]
    public void Setup()
    {
        _factory = BenchmarkDatabase.CreateFactory();
        _uncoveredDoctors = UncoveredDoctorsAsync(_factory).GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "SQL")]
    [BenchmarkCategory("Coverage (by municipality)")]
    public Task<List<object?[]>> CoverageSql() => HandWrittenSql.RunAsync(HandWrittenSql.CoverageByMunicipality, DayParameters(Day));

    [Benchmark(Description = "API")]
    [BenchmarkCategory("Coverage (by municipality)")]
    public Task<IReadOnlyList<CoverageRow>> CoverageApi() =>
        _factory.RunAsync((db, ct) => CoverageQuery.RowsAsync(db, CoverageScope.Municipality, Day, ct), CancellationToken.None);

    [Benchmark(Baseline = true, Description = "SQL")]
    [BenchmarkCategory("Cluster alignment (all clusters)")]
    public Task<List<object?[]>> AlignmentSql() => HandWrittenSql.RunAsync(HandWrittenSql.ClusterAlignment, AlignmentParameters(Day));

    [Benchmark(Description = "API")]
    [BenchmarkCategory("Cluster alignment (all clusters)")]
    public Task<AlignmentView> AlignmentApi() => ClusterAlignmentViewAsync(_factory, Day);

    [Benchmark(Baseline = true, Description = "SQL")]
    [BenchmarkCategory("Advisor workload")]
    public Task<List<object?[]>> AdvisorSql() => HandWrittenSql.RunAsync(HandWrittenSql.AdvisorWorkload, DayParameters(Day));

    [Benchmark(Description = "API")]
    [BenchmarkCategory("Advisor workload")]
    public Task<AdvisorWorkloadReport> AdvisorApi() => _factory.RunAsync((db, ct) => AdvisorWorkloadQuery.ReportAsync(db, Day, 12, ct), CancellationToken.None);

    [Benchmark(Baseline = true, Description = "SQL")]
    [BenchmarkCategory("Annual report (KAP-H 2025)")]
    public Task<List<object?[]>> AnnualSql() => HandWrittenSql.RunAsync(HandWrittenSql.AnnualReport, AnnualParameters());

    [Benchmark(Description = "API")]
    [BenchmarkCategory("Annual report (KAP-H 2025)")]
    public Task<AnnualReport?> AnnualApi() => _factory.RunAsync((db, ct) => AnnualReportQuery.ForKapUnitAsync(db, KapUnit, Year, ct), CancellationToken.None);

    [Benchmark(Baseline = true, Description = "SQL")]
    [BenchmarkCategory("Group suggestions (all uncovered GPs)")]
    public Task<List<object?[]>> SuggestionsSql() => HandWrittenSql.RunAsync(HandWrittenSql.GroupSuggestions, DayParameters(Day));

    [Benchmark(Description = "API")]
    [BenchmarkCategory("Group suggestions (all uncovered GPs)")]
    public Task<IReadOnlyDictionary<int, IReadOnlyList<GroupSuggestion>>> SuggestionsApi() =>
        _factory.RunAsync((db, ct) => GroupSuggestionQuery.ForDoctorsAsync(db, Day, _uncoveredDoctors, 3, ct), CancellationToken.None);

    [Benchmark(Baseline = true, Description = "SQL")]
    [BenchmarkCategory("Reform impact")]
    public Task<List<object?[]>> ReformSql() => HandWrittenSql.RunAsync(HandWrittenSql.ReformImpact, ReformParameters());

    [Benchmark(Description = "API")]
    [BenchmarkCategory("Reform impact")]
    public Task<ReformImpact?> ReformApi() => _factory.RunAsync((db, ct) => ReformImpactQuery.ForDayAsync(db, ReformAsOf, ct), CancellationToken.None);

    /// <summary>A short job in the benchmark's own process, so the whole run takes minutes and reads the database seeded by Program.</summary>
    private sealed class ShortInProcessConfig : ManualConfig
    {
        public ShortInProcessConfig()
        {
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"));
        }
    }
}

/// <summary>The cluster–group alignment view of every cluster: figures, groups with overlap and share, theme alignment.</summary>
public sealed record AlignmentView(
    IReadOnlyList<ClusterAlignment> Figures,
    IReadOnlyDictionary<int, IReadOnlyList<ClusterGroupAlignment>> Groups,
    IReadOnlyDictionary<int, ThemeAlignment> Themes);

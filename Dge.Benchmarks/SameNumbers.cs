using System.Globalization;
using Dge.Api.GraphQL;
using Dge.Api.Views;

namespace Dge.Benchmarks;

/// <summary>Before measuring, checks that each hand-written query and the API compute the same numbers, so the comparison is fair.</summary>
public static class SameNumbers
{
    public static async Task CheckAsync()
    {
        var factory = BenchmarkDatabase.CreateFactory();
        var day = ViewBenchmarks.Day;

        var coverage = await factory.RunAsync((db, ct) => CoverageQuery.RowsAsync(db, CoverageScope.Municipality, day, ct), CancellationToken.None);
        var coverageSql = await HandWrittenSql.RunAsync(HandWrittenSql.CoverageByMunicipality, ViewBenchmarks.DayParameters(day));
        Same("coverage", coverage.Select(r => $"{r.ScopeId}:{r.Figures.ActiveDoctors}:{r.Figures.CoveredDoctors}:{r.Figures.NynedsatActive}:{r.Figures.NynedsatCovered}"),
            coverageSql.Select(r => $"{r[0]}:{Int(r[3])}:{Int(r[4])}:{Int(r[5])}:{Int(r[6])}"));

        var alignment = await ViewBenchmarks.ClusterAlignmentViewAsync(factory, day);
        var alignmentSql = await HandWrittenSql.RunAsync(HandWrittenSql.ClusterAlignment, ViewBenchmarks.AlignmentParameters(day));
        List<object?[]> Rows(string kind) => alignmentSql.Where(r => (string)r[0]! == kind).ToList();
        Same("cluster alignment (figures)",
            alignment.Figures.Select(a => $"{a.Cluster.Id}:{a.Figures.ActiveDoctors}:{a.Figures.CoveredDoctors}:{a.Figures.NynedsatActive}:{a.Figures.NynedsatCovered}:{a.AlignedCoveredDoctors}"),
            Rows("CLUSTER").Select(r => $"{r[1]}:{Int(r[4])}:{Int(r[5])}:{Int(r[6])}:{Int(r[7])}:{Int(r[8])}"));
        Same("cluster alignment (groups)",
            alignment.Groups.SelectMany(c => c.Value.Select(g => $"{c.Key}:{g.Group.Id}:{g.Overlap.Overlap}:{g.Overlap.Members}:{Real(g.Overlap.Share)}:{g.Overlap.Aligned}")),
            Rows("GROUP").Select(r => $"{r[1]}:{r[2]}:{Int(r[4])}:{Int(r[5])}:{Real(r[6])}:{Int(r[7]) == 1}"));
        Same("cluster alignment (themes)",
            alignment.Themes.SelectMany(c => c.Value.CoveredThemes.Select(t => $"{c.Key}:{t.Code}:covered").Concat(c.Value.MissedThemes.Select(t => $"{c.Key}:{t.Code}:missed"))),
            Rows("THEME").Select(r => $"{r[1]}:{r[3]}:{(Int(r[4]) == 1 ? "covered" : "missed")}"));
        if (alignment.Themes.Values.Sum(t => t.PackageThemes.Count) != Rows("THEME").Count)
        {
            throw new InvalidOperationException("cluster alignment (themes): the API's package themes are not its covered and missed themes.");
        }

        var advisors = await factory.RunAsync((db, ct) => AdvisorWorkloadQuery.ReportAsync(db, day, 12, ct), CancellationToken.None);
        var advisorsSql = await HandWrittenSql.RunAsync(HandWrittenSql.AdvisorWorkload, ViewBenchmarks.DayParameters(day));
        Same("advisor workload", advisors.Advisors.Select(a => $"{a.Advisor.Id}:{a.ActiveGroups}:{a.CurrentMembers}:{a.Memberships}"),
            advisorsSql.Select(r => $"{r[0]}:{Int(r[^3])}:{Int(r[^2])}:{Int(r[^1])}"));

        var annual = (await factory.RunAsync((db, ct) => AnnualReportQuery.ForKapUnitAsync(db, ViewBenchmarks.KapUnit, ViewBenchmarks.Year, ct), CancellationToken.None))!;
        var annualSql = (await HandWrittenSql.RunAsync(HandWrittenSql.AnnualReport, ViewBenchmarks.AnnualParameters()))[0];
        Same("annual report",
            [$"{annual.Meetings}:{annual.Attendances}:{annual.Funding.QualifyingMeetings}:{annual.Funding.QualifyingAttendances}:{annual.Coverage.ActiveDoctors}:{annual.Coverage.CoveredDoctors}:{annual.TopThemes[0].Theme.Code}"],
            [$"{Int(annualSql[1])}:{Int(annualSql[3])}:{Int(annualSql[4])}:{Int(annualSql[5])}:{Int(annualSql[7])}:{Int(annualSql[8])}:{System.Text.Json.JsonDocument.Parse((string)annualSql[6]!).RootElement[0][0].GetString()}"]);

        var doctors = await ViewBenchmarks.UncoveredDoctorsAsync(factory);
        var suggestions = await factory.RunAsync((db, ct) => GroupSuggestionQuery.ForDoctorsAsync(db, day, doctors, 3, ct), CancellationToken.None);
        var suggestionsSql = await HandWrittenSql.RunAsync(HandWrittenSql.GroupSuggestions, ViewBenchmarks.DayParameters(day));
        Same("group suggestions", suggestions.SelectMany(s => s.Value.Select(x => $"{s.Key}:{x.Group.Id}:{x.Rank}")), suggestionsSql.Select(r => $"{r[0]}:{r[1]}:{r[2]}"));

        var reform = (await factory.RunAsync((db, ct) => ReformImpactQuery.ForDayAsync(db, ViewBenchmarks.ReformAsOf, ct), CancellationToken.None))!;
        var reformSql = await HandWrittenSql.RunAsync(HandWrittenSql.ReformImpact, ViewBenchmarks.ReformParameters());
        Same("reform impact",
            reform.Regions.Concat(reform.HealthCouncils).Select(r => $"{r.Scope}:{r.ScopeId}:{r.Municipalities}:{r.MunicipalitiesMoving}:{r.Clusters}:{r.ClustersMoving}:{r.Groups}:{r.GroupsMoving}:{r.DoctorsMoving}:{r.Coverage.ActiveDoctors}:{r.Coverage.CoveredDoctors}"),
            reformSql.Select(r => $"{(string)r[0]! switch { "REGION" => "Region", _ => "HealthCouncil" }}:{r[1]}:{Int(r[2])}:{Int(r[3])}:{Int(r[4])}:{Int(r[5])}:{Int(r[6])}:{Int(r[7])}:{Int(r[8])}:{Int(r[9])}:{Int(r[10])}"));
    }

    private static long Int(object? value) => value is null ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static string Real(object? value) => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);

    private static void Same(string view, IEnumerable<string> api, IEnumerable<string> sql)
    {
        var a = api.Order(StringComparer.Ordinal).ToList();
        var s = sql.Order(StringComparer.Ordinal).ToList();
        if (!a.SequenceEqual(s))
        {
            throw new InvalidOperationException($"{view}: the hand-written SQL and the API disagree: {string.Join(" ", a.Except(s).Take(5))} vs {string.Join(" ", s.Except(a).Take(5))}");
        }

        Console.WriteLine($"{view}: API and SQL agree on {a.Count} rows.");
    }
}

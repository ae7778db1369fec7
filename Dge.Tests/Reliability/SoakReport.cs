using System.Globalization;

namespace Dge.Tests.Reliability;

/// <summary>
/// The soak's figures: per minute the requests, their latencies and the host's memory and open files; the baseline is
/// the first minute after the warm-up (median memory, most handles seen), the end the last minute's median memory and
/// the handles once the last request was answered.
/// </summary>
internal sealed record SoakReport(
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> WarmUpErrors,
    int Writes,
    int Reads,
    int Shed,
    int BaselineInFlight,
    int PeakInFlight,
    Sample Baseline,
    Sample End,
    double MemoryGrowth,
    IReadOnlyList<string> Minutes)
{
    public static SoakReport From(
        IReadOnlyList<SoakProcess.Timing> timings, IReadOnlyList<Sample> samples, IReadOnlyList<(TimeSpan At, int Requests)> inFlight, Sample end, IReadOnlyList<(TimeSpan At, string Message)> errors, int writes, int shed, TimeSpan warmUp)
    {
        var first = samples.Where(s => s.At >= warmUp && s.At < warmUp + TimeSpan.FromMinutes(1)).ToList();
        var last = samples.Where(s => s.At >= end.At - TimeSpan.FromMinutes(1)).ToList();
        var baseline = new Sample(
            warmUp,
            Median(first.Select(s => s.RssKilobytes)),
            first.Max(s => s.Threads),
            first.Max(s => s.OpenFiles),
            first.Max(s => s.Sockets),
            first.Max(s => s.DatabaseHandles));
        var endMemory = Median(last.Select(s => s.RssKilobytes));
        var minutes = timings
            .GroupBy(t => (int)t.At.TotalMinutes)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var inMinute = samples.Where(s => (int)s.At.TotalMinutes == g.Key).ToList();
                return string.Create(CultureInfo.InvariantCulture, $"| {g.Key}{(g.Key == 0 ? " (warm-up)" : string.Empty)} | {Latency(g, "read")} | {Latency(g, "write")} | " +
                    $"{(inMinute.Count == 0 ? "-" : $"{inMinute.Max(s => s.RssKilobytes) / 1024.0:F0}")} | {(inMinute.Count == 0 ? "-" : $"{inMinute.Max(s => s.OpenFiles)} / {inMinute.Max(s => s.Sockets)} / {inMinute.Max(s => s.DatabaseHandles)} / {inMinute.Max(s => s.Threads)}")} |");
            })
            .ToList();
        return new SoakReport(
            [.. errors.Where(e => e.At >= warmUp).Select(e => e.Message)],
            [.. errors.Where(e => e.At < warmUp).Select(e => e.Message)],
            writes,
            timings.Count(t => t.Kind == "read"),
            shed,
            inFlight.Where(p => p.At < warmUp + TimeSpan.FromMinutes(1)).Max(p => p.Requests),
            inFlight.Max(p => p.Requests),
            baseline,
            end,
            (double)endMemory / baseline.RssKilobytes - 1,
            minutes);
    }

    /// <summary>
    /// The database handles the host may hold at the end without a leak: the baseline's, plus a pooled connection's (its
    /// database file and its WAL; the shared-memory file is one per process) for each request in flight beyond the
    /// baseline's peak. A burst of slow answers grows SQLite's pool, which lets idle connections go only after minutes;
    /// a leak grows with the requests served, not with their concurrency, and passes this bound.
    /// </summary>
    public int DatabaseHandleBound => Baseline.DatabaseHandles + (HandlesPerConnection * Math.Max(0, PeakInFlight - BaselineInFlight));

    private const int HandlesPerConnection = 2;

    public IEnumerable<string> Lines()
    {
        yield return string.Create(CultureInfo.InvariantCulture,
            $"{Reads} reads and {Writes} acknowledged writes; {Errors.Count} errors after the warm-up, {WarmUpErrors.Count} in it; {Shed} requests shed (their lane was full).");
        foreach (var error in WarmUpErrors.Take(5))
        {
            yield return "Warm-up error: " + error;
        }

        yield return string.Create(CultureInfo.InvariantCulture,
            $"Memory (RSS): {Baseline.RssKilobytes / 1024.0:F1} MB after the warm-up, {Baseline.RssKilobytes * (1 + MemoryGrowth) / 1024.0:F1} MB in the last minute ({MemoryGrowth:+0.0%;-0.0%}).");
        yield return string.Create(CultureInfo.InvariantCulture,
            $"Open files / sockets / database handles / threads: at most {Baseline.OpenFiles} / {Baseline.Sockets} / {Baseline.DatabaseHandles} / {Baseline.Threads} in the first minute after the warm-up; {End.OpenFiles} / {End.Sockets} / {End.DatabaseHandles} / {End.Threads} at the end.");
        yield return string.Create(CultureInfo.InvariantCulture,
            $"Requests in flight: at most {BaselineInFlight} until the end of the first minute after the warm-up, {PeakInFlight} in the whole run; database handles allowed at the end: {DatabaseHandleBound}.");
        yield return "| minute | reads: n, p50, p99 (ms) | writes: n, p50, p99 (ms) | RSS max (MB) | files / sockets / db handles / threads (max) |";
        yield return "|---|---|---|---|---|";
        foreach (var minute in Minutes)
        {
            yield return minute;
        }
    }

    private static string Latency(IEnumerable<SoakProcess.Timing> timings, string kind)
    {
        var sorted = timings.Where(t => t.Kind == kind).Select(t => t.Milliseconds).Order().ToList();
        return sorted.Count == 0
            ? "-"
            : string.Create(CultureInfo.InvariantCulture, $"{sorted.Count}, {Percentile(sorted, 0.50):F0}, {Percentile(sorted, 0.99):F0}");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static long Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}

using System.Diagnostics;
using System.Globalization;

namespace Dge.Tests.Infrastructure;

/// <summary>
/// The CPU time this process spends on work between two samples: its total (threads that ended included) less what the
/// runtime's tiered JIT compiler used, which goes on recompiling hot code for seconds after a host's first requests,
/// whatever the requests themselves do. The compiler's share is read from Linux's per-thread accounting in /proc.
/// </summary>
public static class ProcessCpu
{
    /// <summary>/proc counts in clock ticks, which are 1/100 s on Linux (USER_HZ).</summary>
    private const double TicksPerSecond = 100;

    public static Sample Take()
    {
        using var process = Process.GetCurrentProcess();
        return new Sample(process.TotalProcessorTime, CompilerTicks());
    }

    /// <summary>
    /// The work done from <paramref name="before"/> to <paramref name="after"/>. A compiler thread that ended in between
    /// is counted as work, which can only make a stop look later than it was.
    /// </summary>
    public static TimeSpan WorkBetween(Sample before, Sample after)
    {
        var compilerTicks = after.CompilerTicks.Sum(thread => thread.Value - before.CompilerTicks.GetValueOrDefault(thread.Key));
        return after.Total - before.Total - TimeSpan.FromSeconds(compilerTicks / TicksPerSecond);
    }

    /// <summary>User and system ticks of each tiered-compilation thread, by thread id.</summary>
    private static Dictionary<string, long> CompilerTicks()
    {
        var ticks = new Dictionary<string, long>();
        foreach (var thread in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(thread, "comm")).StartsWith(".NET Tiered Com", StringComparison.Ordinal))
                {
                    continue;
                }

                // The fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
                var stat = File.ReadAllText(Path.Combine(thread, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks[Path.GetFileName(thread)] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended while being read: its files are gone, or reading them says ESRCH ("No such process").
            }
        }

        return ticks;
    }

    /// <summary>The median work <paramref name="work"/> took over an odd number of runs: one stray collection in another thread does not decide it.</summary>
    public static async Task<TimeSpan> MedianOfAsync(int runs, Func<Task> work)
    {
        var spent = new List<TimeSpan>();
        for (var run = 0; run < runs; run++)
        {
            var before = Take();
            await work();
            spent.Add(WorkBetween(before, Take()));
        }

        return spent.Order().ElementAt(runs / 2);
    }

    public sealed record Sample(TimeSpan Total, IReadOnlyDictionary<string, long> CompilerTicks);
}

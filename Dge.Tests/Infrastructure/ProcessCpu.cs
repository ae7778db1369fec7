using System.Globalization;

namespace Dge.Tests.Infrastructure;

/// <summary>The CPU time this process has spent on work, read from Linux's per-thread accounting in /proc.</summary>
public static class ProcessCpu
{
    /// <summary>/proc counts in clock ticks, which are 1/100 s on Linux (USER_HZ).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>
    /// User and system time of every thread except the runtime's tiered JIT compiler, which goes on recompiling hot code
    /// for seconds after a host's first requests, whatever the requests themselves do.
    /// </summary>
    public static TimeSpan WorkTime()
    {
        long ticks = 0;
        foreach (var thread in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(thread, "comm")).StartsWith(".NET Tiered Com", StringComparison.Ordinal))
                {
                    continue;
                }

                // The fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
                var stat = File.ReadAllText(Path.Combine(thread, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
            {
                // The thread ended while being read; the CPU time it used is lost either way.
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}

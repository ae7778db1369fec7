using System.Diagnostics;

namespace Dge.Tests.Infrastructure;

/// <summary>
/// CPU time the test process spends (all its threads: the host in process, the client), the measure for CPU-bound
/// protections instead of wall-clock time. Tests that use it run in <see cref="CpuMeasuredCollection"/>, alone.
/// </summary>
public static class ProcessCpu
{
    public static TimeSpan Now()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>The least CPU time <paramref name="work"/> took over a few runs, so a stray GC or JIT in another thread does not count.</summary>
    public static async Task<TimeSpan> LeastOfAsync(int runs, Func<Task> work)
    {
        var least = TimeSpan.MaxValue;
        for (var run = 0; run < runs; run++)
        {
            var before = Now();
            await work();
            var spent = Now() - before;
            least = spent < least ? spent : least;
        }

        return least;
    }
}

/// <summary>Tests that measure the process's CPU time run in this collection, after the parallel ones and one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CpuMeasuredCollection
{
    public const string Name = "CPU-measured";
}

namespace Dge.Tests.Infrastructure;

/// <summary>
/// Tests that measure the process's CPU time, or a host's memory and latency over minutes (the soak), run alone, after
/// the parallel ones: another test's work in the same process, or on the same cores, would count as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CpuMeasuredCollection
{
    public const string Name = "CPU measured";
}

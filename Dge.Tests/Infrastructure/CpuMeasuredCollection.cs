namespace Dge.Tests.Infrastructure;

/// <summary>
/// Tests that measure the process's CPU time run alone, after the parallel ones: another test's work in the same
/// process would count as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CpuMeasuredCollection
{
    public const string Name = "CPU measured";
}

using BenchmarkDotNet.Running;
using Dge.Benchmarks;

// The view benchmarks read the national database: seed it once and check that each hand-written query computes the
// API's numbers before measuring both. The commit benchmarks make their own small file, so asking for them alone
// (--filter '*Commit*') skips the seed.
var filters = args.SkipWhile(a => a != "--filter").Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
if (filters.Count == 0 || !filters.All(f => f.Contains("Commit", StringComparison.Ordinal)))
{
    Console.WriteLine("Seeding the national (scale 1) database…");
    await BenchmarkDatabase.SeedAsync();
    await SameNumbers.CheckAsync();
}

BenchmarkSwitcher.FromAssembly(typeof(ViewBenchmarks).Assembly).Run(args);

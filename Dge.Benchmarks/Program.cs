using BenchmarkDotNet.Running;
using Dge.Benchmarks;

// Seeds the national database once, checks that each hand-written query computes the API's numbers, then measures both.
Console.WriteLine("Seeding the national (scale 1) database…");
await BenchmarkDatabase.SeedAsync();
await SameNumbers.CheckAsync();
BenchmarkSwitcher.FromAssembly(typeof(ViewBenchmarks).Assembly).Run(args);

using System.Globalization;
using BenchmarkDotNet.Running;
using Dge.Benchmarks;
using Dge.Benchmarks.Http;

// Modes: "host …" is the HTTP suite's benchmark host (a child process); "seed <scale> <file>|--postgres <connection string>" seeds one cached database
// (a child process); "http …" runs the HTTP suite; "tracing …" measures what telemetry costs; anything else is BenchmarkDotNet's command line.
switch (args.FirstOrDefault())
{
    case "host":
        return await BenchmarkHost.RunAsync(args[1..]);
    case "seed":
        return await ScaleDatabases.SeedHereAsync(int.Parse(args[1], CultureInfo.InvariantCulture), args[2..]);
    case "profile":
        return await ProfileLoop.RunAsync(args[1..]);
    case "http":
        return await HttpSuite.RunAsync(args[1..]);
    case "tracing":
        return await TracingCost.RunAsync(args[1..]);
}

// The view benchmarks read a national database seeded for them: seed it and check that each hand-written query computes the
// API's numbers before measuring both. The others need no such seed (the commit benchmarks make their own small file, the
// operation benchmarks use the cached database of ScaleDatabases), so a filter that leaves the views out skips it.
var filters = args.SkipWhile(a => a != "--filter").Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
if (filters.Count == 0 || filters.Any(f => f == "*" || f.Contains("View", StringComparison.Ordinal)))
{
    Console.WriteLine("Copying the cached national (scale 1) database (seeding it first if it is not cached)…");
    await BenchmarkDatabase.SeedAsync();
    await SameNumbers.CheckAsync();
}

BenchmarkSwitcher.FromAssembly(typeof(ViewBenchmarks).Assembly).Run(args);
if (BenchmarkDatabase.Path.Length > 0)
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    ScaleDatabases.DeleteDatabase(BenchmarkDatabase.Path);
}

return 0;

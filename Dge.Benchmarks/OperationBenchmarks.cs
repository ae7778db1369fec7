using System.Buffers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Dge.Benchmarks.Baselines;

namespace Dge.Benchmarks;

/// <summary>
/// Every example operation through the product in this process (<c>GraphQLRunner</c> and the host's JSON serializer,
/// no HTTP) against its baseline (the same <c>data</c> from hand-written SQL through ADO.NET and <c>Utf8JsonWriter</c>), on the
/// cached scale-1 database; plus the operations that have no baseline (a deep nested query, the IDE's introspection). The
/// setup checks that both answer the same <c>data</c> and stops the run if not.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class OperationBenchmarks
{
    private InProcessProduct _product = null!;
    private Operation _operation = null!;
    private Baseline? _baseline;
    private string _database = string.Empty;
    private readonly MemoryStream _apiOutput = new();
    private readonly ArrayBufferWriter<byte> _baselineOutput = new();

    public static IEnumerable<string> Names() =>
        Operations.All.Where(o => o.Kind != OperationKind.Mutation).Select(o => o.Name).Concat(ExtraOperations.All.Select(o => o.Name));

    [ParamsSource(nameof(Names))]
    public string Name { get; set; } = string.Empty;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var (cached, _) = await ScaleDatabases.EnsureAsync(1);
        _database = ScaleDatabases.WorkingCopy(cached, "in-process");
        _product = await InProcessProduct.StartAsync(_database);
        _operation = Operations.All.Concat(ExtraOperations.All).Single(o => o.Name == Name);
        _baseline = BaselineCatalog.For(Name);
        if (_baseline is not null)
        {
            var (api, baseline) = await _product.DataOfBothAsync(_baseline, _operation);
            if (api != baseline)
            {
                throw new InvalidOperationException($"{Name}: the API and the baseline answer different data.\nAPI:      {api}\nbaseline: {baseline}");
            }
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _product.DisposeAsync();
        ScaleDatabases.DeleteDatabase(_database);
    }

    [Benchmark(Baseline = true, Description = "SQL")]
    public async Task<int> Sql()
    {
        if (_baseline is null)
        {
            return 0;
        }

        _baselineOutput.ResetWrittenCount();
        await _product.RunBaselineAsync(_baseline, _operation, _baselineOutput);
        return _baselineOutput.WrittenCount;
    }

    [Benchmark(Description = "API")]
    public async Task<long> Api()
    {
        _apiOutput.SetLength(0);
        await _product.RunAsync(_operation, InProcessProduct.Reader, _apiOutput);
        return _apiOutput.Length;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(5).WithIterationCount(5).WithId("InProcess"));
        }
    }
}

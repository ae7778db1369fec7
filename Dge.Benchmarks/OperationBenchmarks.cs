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
/// setup checks that both answer the same <c>data</c> and stops the run if not. A mutation writes its rows and audit entries
/// at every invocation, each with its next variables (<see cref="SuccessiveVariables"/>), and every answer must be a success:
/// a refusal stops the run rather than being measured.
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
    private SuccessiveVariables? _mutation;
    private System.Security.Claims.ClaimsPrincipal _user = null!;
    private readonly MemoryStream _apiOutput = new();
    private readonly ArrayBufferWriter<byte> _baselineOutput = new();

    public static IEnumerable<string> Names() =>
        Operations.All.Where(o => o.Kind != OperationKind.Mutation || BaselineCatalog.For(o.Name) is not null).Select(o => o.Name)
            .Concat(ExtraOperations.All.Select(o => o.Name));

    [ParamsSource(nameof(Names))]
    public string Name { get; set; } = string.Empty;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var (cached, _) = await ScaleDatabases.EnsureAsync(1);
        _database = ScaleDatabases.WorkingCopy(cached, "in-process");
        _operation = Operations.All.Concat(ExtraOperations.All).Single(o => o.Name == Name);
        _baseline = BaselineCatalog.For(Name);
        _mutation = await SuccessiveVariables.PrepareAsync(_database, _operation);
        _product = await InProcessProduct.StartAsync(_database);
        _user = InProcessProduct.As(BaselineCatalog.RoleFor(_operation));

        if (_baseline is not null)
        {
            var (api, baseline) = _mutation is null
                ? await _product.DataOfBothAsync(_baseline, _operation)
                : await _product.DataOfBothAsync(_baseline, _operation, _user, _mutation.Next(_baseline.CheckText("API")), _mutation.Next(_baseline.CheckText("baseline"))) switch
                {
                    var (a, b) => (MutationAnswers.WithoutRowIdentity(a), MutationAnswers.WithoutRowIdentity(b)),
                };
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
        await _product.RunBaselineAsync(_baseline, _operation, _baselineOutput, _mutation?.Next());
        if (_mutation is not null)
        {
            Succeeded(_baselineOutput.WrittenSpan);
        }

        return _baselineOutput.WrittenCount;
    }

    [Benchmark(Description = "API")]
    public async Task<long> Api()
    {
        _apiOutput.SetLength(0);
        await _product.RunAsync(_operation, _user, _apiOutput, _mutation?.Next());
        if (_mutation is not null)
        {
            Succeeded(_apiOutput.GetBuffer().AsSpan(0, (int)_apiOutput.Length));
        }

        return _apiOutput.Length;
    }

    /// <summary>A mutation's answer must be its success: a refusal (a conflict, a row used up) is not what is measured.</summary>
    private void Succeeded(ReadOnlySpan<byte> answer)
    {
        if (MutationAnswers.Refused(answer))
        {
            throw new InvalidOperationException($"{Name}: a request was refused, so the run stops: {System.Text.Encoding.UTF8.GetString(answer)}");
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(5).WithIterationCount(5).WithId("InProcess"));
        }
    }
}

using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.GraphQL.Limits;

public sealed class LimitsTests
{
    [Fact]
    public async Task TooDeepQuery_IsRejectedBeforeAnySqlRuns()
    {
        var counter = new SqlCommandCounter();
        await using var factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync(), configureServices: s => s.AddSingleton<IInterceptor>(counter),
            settings: new Dictionary<string, string> { ["Dge:GraphQL:MaxDepth"] = "5" });
        await factory.CreateReadyClientAsync();
        counter.Reset();

        var json = await SchemaExecution.ExecuteAsync(factory.Services,
            "{ regions { nodes { municipalities { nodes { clinics { nodes { doctors { nodes { lastName } } } } } } } } }");

        Assert.Contains("depth", json.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.False(json.TryGetProperty("data", out var data) && data.ValueKind != System.Text.Json.JsonValueKind.Null);
        Assert.Equal(0, counter.Count);
    }

    [Fact]
    public async Task TooComplexQuery_IsRejectedBeforeAnySqlRuns()
    {
        var counter = new SqlCommandCounter();
        await using var factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync(), configureServices: s => s.AddSingleton<IInterceptor>(counter));
        await factory.CreateReadyClientAsync();
        counter.Reset();

        var json = await SchemaExecution.ExecuteAsync(factory.Services,
            "{ regions(first: 100) { nodes { municipalities(first: 100) { nodes { clinics(first: 100) { nodes { doctors(first: 100) { nodes { lastName } } } } } } } } }");

        var error = json.GetProperty("errors")[0];
        Assert.Equal("COMPLEXITY", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(0, counter.Count);
    }

    [Fact]
    public async Task ParallelRequests_WithParallelRootFields_NeverShareADbContext()
    {
        await using var factory = new DgeAppFactory(await TestDatabases.CopyNationalAsync());
        await factory.CreateReadyClientAsync();
        const string query = """
            {
              a: groups(first: 20) { totalCount nodes { name members { nodes { doctor { lastName clinic { name } } } } } }
              b: clinics(first: 20, order: [{ name: DESC }]) { nodes { doctors { nodes { groups { nodes { name } } } } } }
              c: qualityClusters(first: 20) { nodes { clinics { totalCount } packages { nodes { title } } } }
              d: doctors(where: { phase: { eq: GP } }) { totalCount }
            }
            """;

        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(() => SchemaExecution.ExecuteAsync(factory.Services, query))));

        Assert.All(results, json => Assert.False(json.TryGetProperty("errors", out var errors), errors.ToString()));
        Assert.Single(results.Select(r => r.GetProperty("data").ToString()).Distinct());
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dge.Api.GraphQL.Limits;
using Dge.Tests.GraphQL.Http;
using Dge.Tests.Infrastructure;
using GraphQL.Types;
using GraphQLParser;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Dge.Tests.GraphQL.Limits;

/// <summary>
/// 20 clients flood the host over loopback with the most expensive kind of request allowed while a prober asks for /healthz and a
/// one-row query: the probes all answer, the flood is served through the expensive slots (queued or refused with
/// SERVER_BUSY, never failed), and the probes' latencies are recorded for docs/reliability.md.
/// </summary>
[Collection(CpuMeasuredCollection.Name)]
public sealed class FairnessUnderLoadTests(ITestOutputHelper output)
{
    /// <summary>
    /// The most expensive kind of request the limits allow: every cluster's alignment with groups, uncovered doctors and
    /// their suggestions on two days, the reform and two annual reports; a cost between 40,000 and the limit.
    /// </summary>
    private const string Flood = """
        {
          now: clusterAlignment(first: 100) { nodes { cluster { name } alignedCoverage groups { group { name } share } uncoveredDoctors { doctor { lastName } suggestions(first: 3) { group { name } } } } }
          before: clusterAlignment(first: 100, asOf: "2025-06-30") { nodes { cluster { name } alignedCoverage groups { group { name } share } uncoveredDoctors { doctor { lastName } suggestions(first: 3) { group { name } } } } }
          reformImpact { regions { name } healthCouncils { name } }
          annualReport(kapUnitCode: "KAP-H", year: 2025) { meetings groupsActive }
          midt: annualReport(regionCode: "1082", year: 2025) { meetings groupsActive }
        }
        """;

    private const string OneRow = "{ regions(first: 1) { nodes { name } } }";

    [Fact]
    public async Task Flood_OfExpensiveRequests_LeavesHealthAndCheapQueriesAnswering()
    {
        await using var host = await LiveDgeHost.StartAsync(await TestDatabases.CopyNationalAsync(), settings: null, configureServices: null, CancellationToken.None);
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var limits = host.Services.GetRequiredService<GraphQLLimitsOptions>();
        var volume = host.Services.GetRequiredService<DataVolume>();
        await volume.RefreshAsync(CancellationToken.None);
        var cost = new OperationCost(host.Services.GetRequiredService<ISchema>(), limits, volume).Of(Parser.Parse(Flood), null, null);
        Assert.InRange(cost, 40_000, limits.MaxComplexity);

        // Warm up first, so the probes measure the flood rather than the host's first compilation.
        using (var warmUp = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            await OutcomeAsync(client, Flood);
            await ProbeAsync(client, warmUp.Token);
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        var floodCodes = new ConcurrentBag<string>();

        var flood = Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                floodCodes.Add(await OutcomeAsync(client, Flood));
            }
        })));
        var (health, cheap, failures) = await ProbeAsync(client, stop.Token);
        await flood;

        output.WriteLine($"flood: {floodCodes.Count} requests, {string.Join(", ", floodCodes.GroupBy(c => c).Select(g => $"{g.Key} {g.Count()}"))}");
        output.WriteLine($"/healthz: {Describe(health)}");
        output.WriteLine($"one-row query: {Describe(cheap)}");
        Assert.Empty(failures);
        Assert.True(health.Count > 20, $"only {health.Count} health probes ran");
        Assert.All(floodCodes, code => Assert.Contains(code, new[] { "data", "SERVER_BUSY" }));
        Assert.Contains("data", floodCodes);
    }

    private static async Task<(List<double> Health, List<double> Cheap, List<string> Failures)> ProbeAsync(HttpClient client, CancellationToken stop)
    {
        var health = new List<double>();
        var cheap = new List<double>();
        var failures = new List<string>();
        while (!stop.IsCancellationRequested)
        {
            var watch = Stopwatch.StartNew();
            using (var response = await client.GetAsync(new Uri("healthz", UriKind.Relative), CancellationToken.None))
            {
                health.Add(watch.Elapsed.TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"/healthz answered {(int)response.StatusCode}");
                }
            }

            watch.Restart();
            var outcome = await OutcomeAsync(client, OneRow);
            cheap.Add(watch.Elapsed.TotalMilliseconds);
            if (outcome != "data")
            {
                failures.Add($"the one-row query answered {outcome}");
            }

            await Task.Delay(100, CancellationToken.None);
        }

        return (health, cheap, failures);
    }

    /// <summary>"data" for an answer without errors, else the first error's code.</summary>
    private static async Task<string> OutcomeAsync(HttpClient client, string query)
    {
        using var content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(GraphQLHttp.Endpoint, content, CancellationToken.None);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None));
        return json.RootElement.TryGetProperty("errors", out var errors)
            ? errors[0].GetProperty("extensions").GetProperty("code").GetString() ?? "(no code)"
            : "data";
    }

    private static string Describe(List<double> latencies)
    {
        var sorted = latencies.Order().ToList();
        return $"{sorted.Count} probes, p50 {sorted[sorted.Count / 2]:F1} ms, p95 {sorted[(int)(sorted.Count * 0.95)]:F1} ms, max {sorted[^1]:F1} ms";
    }
}

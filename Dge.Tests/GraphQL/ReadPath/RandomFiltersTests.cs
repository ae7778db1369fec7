using System.Text.Json;
using Dge.Api.GraphQL.Relay;
using Dge.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace Dge.Tests.GraphQL.ReadPath;

/// <summary>
/// Property: a random <c>where</c> tree matches exactly the rows LINQ to objects finds over the same data on the case's
/// asOf (count and the first page in id order), or is refused with <c>INVALID_FILTER</c> exactly when the oracle says the
/// API must refuse it.
/// </summary>
public sealed class RandomFiltersTests(ReadPathHost host, ITestOutputHelper output) : IClassFixture<ReadPathHost>
{
    public const int Cases = 4000;

    [Fact]
    public async Task Where_RandomFilterTrees_MatchTheLinqOracle()
    {
        output.WriteLine($"Seed {ReadPathHost.Seed} ({ReadPathHost.SeedVariable} overrides it), {Cases} filters, today {host.Today:yyyy-MM-dd}.");
        await using var db = TestDatabases.Open(host.DatabasePath);
        var oracles = new Dictionary<DateOnly, FilterOracle>();
        foreach (var day in FilterTrees.Days)
        {
            oracles[day ?? host.Today] = await FilterOracle.LoadAsync(db, day ?? host.Today, CancellationToken.None);
        }

        var filters = new FilterTrees(host.Schema, oracles[host.Today]).Arbitrary();
        var outcomes = new Dictionary<string, int>();
        var asVariables = 0;

        // Synchronous per case, as FsCheck replays properties while shrinking; the check runs on the thread pool.
        var property = Prop.ForAll(filters, filter =>
        {
            var logged = host.Logs.Entries.Count;
            var response = host.ExecuteAsync(filter.Query, filter.VariablesJson).GetAwaiter().GetResult().GetRawText();
            if (host.ContractBreach(response, logged) is { } breach)
            {
                throw new InvalidOperationException(breach);
            }

            var outcome = Compare(oracles[filter.AsOf ?? host.Today], filter, response);
            if (!outcome.StartsWith("ok", StringComparison.Ordinal))
            {
                throw new InvalidOperationException(outcome);
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            asVariables += filter.AsVariable ? 1 : 0;
        });

        await Task.Run(() => Check.One(ReadPathHost.Cases(Cases), property));
        output.WriteLine(string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}")) + $"; {asVariables} sent as a variable");
    }

    /// <summary>"ok …" when the API agrees with the oracle, otherwise what differs.</summary>
    private static string Compare(FilterOracle oracle, FilterCase filter, string response)
    {
        using var json = JsonDocument.Parse(response);
        var refusal = FilterOracle.Refusal(filter.Where);
        var code = json.RootElement.TryGetProperty("errors", out var errors) ? errors[0].GetProperty("extensions").GetProperty("code").GetString() : null;
        if (code == "COMPLEXITY")
        {
            return "ok: refused as too costly";
        }

        if (refusal is not null)
        {
            return code == "INVALID_FILTER" ? "ok: refused" : $"expected INVALID_FILTER ({refusal}), got {response}";
        }

        if (code is not null)
        {
            return $"expected data, got {response}";
        }

        var expected = oracle.Matching(filter.Where);
        var connection = json.RootElement.GetProperty("data").GetProperty(filter.ListField);
        var total = connection.GetProperty("totalCount").GetInt32();
        var page = connection.GetProperty("nodes").EnumerateArray()
            .Select(node => NodeId.TryDecode(node.GetProperty("id").GetString(), out _, out var key) ? key : -1)
            .ToList();
        var expectedPage = expected.Take(FilterCase.PageSize).ToList();
        if (total != expected.Count || !page.SequenceEqual(expectedPage))
        {
            return $"the API matched {total} (first ids {string.Join(", ", page)}), the oracle {expected.Count} (first ids {string.Join(", ", expectedPage)})";
        }

        return expected.Count == 0 ? "ok: matched none" : expected.Count == oracle.Rows(filter.Where.Type).Count ? "ok: matched all" : "ok: matched some";
    }
}

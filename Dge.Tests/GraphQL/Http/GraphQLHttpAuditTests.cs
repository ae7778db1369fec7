using System.Text.Json;
using Dge.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Dge.Tests.GraphQL.Http;

/// <summary>
/// graphql-http's server audits (the GraphQL-over-HTTP spec's reference checks), run by node against the real host on
/// Kestrel: every MUST and every SHOULD has to pass.
/// </summary>
public sealed class GraphQLHttpAuditTests(ITestOutputHelper output)
{
    private static readonly string AuditDirectory = Path.Combine(RepositoryPaths.Root, "Dge.Tests", "GraphQL", "Audit");

    [Fact]
    public async Task Audit_LiveServer_PassesEveryMustAndShould()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await NodeTool.EnsurePackagesAsync(AuditDirectory, timeout.Token);
        await using var host = await LiveDgeHost.StartAsync(timeout.Token);

        var run = await NodeTool.RunAsync("node", ["audit.mjs", host.GraphQLEndpoint.ToString()], AuditDirectory, timeout.Token);

        Assert.True(run.ExitCode == 0, $"node audit.mjs failed (exit code {run.ExitCode}):\n{run.Error}");
        var results = JsonDocument.Parse(run.Output).RootElement.GetProperty("results").EnumerateArray()
            .Select(result => new AuditResult(
                result.GetProperty("id").GetString()!,
                result.GetProperty("name").GetString()!,
                result.GetProperty("level").GetString()!,
                result.GetProperty("status").GetString()!,
                result.GetProperty("reason").GetString()))
            .ToList();
        foreach (var level in new[] { "MUST", "SHOULD", "MAY" })
        {
            var ofLevel = results.Where(result => result.Level == level).ToList();
            output.WriteLine($"{level}: {ofLevel.Count(result => result.Passed)} of {ofLevel.Count} passed");
        }

        var failing = results.Where(result => !result.Passed && result.Level is "MUST" or "SHOULD").Select(result => result.ToString()).ToList();
        Assert.True(failing.Count == 0, string.Join('\n', failing));
        Assert.Contains(results, result => result.Level == "MUST");
    }

    private sealed record AuditResult(string Id, string Name, string Level, string Status, string? Reason)
    {
        public bool Passed => Status == "ok";

        public override string ToString() => $"{Id} {Name}: {Status} {Reason}";
    }
}

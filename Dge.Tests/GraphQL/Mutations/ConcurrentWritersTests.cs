using System.Text.Json;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.GraphQL.Mutations;

/// <summary>Writers who read the same version race for real (parallel transactions on one database): one wins, the others get a conflict.</summary>
public sealed class ConcurrentWritersTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    private const int Writers = 8;

    private static readonly string Create = $$"""
        mutation($input: CreateThemeInput!) { createTheme(input: $input) { theme { id version } {{Mutating.Fields()}} } }
        """;

    private static readonly string Update = $$"""
        mutation($input: UpdateThemeInput!) { updateTheme(input: $input) { theme { nameDa version } {{Mutating.ChangeFields}} } }
        """;

    private static readonly string Read = """query($id: ID!) { node(id: $id) { ... on Theme { nameDa version } } }""";

    [Fact]
    public async Task UpdateTheme_WritersWithTheSameVersionInParallel_OneWinsTheOthersConflictAndOnlyTheWinnerIsAudited()
    {
        var created = await graph.PayloadAsync("createTheme", Create, new { code = "C01", nameDa = "Samtidighed", nameEn = "Concurrency", category = "process" });
        var id = created.GetProperty("theme").GetProperty("id").GetString()!;

        var payloads = await Task.WhenAll(Enumerable.Range(1, Writers).Select(writer =>
            Task.Run(() => graph.PayloadAsync("updateTheme", Update, new { id, expectedVersion = 0, nameDa = $"Skribent {writer}" }))));

        var winner = Assert.Single(payloads, p => p.GetProperty("errors").ValueKind == JsonValueKind.Null);
        var losers = payloads.Where(p => p.GetProperty("errors").ValueKind != JsonValueKind.Null).ToList();
        Assert.Equal(Writers - 1, losers.Count);
        Assert.All(losers, loser =>
        {
            var error = loser.SingleError();
            Assert.Equal("ConflictError", error.GetProperty("__typename").GetString());
            Assert.Equal(1, error.GetProperty("currentVersion").GetInt32());
            Assert.Equal(JsonValueKind.Null, loser.GetProperty("theme").ValueKind);
        });
        var stored = (await SchemaExecution.ExecuteAsync(graph.Services, Read, Mutating.Inputs(new { id }))).GetProperty("data").GetProperty("node");
        Assert.Equal(winner.GetProperty("theme").GetProperty("nameDa").GetString(), stored.GetProperty("nameDa").GetString());
        Assert.Equal(1, stored.GetProperty("version").GetInt32());
        var audit = await graph.AuditAsync(id);
        Assert.Equal(["createTheme", "updateTheme"], audit.Select(a => a.Operation).Order(StringComparer.Ordinal));
    }
}

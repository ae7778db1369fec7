using Dge.Tests.Infrastructure;

namespace Dge.Tests.GraphQL;

public sealed class SmokeTests
{
    [Fact]
    public async Task Query_NestedGraph_Resolves()
    {
        await using var factory = new DgeAppFactory(await TestDatabases.CopyNationalAsync());
        await factory.CreateReadyClientAsync();

        var json = await SchemaExecution.ExecuteAsync(factory.Services, """
            { regions(first: 3, order: [{ name: DESC }]) { totalCount pageInfo { hasNextPage endCursor } nodes { id name code
                municipalities(first: 2) { totalCount nodes { code name healthCouncil { name } clinics(first: 2) { nodes { ydernummer doctors(first: 2) { nodes { lastName phase clinic { name } groups { nodes { name kind members(first: 3) { totalCount nodes { role doctor { lastName } } } } } } } } } } } } } }
            """);

        Assert.True(json.TryGetProperty("data", out _), json.ToString());
        Assert.False(json.TryGetProperty("errors", out _), json.ToString());
        File.WriteAllText("/tmp/smoke.json", json.ToString());
    }
}

using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.GraphQL;

/// <summary>Filters become part of the SQL statement, with their values as parameters, never applied in memory.</summary>
public sealed class FilterSqlTests
{
    [Fact]
    public async Task Where_ThroughRelationsAndLists_IsOneParameterisedSqlStatement()
    {
        var counter = new SqlCommandCounter();
        await using var factory = new DgeAppFactory(await TestDatabases.CopyNationalAsync(), configureServices: s => s.AddSingleton<IInterceptor>(counter));
        await factory.CreateReadyClientAsync();
        counter.Reset();

        var json = await SchemaExecution.ExecuteAsync(factory.Services, """
            { doctors(first: 5, where: { lastName: { startsWith: "Jen" }, clinic: { municipality: { code: { eq: "0101" } } },
                                         memberships: { some: { role: { eq: LEADER } } } }) { nodes { lastName } } }
            """);

        Assert.False(json.TryGetProperty("errors", out _), json.ToString());
        var sql = Assert.Single(counter.Commands);
        Assert.Contains("WHERE", sql, StringComparison.Ordinal);
        Assert.Contains("EXISTS", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("0101", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("Jen", sql, StringComparison.Ordinal);
        Assert.All(json.GetProperty("data").GetProperty("doctors").GetProperty("nodes").EnumerateArray(),
            n => Assert.StartsWith("Jen", n.GetProperty("lastName").GetString(), StringComparison.Ordinal));
    }
}

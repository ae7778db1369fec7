using System.Text.Json;
using Dge.Tests.Infrastructure;
using GraphQL;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.GraphQL;

/// <summary>
/// No N+1: the number of SQL statements of a nested query depends on its shape only, not on page size or data size.
/// </summary>
public sealed class SqlStatementCountTests
{
    public static TheoryData<string, string, int> Queries => new()
    {
        {
            "regions to municipalities to clinics to doctors to groups to members",
            """
            query($n: Int) { regions(first: $n) { nodes { name municipalities(first: $n) { nodes { code clinics(first: $n) { nodes { ydernummer
              doctors(first: $n) { nodes { lastName clinic { name } groups(first: $n) { nodes { name members(first: $n) { totalCount nodes { role doctor { lastName } } } } } } } } } } } } } }
            """,
            // regions, municipalities, clinics, doctors, doctor.clinic, groups, members, member.doctor
            8
        },
        {
            "groups with advisor, KAP unit, members and last meetings with themes and attendees",
            """
            query($n: Int) { groups(first: $n, order: [{ name: ASC }]) { totalCount nodes { name kind advisor { name } kapUnit { code }
              members(first: $n) { nodes { doctor { lastName } } }
              meetings(last: $n, order: [{ date: ASC }]) { nodes { date themes(first: $n) { nodes { nameDa } } attendees(first: $n) { nodes { lastName } } } } } } }
            """,
            // groups, count, advisor, kapUnit, members, member.doctor, meetings, themes, attendees
            9
        },
        {
            "clusters with clinics, doctors and package themes",
            """
            query($n: Int) { qualityClusters(first: $n, where: { region: { code: { eq: "1082" } } }) { nodes { name
              clinics(first: $n) { nodes { name doctors(first: $n) { nodes { lastName } } } }
              packages(first: $n) { nodes { title themes(first: $n) { nodes { code groups(first: $n) { nodes { name } } } } } } } } }
            """,
            // clusters, clinics, doctors, packages, themes, theme.groups
            6
        },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task NestedQuery_PageSizeAndDataScaleChange_StatementCountStaysTheSame(string description, string query, int expected)
    {
        var small = await CountAsync(await TestDatabases.CopyNationalAsync(), query, pageSize: 3);
        var large = await CountAsync(await TestDatabases.CopyNationalAsync(), query, pageSize: 8);
        var doubled = await CountAsync(await TestDatabases.CopyDoubleAsync(), query, pageSize: 8);

        Assert.True(small == expected, $"{description}: {small} statements at page size 3, expected {expected}.");
        Assert.Equal(small, large);
        Assert.Equal(large, doubled);
    }

    /// <summary>A connection of which only <c>totalCount</c> is selected is counted, and no page of it is read.</summary>
    [Fact]
    public async Task ConnectionsSelectingOnlyTheirTotal_AreCountedWithoutReadingItems()
    {
        const string CountsOnly = """
            { clinics { totalCount } groups(first: 5, order: [{ name: ASC }]) { nodes { name members { totalCount __typename } meetings(last: 3) { n: totalCount } } } }
            """;
        const string WithItems = """
            { clinics(first: 1) { totalCount nodes { id } } groups(first: 5, order: [{ name: ASC }]) { nodes { name members(first: 100) { totalCount nodes { role } } meetings(last: 3) { n: totalCount nodes { date } } } } }
            """;
        var counter = new SqlCommandCounter();
        await using var factory = new DgeAppFactory(await TestDatabases.CopyNationalAsync(), configureServices: services => services.AddSingleton<IInterceptor>(counter));
        await factory.CreateReadyClientAsync();

        counter.Reset();
        var counts = (await SchemaExecution.ExecuteAsync(factory.Services, CountsOnly)).GetProperty("data");
        var commands = counter.Commands;
        var withItems = (await SchemaExecution.ExecuteAsync(factory.Services, WithItems)).GetProperty("data");

        // clinics' count; the groups; their members' counts; their meetings' counts: no statement reads a page of children.
        Assert.Equal(4, commands.Count);
        Assert.StartsWith("SELECT COUNT(*)", commands[0].TrimStart(), StringComparison.OrdinalIgnoreCase);
        Assert.All(commands.Skip(2), c => Assert.DoesNotContain("ROW_NUMBER", c, StringComparison.Ordinal));
        Assert.Equal(withItems.GetProperty("clinics").GetProperty("totalCount").GetInt32(), counts.GetProperty("clinics").GetProperty("totalCount").GetInt32());
        var groups = counts.GetProperty("groups").GetProperty("nodes").EnumerateArray().ToList();
        var expected = withItems.GetProperty("groups").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(expected.Count, groups.Count);
        foreach (var (group, full) in groups.Zip(expected))
        {
            Assert.Equal(full.GetProperty("members").GetProperty("totalCount").GetInt32(), group.GetProperty("members").GetProperty("totalCount").GetInt32());
            Assert.Equal(full.GetProperty("members").GetProperty("nodes").GetArrayLength(), group.GetProperty("members").GetProperty("totalCount").GetInt32());
            Assert.Equal(full.GetProperty("meetings").GetProperty("n").GetInt32(), group.GetProperty("meetings").GetProperty("n").GetInt32());
        }

        Assert.Contains(groups, g => g.GetProperty("meetings").GetProperty("n").GetInt32() > 0);
    }

    private static async Task<int> CountAsync(string databasePath, string query, int pageSize)
    {
        var counter = new SqlCommandCounter();
        await using var factory = new DgeAppFactory(
            databasePath,
            configureServices: services => services.AddSingleton<IInterceptor>(counter),
            settings: new Dictionary<string, string> { ["Dge:GraphQL:MaxComplexity"] = "1000000000", ["Dge:GraphQL:MaxDepth"] = "40", ["environment"] = "Development" });
        await factory.CreateReadyClientAsync();
        counter.Reset();

        var json = await SchemaExecution.ExecuteAsync(factory.Services, query, new Inputs(new Dictionary<string, object?> { ["n"] = pageSize }));

        Assert.False(json.TryGetProperty("errors", out var errors), errors.ValueKind == JsonValueKind.Undefined ? string.Empty : errors.ToString());
        return counter.Count;
    }
}

using Dge.Api.Data.Collation;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.GraphQL;

public sealed class SortingTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    [Fact]
    public async Task Order_ThroughRelationThenScalar_MatchesLinqInDanishOrder()
    {
        await using var db = graph.OpenDb();
        var clinics = await db.Clinics.Select(c => new { c.Id, c.Ydernummer, c.Name, Municipality = c.Municipality!.Name }).ToListAsync();
        var expected = clinics
            .OrderByDescending(c => c.Municipality, DanishCollation.Comparer).ThenBy(c => c.Name, DanishCollation.Comparer).ThenBy(c => c.Id)
            .Select(c => c.Ydernummer).Take(40).ToList();

        var data = await graph.DataAsync("""{ clinics(first: 40, order: [{ municipality: { name: DESC } }, { name: ASC }]) { nodes { ydernummer } } }""");

        Assert.Equal(expected, data.GetProperty("clinics").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("ydernummer").GetString()));
    }

    [Fact]
    public async Task Order_EqualValues_AreBrokenByKeySoPagesDoNotOverlap()
    {
        var first = await graph.DataAsync("""{ doctors(first: 100, order: [{ phase: ASC }]) { pageInfo { endCursor } nodes { id } } }""");
        var cursor = first.GetProperty("doctors").GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var second = await graph.DataAsync("""query($after: String) { doctors(first: 100, after: $after, order: [{ phase: ASC }]) { nodes { id } } }""", new { after = cursor });

        var ids = first.GetProperty("doctors").GetProperty("nodes").EnumerateArray()
            .Concat(second.GetProperty("doctors").GetProperty("nodes").EnumerateArray())
            .Select(n => n.GetProperty("id").GetString()).ToList();
        Assert.Equal(200, ids.Distinct().Count());
    }

    [Fact]
    public async Task Order_TwoFieldsInOneObject_IsATypedErrorAskingForOnePerObject()
    {
        var errors = await graph.ErrorsAsync("{ doctors(order: [{ lastName: DESC, firstName: ASC }]) { totalCount } }");

        Assert.Equal("INVALID_SORT", errors[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("one field per sort object", errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_NestedConnection_SortsEachParentsChildren()
    {
        var data = await graph.DataAsync("""{ groups(first: 5) { nodes { meetings(first: 20, order: [{ date: DESC }]) { nodes { date } } } } }""");

        foreach (var group in data.GetProperty("groups").GetProperty("nodes").EnumerateArray())
        {
            var dates = group.GetProperty("meetings").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("date").GetString()!).ToList();
            Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
        }
    }

    [Theory]
    [InlineData("ASC", new[] { "DGE", "JUNIOR", "KGE", "NEW_GP", "SUPERVISION", "TOPIC" })]
    [InlineData("DESC", new[] { "TOPIC", "SUPERVISION", "NEW_GP", "KGE", "JUNIOR", "DGE" })]
    public async Task Order_Enum_FollowsTheApiNamesAlphabetically(string direction, string[] expected)
    {
        var kinds = new List<string>();
        string? cursor = null;
        var hasNext = true;

        while (hasNext)
        {
            var data = await graph.DataAsync(
                $"query($after: String) {{ groups(first: 100, after: $after, order: [{{ kind: {direction} }}]) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ kind }} }} }}",
                new { after = cursor });
            var groups = data.GetProperty("groups");
            kinds.AddRange(groups.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("kind").GetString()!));
            hasNext = groups.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean();
            cursor = groups.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }

        // Each kind forms one run, and the runs come in the order of the names.
        var runs = kinds.Where((kind, i) => i == 0 || kinds[i - 1] != kind).ToList();
        Assert.Equal(expected, runs);
    }
}

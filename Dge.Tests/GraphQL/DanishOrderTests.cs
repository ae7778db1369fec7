using Dge.Tests.Infrastructure;

namespace Dge.Tests.GraphQL;

public sealed class DanishOrderTests(DanishDoctorsGraph graph) : IClassFixture<DanishDoctorsGraph>
{
    [Fact]
    public async Task Order_LastNameAscending_SortsAsDanesExpect()
    {
        var data = await graph.DataAsync("{ doctors(first: 100, order: [{ lastName: ASC }]) { nodes { lastName } } }");

        Assert.Equal(DanishDoctorsGraph.LastNamesInDanishOrder, DanishDoctorsGraph.LastNames(data.GetProperty("doctors")));
    }

    [Fact]
    public async Task Order_LastNameDescending_IsTheDanishOrderReversed()
    {
        var data = await graph.DataAsync("{ doctors(first: 100, order: [{ lastName: DESC }]) { nodes { lastName } } }");

        Assert.Equal(DanishDoctorsGraph.LastNamesInDanishOrder.Reverse(), DanishDoctorsGraph.LastNames(data.GetProperty("doctors")));
    }

    [Fact]
    public async Task Order_PagingWithAfterAcrossÆØÅ_ReturnsEveryDoctorOnceInDanishOrder()
    {
        var names = new List<string>();
        string? cursor = null;
        var hasNext = true;

        while (hasNext)
        {
            var data = await graph.DataAsync(
                "query($after: String) { doctors(first: 4, after: $after, order: [{ lastName: ASC }]) { pageInfo { hasNextPage endCursor } nodes { lastName } } }",
                new { after = cursor });
            var doctors = data.GetProperty("doctors");
            names.AddRange(DanishDoctorsGraph.LastNames(doctors));
            hasNext = doctors.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean();
            cursor = doctors.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }

        Assert.Equal(DanishDoctorsGraph.LastNamesInDanishOrder, names);
    }

    [Fact]
    public async Task Order_PagingBackwardWithBefore_ReturnsTheDoctorsBeforeTheCursorInDanishOrder()
    {
        var all = await graph.DataAsync("{ doctors(first: 100, order: [{ lastName: ASC }]) { edges { cursor node { lastName } } } }");
        var edges = all.GetProperty("doctors").GetProperty("edges").EnumerateArray().ToList();
        var åberg = edges.FindIndex(e => e.GetProperty("node").GetProperty("lastName").GetString() == "Åberg");

        var data = await graph.DataAsync(
            "query($before: String) { doctors(last: 3, before: $before, order: [{ lastName: ASC }]) { nodes { lastName } } }",
            new { before = edges[åberg].GetProperty("cursor").GetString() });

        Assert.Equal(DanishDoctorsGraph.LastNamesInDanishOrder.Take(åberg).TakeLast(3), DanishDoctorsGraph.LastNames(data.GetProperty("doctors")));
    }

    [Fact]
    public async Task Order_NestedConnection_SortsEachParentsChildrenInDanishOrder()
    {
        var data = await graph.DataAsync(
            $$"""{ clinicByYdernummer(ydernummer: "{{DanishDoctorsGraph.CurrentClinic}}") { doctors(first: 100, order: [{ lastName: ASC }]) { nodes { lastName } } } }""");

        Assert.Equal(DanishDoctorsGraph.LastNamesInDanishOrder, DanishDoctorsGraph.LastNames(data.GetProperty("clinicByYdernummer").GetProperty("doctors")));
    }
}

using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.GraphQL;

public sealed class PagingTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    [Fact]
    public async Task First_WithoutArguments_ReturnsTenItemsAndPageInfo()
    {
        var data = await graph.DataAsync("{ clinics { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor } nodes { id } } }");

        var clinics = data.GetProperty("clinics");
        Assert.Equal(10, clinics.GetProperty("nodes").GetArrayLength());
        Assert.True(clinics.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.False(clinics.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
        Assert.Equal(clinics.GetProperty("edges")[9].GetProperty("cursor").GetString(), clinics.GetProperty("pageInfo").GetProperty("endCursor").GetString());
    }

    [Fact]
    public async Task TotalCount_SelectedThroughAFragmentOrAnAlias_IsCounted()
    {
        await using var db = graph.OpenDb();
        var expected = await db.Clinics.CountAsync();

        var data = await graph.DataAsync("{ clinics(first: 1) { ...Counted } aliased: clinics(first: 1) { n: totalCount } } fragment Counted on ClinicConnection { totalCount }");

        Assert.Equal(expected, data.GetProperty("clinics").GetProperty("totalCount").GetInt32());
        Assert.Equal(expected, data.GetProperty("aliased").GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task After_FollowingEndCursors_VisitsEveryItemOnceInOrder()
    {
        await using var db = graph.OpenDb();
        var expected = await db.KapUnits.Select(k => k.Id).CountAsync() + await db.Themes.CountAsync();
        var seen = new List<string>();
        foreach (var field in new[] { "kapUnits", "themes" })
        {
            string? cursor = null;
            bool more;
            do
            {
                var data = await graph.DataAsync($$"""query($after: String) { {{field}}(first: 4, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }""", new { after = cursor });
                var page = data.GetProperty(field);
                seen.AddRange(page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!));
                more = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean();
                cursor = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
            }
            while (more);
        }

        Assert.Equal(expected, seen.Count);
        Assert.Equal(expected, seen.Distinct().Count());
    }

    [Fact]
    public async Task Last_WithoutBefore_ReturnsTheFinalItems()
    {
        await using var db = graph.OpenDb();
        var expected = (await db.Themes.OrderBy(t => t.Code).ThenBy(t => t.Id).Select(t => t.Code).ToListAsync()).TakeLast(3);

        var data = await graph.DataAsync("""{ themes(last: 3, order: [{ code: ASC }]) { pageInfo { hasNextPage hasPreviousPage } nodes { code } } }""");

        var themes = data.GetProperty("themes");
        Assert.Equal(expected, themes.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()));
        Assert.False(themes.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.True(themes.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
    }

    [Fact]
    public async Task LastBefore_ReturnsThePageBeforeTheCursor()
    {
        var page = await graph.DataAsync("""{ themes(first: 10, order: [{ code: ASC }]) { edges { cursor node { code } } } }""");
        var edges = page.GetProperty("themes").GetProperty("edges");

        var data = await graph.DataAsync("""query($before: String) { themes(last: 3, before: $before, order: [{ code: ASC }]) { nodes { code } } }""",
            new { before = edges[8].GetProperty("cursor").GetString() });

        Assert.Equal(
            Enumerable.Range(5, 3).Select(i => edges[i].GetProperty("node").GetProperty("code").GetString()),
            data.GetProperty("themes").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Last_OnNestedConnection_ReturnsEachParentsFinalItems()
    {
        await using var db = graph.OpenDb();
        var group = await db.Groups.OrderBy(g => g.Id).FirstAsync(g => db.Meetings.Count(m => m.GroupId == g.Id) > 3);
        var expected = (await db.Meetings.Where(m => m.GroupId == group.Id).OrderBy(m => m.Date).ThenBy(m => m.Id).Select(m => m.Date).ToListAsync())
            .TakeLast(2).Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        var data = await graph.DataAsync("""
            query($name: String) { groups(where: { name: { eq: $name } }) { nodes { meetings(last: 2, order: [{ date: ASC }]) { totalCount nodes { date } } } } }
            """, new { name = group.Name });

        var meetings = data.GetProperty("groups").GetProperty("nodes")[0].GetProperty("meetings");
        Assert.Equal(expected, meetings.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("date").GetString()));
    }

    [Theory]
    [InlineData("{ clinics(first: 101) { totalCount } }", "first")]
    [InlineData("{ clinics(first: 5, last: 5) { totalCount } }", "first")]
    [InlineData("{ clinics(first: -1) { totalCount } }", "first")]
    [InlineData("""{ clinics(after: "not-a-cursor") { totalCount } }""", "after")]
    [InlineData("""{ clinics(first: 3, after: "MjE0NzQ4MzY0Nw==") { totalCount } }""", "after")]
    [InlineData("""{ clinics(last: 3, before: "MjE0NzQ4MzY0Nw==") { totalCount } }""", "before")]
    [InlineData("{ groups(first: 1) { nodes { members(first: 500) { totalCount } } } }", "first")]
    public async Task BadPagingArguments_AreTypedErrorsNamingTheArgument(string query, string argument)
    {
        var errors = await graph.ErrorsAsync(query);

        Assert.Equal("INVALID_PAGING", errors[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains(argument, errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_CursorOfAnotherConnection_IsInvalidPaging()
    {
        var cursor = await EndCursorAsync("{ clinics(first: 2) { pageInfo { endCursor } } }", "clinics");

        var errors = await graph.ErrorsAsync("query($after: String) { doctors(first: 2, after: $after) { nodes { id } } }", new { after = cursor });

        Assert.Equal("INVALID_PAGING", errors[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("another connection or order", errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_CursorMadeUnderAnotherOrder_IsInvalidPaging()
    {
        var cursor = await EndCursorAsync("{ doctors(first: 2, order: [{ lastName: ASC }]) { pageInfo { endCursor } } }", "doctors");

        var errors = await graph.ErrorsAsync(
            "query($after: String) { doctors(first: 2, after: $after, order: [{ lastName: DESC }]) { nodes { id } } }", new { after = cursor });

        Assert.Equal("INVALID_PAGING", errors[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Before_CursorOfTheRootConnectionOnANestedOne_IsInvalidPaging()
    {
        var cursor = await EndCursorAsync("{ doctors(first: 2) { pageInfo { endCursor } } }", "doctors");

        var errors = await graph.ErrorsAsync(
            "query($before: String) { clinics(first: 1) { nodes { doctors(last: 1, before: $before) { nodes { id } } } } }", new { before = cursor });

        Assert.Equal("INVALID_PAGING", errors[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("Clinic.doctors", errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_NestedConnectionCursorWithTheSameOrder_ContinuesThePage()
    {
        // The oldest group, which has met at least four times (the first by name no longer has, in Danish order).
        const string Query = """
            query($after: String) { groups(first: 1, order: [{ foundedOn: ASC }]) { nodes {
              meetings(first: 2, after: $after, order: [{ date: ASC }]) { pageInfo { endCursor } nodes { date } } } } }
            """;
        var firstPage = (await graph.DataAsync(Query, new { after = (string?)null })).GetProperty("groups").GetProperty("nodes")[0].GetProperty("meetings");
        var whole = (await graph.DataAsync(Query.Replace("first: 2,", "first: 4,", StringComparison.Ordinal), new { after = (string?)null }))
            .GetProperty("groups").GetProperty("nodes")[0].GetProperty("meetings").GetProperty("nodes");

        var secondPage = (await graph.DataAsync(Query, new { after = firstPage.GetProperty("pageInfo").GetProperty("endCursor").GetString() }))
            .GetProperty("groups").GetProperty("nodes")[0].GetProperty("meetings").GetProperty("nodes");

        Assert.Equal(4, whole.GetArrayLength());
        Assert.Equal(
            whole.EnumerateArray().Skip(2).Select(n => n.GetProperty("date").GetString()),
            secondPage.EnumerateArray().Select(n => n.GetProperty("date").GetString()));
    }

    /// <summary>
    /// One parent's page (a detail read: a query compiled once per window shape) is the page the batched read of several
    /// parents gives it, in every window: first, after, last, before, counts alone; for children by a foreign key (a KAP
    /// unit's groups) and through links (a theme's materials).
    /// </summary>
    [Theory]
    [MemberData(nameof(Windows))]
    public async Task NestedPage_OfOneParent_IsItsPageInABatchOfSeveral(string list, string type, string connection, string window)
    {
        const string Page = "CONNECTION(WINDOW) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }";
        var firstPages = (await graph.DataAsync($"{{ {list}(first: 5) {{ nodes {{ {connection}(first: 5) {{ edges {{ cursor }} }} }} }} }}")).GetProperty(list).GetProperty("nodes");
        var cursor = firstPages.EnumerateArray().Select(p => p.GetProperty(connection).GetProperty("edges")).First(e => e.GetArrayLength() >= 3)[2].GetProperty("cursor").GetString();
        var page = Page.Replace("CONNECTION", connection, StringComparison.Ordinal).Replace("(WINDOW)", window.Length == 0 ? string.Empty : $"({window})", StringComparison.Ordinal);
        var declared = window.Contains("$cursor", StringComparison.Ordinal);

        var batched = (await graph.DataAsync($"query{(declared ? "($cursor: String)" : string.Empty)} {{ {list}(first: 5) {{ nodes {{ id {page} }} }} }}", new { cursor }))
            .GetProperty(list).GetProperty("nodes");

        Assert.Equal(5, batched.GetArrayLength());
        foreach (var parent in batched.EnumerateArray())
        {
            var alone = await graph.DataAsync(
                $"query($id: ID!{(declared ? ", $cursor: String" : string.Empty)}) {{ node(id: $id) {{ ... on {type} {{ id {page} }} }} }}",
                new { id = parent.GetProperty("id").GetString(), cursor });
            Assert.Equal(parent.GetRawText(), alone.GetProperty("node").GetRawText());
        }

        Assert.True(batched.EnumerateArray().Sum(p => p.GetProperty(connection).GetProperty("totalCount").GetInt32()) > 5);
    }

    public static TheoryData<string, string, string, string> Windows()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var (list, type, connection) in new[] { ("kapUnits", "KapUnit", "groups"), ("themes", "Theme", "materials") })
        {
            foreach (var window in new[] { "", "first: 3", "first: 3, after: $cursor", "last: 2", "last: 2, before: $cursor", "first: 2, before: $cursor", "first: 0", "last: 50, after: $cursor" })
            {
                data.Add(list, type, connection, window);
            }
        }

        return data;
    }

    [Fact]
    public async Task Cursor_IsOpaqueAndNotABareOffset()
    {
        var cursor = await EndCursorAsync("{ themes(first: 1) { pageInfo { endCursor } } }", "themes");

        var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cursor));

        Assert.NotEqual("0", decoded);
        Assert.EndsWith(":0", decoded, StringComparison.Ordinal);
        var errors = await graph.ErrorsAsync("""{ themes(first: 1, after: "MA==") { nodes { code } } }""");
        Assert.Equal("INVALID_PAGING", errors[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    private async Task<string> EndCursorAsync(string query, string field) =>
        (await graph.DataAsync(query)).GetProperty(field).GetProperty("pageInfo").GetProperty("endCursor").GetString()
        ?? throw new InvalidOperationException($"{field} returned an empty page.");
}

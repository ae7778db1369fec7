using Dge.Api.Composition;
using Dge.Api.GraphQL.Relay;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.GraphQL;

public sealed class NodeTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    /// <summary>Every entity readable anonymously; the audit log (Admin only) has no rows in a fresh seed and its own tests.</summary>
    public static TheoryData<string> ListFields => new(DgeAreas.All.SelectMany(a => a.Models).Where(m => m.RequiredRole is null).Select(m => m.ListFieldName));

    [Theory]
    [MemberData(nameof(ListFields))]
    public async Task Node_IdOfEveryEntityType_ResolvesToTheSameEntity(string listField)
    {
        var list = await graph.DataAsync($$"""{ {{listField}}(first: 1) { nodes { id __typename } } }""");
        var first = list.GetProperty(listField).GetProperty("nodes")[0];

        var data = await graph.DataAsync("query($id: ID!) { node(id: $id) { id __typename } }", new { id = first.GetProperty("id").GetString() });

        Assert.Equal(first.GetProperty("id").GetString(), data.GetProperty("node").GetProperty("id").GetString());
        Assert.Equal(first.GetProperty("__typename").GetString(), data.GetProperty("node").GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task Nodes_KeepTheOrderGivenAndAnswerNullForUnknownKeys()
    {
        var ids = new[] { NodeId.Encode("Theme", 2), NodeId.Encode("Region", 1), NodeId.Encode("Theme", 999_999) };

        var data = await graph.DataAsync("query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Theme { code } } }", new { ids });

        var nodes = data.GetProperty("nodes");
        Assert.Equal("Theme", nodes[0].GetProperty("__typename").GetString());
        Assert.Equal("Region", nodes[1].GetProperty("__typename").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, nodes[2].ValueKind);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("VW5rbm93bjox")]
    [InlineData("VGhlbWU6YWJj")]
    public async Task Node_MalformedOrUnknownTypeId_IsATypedError(string id)
    {
        var errors = await graph.ErrorsAsync("query($id: ID!) { node(id: $id) { id } }", new { id });

        Assert.Equal("INVALID_ID", errors[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Nodes_MoreThanFifty_IsATypedError()
    {
        var ids = Enumerable.Range(1, 51).Select(i => NodeId.Encode("Doctor", i)).ToArray();

        var errors = await graph.ErrorsAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids });

        Assert.Equal("INVALID_ID", errors[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Lookups_ByNaturalKeys_FindTheEntities()
    {
        await using var db = graph.OpenDb();
        var clinic = db.Clinics.OrderBy(c => c.Id).First();

        var data = await graph.DataAsync("""
            query($y: String!) { clinicByYdernummer(ydernummer: $y) { name } municipalityByCode(code: "0101") { name } regionByCode(code: "1082") { name } themeByCode(code: "T06") { nameDa } }
            """, new { y = clinic.Ydernummer });

        Assert.Equal(clinic.Name, data.GetProperty("clinicByYdernummer").GetProperty("name").GetString());
        Assert.Equal("København", data.GetProperty("municipalityByCode").GetProperty("name").GetString());
        Assert.Equal("Region Midtjylland", data.GetProperty("regionByCode").GetProperty("name").GetString());
        Assert.Equal("KOL", data.GetProperty("themeByCode").GetProperty("nameDa").GetString());
    }
}

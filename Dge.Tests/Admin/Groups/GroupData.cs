using System.Text.Json;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.Admin.Groups;

/// <summary>Each group page test's own data, made and read through the API with an Editor key, as another client would.</summary>
internal sealed class GroupData(AccessHost host)
{
    public async Task<JsonElement> QueryAsync(string query, object? variables = null)
    {
        using var editor = await host.WithKeyAsync(Roles.Editor);
        using var response = await editor.SendAsync(Post(JsonSerializer.Serialize(new { query, variables })));
        var json = await JsonAsync(response);
        Assert.False(json.TryGetProperty("errors", out var errors), errors.ToString());
        return json.GetProperty("data");
    }

    public async Task<string> KapUnitIdAsync() =>
        (await QueryAsync("{ kapUnits(first: 1, order: [{ name: ASC }]) { nodes { id } } }")).GetProperty("kapUnits").GetProperty("nodes")[0].GetProperty("id").GetString()!;

    /// <summary>A new group founded in 2025 in the first KAP unit, with a name of its own; its id.</summary>
    public async Task<string> NewGroupAsync(string name)
    {
        var data = await QueryAsync(
            "mutation($input: CreateGroupInput!) { createGroup(input: $input) { group { id } errors { __typename } } }",
            new { input = new { name, kind = "TOPIC", kapUnitId = await KapUnitIdAsync(), foundedOn = "2025-01-01" } });
        return data.GetProperty("createGroup").GetProperty("group").GetProperty("id").GetString()!;
    }

    /// <summary>Active GPs (id and full name), skipping the first <paramref name="skip"/> by id, for members.</summary>
    public async Task<List<(string Id, string Name)>> DoctorsAsync(int count, int skip)
    {
        var data = await QueryAsync($"{{ doctors(first: {count + skip}, where: {{ phase: {{ eq: GP }} }}, order: [{{ lastName: DESC }}, {{ firstName: DESC }}]) {{ nodes {{ id firstName lastName }} }} }}");
        return data.GetProperty("doctors").GetProperty("nodes").EnumerateArray().Skip(skip)
            .Select(d => (d.GetProperty("id").GetString()!, $"{d.GetProperty("firstName").GetString()} {d.GetProperty("lastName").GetString()}")).ToList();
    }

    public async Task<string> AddMemberAsync(string groupId, string doctorId, string role = "MEMBER")
    {
        var data = await QueryAsync(
            "mutation($input: AddGroupMemberInput!) { addGroupMember(input: $input) { membership { id } errors { __typename ... on Error { message } } } }",
            new { input = new { groupId, doctorId, from = "2025-02-01", role } });
        return data.GetProperty("addGroupMember").GetProperty("membership").GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> GroupAsync(string id) =>
        (await QueryAsync(
            "query($id: ID!) { node(id: $id) { ... on DgeGroup { name kind version dissolvedOn advisor { id } members(first: 100) { nodes { id role to doctor { id } } } meetings { totalCount nodes { attendees { totalCount } } } } } }",
            new { id })).GetProperty("node");
}

using System.Net;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.Access;

/// <summary>Personal data over HTTP for every kind of caller: anonymous, and each role by cookie and by API key.</summary>
public sealed class CallerMatrixTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string PersonalQuery = """{ doctors(first: 2) { nodes { lastName email phone } } coordinators(first: 1) { nodes { email } } }""";
    private const string PersonalFilter = """{ doctors(where: { email: { startsWith: "a" } }) { totalCount } }""";

    public static TheoryData<string, string?> Callers => new()
    {
        { "anonymous", null },
        { "cookie", null },
        { "cookie", Roles.Reader },
        { "cookie", Roles.Editor },
        { "cookie", Roles.Admin },
        { "key", Roles.Reader },
        { "key", Roles.Editor },
        { "key", Roles.Admin },
    };

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task PersonalFields_EachCaller_ReadOnlyFromReaderUp(string via, string? role)
    {
        using var client = await ClientAsync(via, role);

        var json = await PostAsync(client, PersonalQuery);

        var emails = json.GetProperty("data").GetProperty("doctors").GetProperty("nodes").EnumerateArray()
            .Select(n => n.GetProperty("email")).ToList();
        if (role is null)
        {
            Assert.All(emails, e => Assert.Equal(JsonValueKind.Null, e.ValueKind));
            Assert.Equal(5, json.GetProperty("errors").EnumerateArray().Count(e => e.GetProperty("extensions").GetProperty("code").GetString() == FieldAccess.NotAuthorizedCode));
        }
        else
        {
            Assert.All(emails, e => Assert.Contains('@', e.GetString() ?? string.Empty));
            Assert.False(json.TryGetProperty("errors", out _));
        }
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task PersonalFilter_EachCaller_RunsOnlyFromReaderUp(string via, string? role)
    {
        using var client = await ClientAsync(via, role);

        var json = await PostAsync(client, PersonalFilter);

        if (role is null)
        {
            Assert.Equal(FieldAccess.NotAuthorizedCode, json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
            Assert.Equal(JsonValueKind.Null, json.GetProperty("data").ValueKind);
        }
        else
        {
            Assert.True(json.GetProperty("data").GetProperty("doctors").GetProperty("totalCount").GetInt32() > 0);
        }
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Me_EachCaller_SaysWhoAndWhichRoles(string via, string? role)
    {
        using var client = await ClientAsync(via, role);

        var me = (await PostAsync(client, "{ me { authenticated name roles via } }")).GetProperty("data").GetProperty("me");

        Assert.Equal(via != "anonymous", me.GetProperty("authenticated").GetBoolean());
        var roles = me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Equal(role is null ? [] : Roles.All.Take(Roles.All.ToList().IndexOf(role) + 1).ToList(), roles);
        Assert.Equal(via switch { "cookie" => "COOKIE", "key" => "API_KEY", _ => null }, me.GetProperty("via").GetString());
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task ApiKeys_EachCaller_ListedOnlyForAdmins(string via, string? role)
    {
        using var client = await ClientAsync(via, role);

        var json = await PostAsync(client, "{ apiKeys { name role hint lastUsedAt } }");

        if (role == Roles.Admin)
        {
            Assert.NotEmpty(json.GetProperty("data").GetProperty("apiKeys").EnumerateArray());
            Assert.DoesNotContain("secret", json.ToString(), StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, json.GetProperty("data").GetProperty("apiKeys").ValueKind);
            Assert.Equal(FieldAccess.NotAuthorizedCode, json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        }
    }

    private async Task<HttpClient> ClientAsync(string via, string? role) => via switch
    {
        "anonymous" => host.Anonymous(),
        "cookie" => await host.SignedInAsync(role),
        _ => await host.WithKeyAsync(role!),
    };

    private static async Task<JsonElement> PostAsync(HttpClient client, string query)
    {
        using var response = await client.SendAsync(PostQuery(query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }
}

using System.Security.Claims;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Api.GraphQL.Relay;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Access;

/// <summary>Personal fields (doctors' e-mail and phone, coordinators' e-mail) by every path, for every role.</summary>
public sealed class PersonalDataTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    public static TheoryData<string> PersonalPaths => new()
    {
        """{ doctors(first: 3) { nodes { lastName email phone } } }""",
        """{ coordinators(first: 3) { nodes { name email } } }""",
        """{ clinics(first: 2) { nodes { doctors(first: 2) { nodes { email } } } } }""",
        """{ groups(first: 2) { nodes { advisor { email } memberships(first: 2) { nodes { doctor { phone } } } } } }""",
    };

    public static TheoryData<string> PersonalFilters => new()
    {
        """{ doctors(where: { email: { startsWith: "a" } }) { totalCount } }""",
        """{ doctors(where: { or: [{ lastName: { eq: "x" } }, { phone: { contains: "2" } }] }) { totalCount } }""",
        """{ coordinators(where: { email: { endsWith: ".dk" } }) { totalCount } }""",
        """{ clinics(where: { doctors: { some: { email: { startsWith: "a" } } } }) { totalCount } }""",
        """{ clinics(first: 1) { nodes { doctors(where: { email: { startsWith: "a" } }) { totalCount } } } }""",
        """{ doctors(order: [{ email: ASC }], first: 1) { nodes { lastName } } }""",
        """{ groups(first: 1) { nodes { advisor { name } } } coordinators(order: [{ email: DESC }], first: 1) { nodes { name } } }""",
    };

    [Theory]
    [MemberData(nameof(PersonalPaths))]
    public async Task PersonalField_Anonymous_IsNullWithAnErrorOnItsPath(string query)
    {
        var json = await SchemaExecution.ExecuteAsync(graph.Services, query);

        var errors = json.GetProperty("errors").EnumerateArray().ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(FieldAccess.NotAuthorizedCode, e.GetProperty("extensions").GetProperty("code").GetString()));
        Assert.All(errors, e => Assert.Contains(e.GetProperty("path").EnumerateArray().Last().GetString(), new[] { "email", "phone" }));
        Assert.Empty(PersonalValues(json.GetProperty("data")));
    }

    [Theory]
    [MemberData(nameof(PersonalPaths))]
    public async Task PersonalField_Reader_IsRead(string query)
    {
        var data = await graph.DataAsync(query, user: TestPrincipals.WithRole(Roles.Reader));

        Assert.NotEmpty(PersonalValues(data));
    }

    [Fact]
    public async Task PersonalField_Anonymous_RestOfTheAnswerIsIntact()
    {
        var json = await SchemaExecution.ExecuteAsync(graph.Services, """{ doctors(first: 3) { nodes { lastName email } } }""");

        var nodes = json.GetProperty("data").GetProperty("doctors").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(3, nodes.Count);
        Assert.All(nodes, n => Assert.False(string.IsNullOrEmpty(n.GetProperty("lastName").GetString())));
        Assert.Equal(3, json.GetProperty("errors").GetArrayLength());
    }

    [Theory]
    [InlineData("node")]
    [InlineData("nodes")]
    public async Task PersonalField_ThroughNode_FollowsTheRole(string field)
    {
        var id = NodeId.Encode("Doctor", 1);
        var query = field == "node"
            ? $$"""{ node(id: "{{id}}") { ... on Doctor { email phone } } }"""
            : $$"""{ nodes(ids: ["{{id}}"]) { ... on Doctor { email phone } } }""";

        var anonymous = await SchemaExecution.ExecuteAsync(graph.Services, query);
        var reader = await graph.DataAsync(query, user: TestPrincipals.WithRole(Roles.Reader));

        Assert.Equal(2, anonymous.GetProperty("errors").GetArrayLength());
        Assert.Empty(PersonalValues(anonymous.GetProperty("data")));
        Assert.Equal(2, PersonalValues(reader).Count);
    }

    [Theory]
    [MemberData(nameof(PersonalFilters))]
    public async Task PersonalFilterOrSort_Anonymous_IsRefusedWithoutData(string query)
    {
        var json = await SchemaExecution.ExecuteAsync(graph.Services, query);

        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal(FieldAccess.NotAuthorizedCode, error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.DoesNotContain("totalCount", json.GetProperty("data").ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PersonalFilters))]
    public async Task PersonalFilterOrSort_Reader_Runs(string query)
    {
        var data = await graph.DataAsync(query, user: TestPrincipals.WithRole(Roles.Reader));

        Assert.NotEqual(JsonValueKind.Null, data.EnumerateObject().First().Value.ValueKind);
    }

    [Fact]
    public async Task PersonalFilter_InAVariable_IsRefusedToo()
    {
        var json = await SchemaExecution.ExecuteAsync(
            graph.Services,
            "query($w: DoctorFilterInput) { doctors(where: $w) { totalCount } }",
            new global::GraphQL.Inputs(new Dictionary<string, object?> { ["w"] = new Dictionary<string, object?> { ["email"] = new Dictionary<string, object?> { ["startsWith"] = "a" } } }));

        Assert.Equal(FieldAccess.NotAuthorizedCode, json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(Roles.Reader)]
    [InlineData(Roles.Editor)]
    [InlineData(Roles.Admin)]
    public async Task PersonalField_EveryRoleFromReaderUp_Reads(string role)
    {
        var data = await graph.DataAsync("""{ doctors(first: 1, order: [{ email: ASC }]) { nodes { email phone } } }""", user: TestPrincipals.WithRole(role));

        Assert.Equal(2, PersonalValues(data).Count);
    }

    [Fact]
    public async Task PersonalField_SignedInWithoutARole_IsRefused()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "norole@dge.local")], "Test"));

        var json = await SchemaExecution.ExecuteAsync(graph.Services, """{ doctors(first: 1) { nodes { email } } }""", user: user);

        Assert.Equal(FieldAccess.NotAuthorizedCode, json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    /// <summary>Every non-null value of a personal field anywhere in <paramref name="data"/>.</summary>
    private static List<string> PersonalValues(JsonElement data)
    {
        var values = new List<string>();
        Walk(data);
        return values;

        void Walk(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name is "email" or "phone" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        values.Add(property.Value.GetString()!);
                    }

                    Walk(property.Value);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item);
                }
            }
        }
    }
}

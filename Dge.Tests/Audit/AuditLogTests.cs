using Dge.Api.Access;
using Dge.Api.Audit;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Audit;

public sealed class AuditLogTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    [Fact]
    public async Task AuditLog_FilteredByOperationAndActor_ListsTheChangesNewestFirst()
    {
        var editor = TestPrincipals.WithRole(Roles.Editor, "auditor-test@dge.local");
        foreach (var code in new[] { "A01", "A02" })
        {
            await graph.PayloadAsync("createTheme", $"mutation($input: CreateThemeInput!) {{ createTheme(input: $input) {{ theme {{ id }} {Mutating.Fields()} }} }}",
                new { code, nameDa = code, nameEn = code, category = "audit" }, editor);
        }

        var json = await SchemaExecution.ExecuteAsync(graph.Services, """
            { auditLog(where: { operation: { eq: "createTheme" }, actorName: { eq: "auditor-test@dge.local" }, at: { gt: "2000-01-01T00:00:00Z" } }, order: [{ at: DESC }]) {
                totalCount nodes { entityType actorKind after } } }
            """, user: TestPrincipals.WithRole(Roles.Admin));

        var log = json.GetProperty("data").GetProperty("auditLog");
        Assert.Equal(2, log.GetProperty("totalCount").GetInt32());
        var nodes = log.GetProperty("nodes").EnumerateArray().ToList();
        Assert.All(nodes, n => Assert.Equal("Theme", n.GetProperty("entityType").GetString()));
        Assert.All(nodes, n => Assert.Equal("USER", n.GetProperty("actorKind").GetString()));
        Assert.Contains("A02", nodes[0].GetProperty("after").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Actor_ApiKeyPrincipal_IsNamedAsAnApiKey()
    {
        var key = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.NameIdentifier, "apikey:7"), new(System.Security.Claims.ClaimTypes.Name, "frontend")], AuditRecorder.ApiKeyAuthenticationType));

        var actor = AuditRecorder.Actor(key);

        Assert.Equal((AuditActorKind.ApiKey, "apikey:7", "frontend"), actor);
    }

    [Fact]
    public void AuditEntry_EveryField_NeedsTheAdminRole()
    {
        var schema = (global::GraphQL.Types.ISchema)graph.Services.GetService(typeof(global::GraphQL.Types.ISchema))!;
        schema.Initialize();

        var type = (global::GraphQL.Types.IComplexGraphType)schema.AllTypes["AuditEntry"]!;

        Assert.All(type.Fields, f => Assert.Equal(Roles.Admin, f.RequiredRole()));
        Assert.Equal(Roles.Admin, ((global::GraphQL.Types.IComplexGraphType)schema.AllTypes["Query"]!).GetField("auditLog")!.RequiredRole());
        Assert.Equal(Roles.Admin, ((global::GraphQL.Types.IComplexGraphType)schema.AllTypes["DgeGroup"]!).GetField("history")!.RequiredRole());
        Assert.Equal(Roles.Editor, schema.Mutation!.GetField("createGroup")!.RequiredRole());
    }
}

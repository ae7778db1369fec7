using System.Text.Json;
using Dge.Api.Access;
using Dge.Api.Audit;
using Dge.Api.GraphQL.Relay;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Themes;

public sealed class ThemeMutationsTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    private static readonly string Create = $$"""
        mutation($input: CreateThemeInput!) { createTheme(input: $input) { theme { id code nameDa nameEn category version } {{Mutating.Fields()}} } }
        """;

    private static readonly string Update = $$"""
        mutation($input: UpdateThemeInput!) { updateTheme(input: $input) { theme { id code nameDa version } {{Mutating.ChangeFields}} } }
        """;

    private Task<JsonElement> CreateAsync(string code, string nameDa = "Søvn") =>
        graph.PayloadAsync("createTheme", Create, new { code, nameDa, nameEn = "Sleep", category = "lifestyle" });

    [Fact]
    public async Task CreateTheme_ValidInput_CreatesTheThemeAtVersionZeroAndAuditsIt()
    {
        var payload = await CreateAsync("X01");

        var theme = payload.GetProperty("theme");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        Assert.Equal("X01", theme.GetProperty("code").GetString());
        Assert.Equal(0, theme.GetProperty("version").GetInt32());
        var audit = Assert.Single(await graph.AuditAsync(theme.GetProperty("id").GetString()!));
        Assert.Equal("createTheme", audit.Operation);
        Assert.Equal("Theme", audit.EntityType);
        Assert.Equal(AuditActorKind.User, audit.ActorKind);
        Assert.Equal("test@dge.local", audit.ActorName);
        Assert.Null(audit.Before);
        Assert.Contains("\"nameDa\":\"Søvn\"", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateTheme_DuplicateCode_IsAValidationErrorOnCodeAndWritesNothing()
    {
        var audits = await graph.AuditCountAsync();

        var payload = await CreateAsync("T01");

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("theme").ValueKind);
        payload.AssertValidationError("code", "DUPLICATE_CODE");
        Assert.Equal(audits, await graph.AuditCountAsync());
    }

    [Theory]
    [InlineData("", "code", "REQUIRED")]
    [InlineData("WAY-TOO-LONG", "code", "TOO_LONG")]
    public async Task CreateTheme_BadCode_IsAValidationError(string code, string field, string errorCode)
    {
        var payload = await CreateAsync(code);

        payload.AssertValidationError(field, errorCode);
    }

    [Fact]
    public async Task CreateTheme_EmptyName_IsAValidationErrorOnNameDa()
    {
        var payload = await CreateAsync("X02", nameDa: "   ");

        payload.AssertValidationError("nameDa", "REQUIRED");
    }

    [Fact]
    public async Task UpdateTheme_CurrentVersion_ChangesTheFieldsGivenRaisesTheVersionAndAuditsBeforeAndAfter()
    {
        var id = (await CreateAsync("X03")).GetProperty("theme").GetProperty("id").GetString()!;

        var payload = await graph.PayloadAsync("updateTheme", Update, new { id, expectedVersion = 0, nameDa = "Søvnproblemer" });

        var theme = payload.GetProperty("theme");
        Assert.Equal("Søvnproblemer", theme.GetProperty("nameDa").GetString());
        Assert.Equal("X03", theme.GetProperty("code").GetString());
        Assert.Equal(1, theme.GetProperty("version").GetInt32());
        var audit = (await graph.AuditAsync(id))[^1];
        Assert.Equal("updateTheme", audit.Operation);
        Assert.Equal("""{"nameDa":"Søvn"}""", audit.Before);
        Assert.Equal("""{"nameDa":"Søvnproblemer"}""", audit.After);
    }

    [Fact]
    public async Task UpdateTheme_StaleVersion_IsAConflictWithTheCurrentVersionAndChangesNothing()
    {
        var id = (await CreateAsync("X04")).GetProperty("theme").GetProperty("id").GetString()!;
        await graph.PayloadAsync("updateTheme", Update, new { id, expectedVersion = 0, nameDa = "Første" });

        var payload = await graph.PayloadAsync("updateTheme", Update, new { id, expectedVersion = 0, nameDa = "Anden" });

        var error = payload.SingleError();
        Assert.Equal("ConflictError", error.GetProperty("__typename").GetString());
        Assert.Equal(1, error.GetProperty("currentVersion").GetInt32());
        await using var db = graph.OpenDb();
        Assert.Equal("Første", db.Themes.Single(t => t.Code == "X04").NameDa);
        Assert.Equal(2, (await graph.AuditAsync(id)).Count);
    }

    [Fact]
    public async Task UpdateTheme_UnknownId_IsNotFound()
    {
        var id = NodeId.Encode("Theme", 999_999);

        var payload = await graph.PayloadAsync("updateTheme", Update, new { id, expectedVersion = 0 });

        var error = payload.SingleError();
        Assert.Equal("NotFoundError", error.GetProperty("__typename").GetString());
        Assert.Equal(id, error.GetProperty("id").GetString());
    }

    [Fact]
    public async Task UpdateTheme_IdOfAnotherType_IsAValidationErrorOnId()
    {
        var payload = await graph.PayloadAsync("updateTheme", Update, new { id = NodeId.Encode("Region", 1), expectedVersion = 0 });

        payload.AssertValidationError("id", "INVALID_ID");
    }

    [Fact]
    public async Task UpdateTheme_CodeOfAnotherTheme_IsAValidationErrorOnCode()
    {
        var id = (await CreateAsync("X05")).GetProperty("theme").GetProperty("id").GetString()!;

        var payload = await graph.PayloadAsync("updateTheme", Update, new { id, expectedVersion = 0, code = "T02" });

        payload.AssertValidationError("code", "DUPLICATE_CODE");
    }

    [Fact]
    public async Task CreateTheme_Anonymous_IsNotAuthorizedAndWritesNothing()
    {
        var audits = await graph.AuditCountAsync();

        var json = await SchemaExecution.ExecuteAsync(graph.Services, Create, Mutating.Inputs(new { input = new { code = "X06", nameDa = "a", nameEn = "b", category = "c" } }));

        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal(FieldAccess.NotAuthorizedCode, error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("data").ValueKind);
        Assert.Equal(audits, await graph.AuditCountAsync());
    }

    [Fact]
    public async Task History_OfAnUpdatedTheme_ListsItsChangesNewestFirst()
    {
        var id = (await CreateAsync("X07")).GetProperty("theme").GetProperty("id").GetString()!;
        await graph.PayloadAsync("updateTheme", Update, new { id, expectedVersion = 0, nameDa = "Ny" });

        var json = await SchemaExecution.ExecuteAsync(graph.Services, $$"""{ node(id: "{{id}}") { ... on Theme { history { nodes { operation actorName entityId } } } } }""", user: TestPrincipals.WithRole(Roles.Admin));

        var operations = json.GetProperty("data").GetProperty("node").GetProperty("history").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("operation").GetString()!).ToArray();
        Assert.Equal(new[] { "updateTheme", "createTheme" }, operations);
    }
}

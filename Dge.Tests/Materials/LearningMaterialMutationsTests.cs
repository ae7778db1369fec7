using System.Text.Json;
using Dge.Api.GraphQL.Relay;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Materials;

public sealed class LearningMaterialMutationsTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    private const string MaterialFields = "learningMaterial { id title retiredOn version themes { nodes { code } } intendedFor { nodes { kind } } }";

    private static string Document(string name, string inputType, string fields) =>
        $"mutation($input: {inputType}!) {{ {name}(input: $input) {{ {MaterialFields} {fields} }} }}";

    private Task<JsonElement> CreateAsync(string url = "https://example.org/modul", params int[] themes) =>
        graph.PayloadAsync("createLearningMaterial", Document("createLearningMaterial", "CreateLearningMaterialInput", Mutating.Fields("NotFoundError")), new
        {
            title = "Søvn i almen praksis",
            kind = "MODULE",
            publisher = "PLO-E",
            publishedOn = "2025-01-15",
            url,
            themeIds = themes.Select(t => NodeId.Encode("Theme", t)).ToArray(),
            intendedFor = new[] { "DGE", "NEW_GP" },
        });

    private static string Id(JsonElement payload) => payload.GetProperty("learningMaterial").GetProperty("id").GetString()!;

    [Fact]
    public async Task CreateLearningMaterial_WithThemesAndKinds_CreatesItAndAuditsEveryRow()
    {
        var payload = await CreateAsync(themes: [1, 2]);

        var material = payload.GetProperty("learningMaterial");
        Assert.Equal(2, material.GetProperty("themes").GetProperty("nodes").GetArrayLength());
        Assert.Equal(["DGE", "NEW_GP"], material.GetProperty("intendedFor").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("kind").GetString()!).Order().ToArray());
        Assert.Equal("createLearningMaterial", Assert.Single(await graph.AuditAsync(Id(payload))).Operation);
    }

    [Fact]
    public async Task CreateLearningMaterial_RelativeUrl_IsAValidationErrorOnUrl()
    {
        var payload = await CreateAsync(url: "/modul");

        payload.AssertValidationError("url", "INVALID_URL");
    }

    [Fact]
    public async Task CreateLearningMaterial_UnknownTheme_IsNotFoundAndWritesNothing()
    {
        var audits = await graph.AuditCountAsync();

        var payload = await CreateAsync(themes: [999_999]);

        Assert.Equal("NotFoundError", payload.SingleError().GetProperty("__typename").GetString());
        Assert.Equal(audits, await graph.AuditCountAsync());
    }

    [Fact]
    public async Task UpdateLearningMaterial_NewThemeSet_ReplacesTheThemesAndRaisesTheVersion()
    {
        var id = Id(await CreateAsync(themes: [1, 2]));

        var payload = await graph.PayloadAsync("updateLearningMaterial", Document("updateLearningMaterial", "UpdateLearningMaterialInput", Mutating.ChangeFields),
            new { id, expectedVersion = 0, themeIds = new[] { NodeId.Encode("Theme", 3) } });

        var material = payload.GetProperty("learningMaterial");
        Assert.Equal("T03", Assert.Single(material.GetProperty("themes").GetProperty("nodes").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal(1, material.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task UpdateLearningMaterial_StaleVersion_IsAConflict()
    {
        var id = Id(await CreateAsync());
        await graph.PayloadAsync("updateLearningMaterial", Document("updateLearningMaterial", "UpdateLearningMaterialInput", Mutating.ChangeFields), new { id, expectedVersion = 0, title = "Ny" });

        var payload = await graph.PayloadAsync("updateLearningMaterial", Document("updateLearningMaterial", "UpdateLearningMaterialInput", Mutating.ChangeFields), new { id, expectedVersion = 0, title = "Nyere" });

        Assert.Equal(1, payload.SingleError().GetProperty("currentVersion").GetInt32());
    }

    [Fact]
    public async Task RetireLearningMaterial_SetsTheDayAndAuditsIt()
    {
        var id = Id(await CreateAsync());

        var payload = await graph.PayloadAsync("retireLearningMaterial", Document("retireLearningMaterial", "RetireLearningMaterialInput", Mutating.ChangeFields), new { id, expectedVersion = 0, retiredOn = "2026-01-01" });

        Assert.Equal("2026-01-01", payload.GetProperty("learningMaterial").GetProperty("retiredOn").GetString());
        Assert.Equal("""{"retiredOn":"2026-01-01"}""", (await graph.AuditAsync(id))[^1].After);
    }

    [Fact]
    public async Task RetireLearningMaterial_BeforeItsPublication_IsAValidationErrorOnRetiredOn()
    {
        var id = Id(await CreateAsync());

        var payload = await graph.PayloadAsync("retireLearningMaterial", Document("retireLearningMaterial", "RetireLearningMaterialInput", Mutating.ChangeFields), new { id, expectedVersion = 0, retiredOn = "2024-01-01" });

        payload.AssertValidationError("retiredOn", "PERIOD_ORDER");
    }

    [Fact]
    public async Task RetireLearningMaterial_Twice_IsAValidationErrorOnId()
    {
        var id = Id(await CreateAsync());
        await graph.PayloadAsync("retireLearningMaterial", Document("retireLearningMaterial", "RetireLearningMaterialInput", Mutating.ChangeFields), new { id, expectedVersion = 0, retiredOn = "2026-01-01" });

        var payload = await graph.PayloadAsync("retireLearningMaterial", Document("retireLearningMaterial", "RetireLearningMaterialInput", Mutating.ChangeFields), new { id, expectedVersion = 1, retiredOn = "2026-02-01" });

        payload.AssertValidationError("id", "ALREADY_RETIRED");
    }
}

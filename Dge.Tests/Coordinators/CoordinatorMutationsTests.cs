using System.Text.Json;
using Dge.Api.Clusters;
using Dge.Api.Coordinators;
using Dge.Api.Doctors;
using Dge.Api.GraphQL.Relay;
using Dge.Api.KapUnits;
using Dge.Api.Municipalities;
using Dge.Api.Regions;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Coordinators;

public sealed class CoordinatorMutationsTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    private const string CoordinatorFields = "coordinator { id name role weeklyHours from to version doctor { id } region { id } cluster { id } kapUnit { id } municipality { id } }";

    private Task<JsonElement> CreateAsync(string role, string? scopeId, double weeklyHours = 8, string from = "2025-01-01", string? doctorId = null) =>
        graph.PayloadAsync("createCoordinator", $"mutation($input: CreateCoordinatorInput!) {{ createCoordinator(input: $input) {{ {CoordinatorFields} {Mutating.Fields("NotFoundError")} }} }}",
            new { name = "Karen Vejleder", email = "karen@kap.dk", role, weeklyHours, from, scopeId, doctorId });

    private async Task<string> CreatedIdAsync(string role = "ADVISOR") =>
        (await CreateAsync(role, role == "ADVISOR" ? (await graph.IdsAsync<Region>("Region", 1))[0] : null)).GetProperty("coordinator").GetProperty("id").GetString()!;

    private static string Change(string name, string inputType) =>
        $"mutation($input: {inputType}!) {{ {name}(input: $input) {{ {CoordinatorFields} {Mutating.ChangeFields} }} }}";

    public static TheoryData<string, string, string> ScopeOfEachRole => new()
    {
        { "REGIONAL_COORDINATOR", "Region", "region" },
        { "ADVISOR", "Region", "region" },
        { "CLUSTER_COORDINATOR", "QualityCluster", "cluster" },
        { "SECRETARIAT", "KapUnit", "kapUnit" },
        { "TRAINING_COORDINATOR", "Municipality", "municipality" },
    };

    private async Task<string> ScopeIdAsync(string typeName) => typeName switch
    {
        "Region" => (await graph.IdsAsync<Region>(typeName, 1))[0],
        "QualityCluster" => (await graph.IdsAsync<QualityCluster>(typeName, 1))[0],
        "KapUnit" => (await graph.IdsAsync<KapUnit>(typeName, 1))[0],
        _ => (await graph.IdsAsync<Municipality>(typeName, 1))[0],
    };

    [Theory]
    [MemberData(nameof(ScopeOfEachRole))]
    public async Task CreateCoordinator_ScopeTheRoleTakes_SetsThatScopeAndAuditsIt(string role, string scopeType, string scopeField)
    {
        var scopeId = await ScopeIdAsync(scopeType);

        var payload = await CreateAsync(role, scopeId);

        var coordinator = payload.GetProperty("coordinator");
        Assert.Equal(scopeId, coordinator.GetProperty(scopeField).GetProperty("id").GetString());
        Assert.Equal("createCoordinator", Assert.Single(await graph.AuditAsync(coordinator.GetProperty("id").GetString()!)).Operation);
    }

    [Theory]
    [MemberData(nameof(ScopeOfEachRole))]
    public async Task CreateCoordinator_ScopeOfAnotherKindOrNone_IsAValidationErrorOnScopeId(string role, string scopeType, string scopeField)
    {
        Assert.NotEmpty(scopeField);
        var wrong = await ScopeIdAsync(scopeType == "Region" ? "KapUnit" : "Region");

        var other = await CreateAsync(role, wrong);
        var none = await CreateAsync(role, null);

        other.AssertValidationError("scopeId", "SCOPE_MISMATCH");
        none.AssertValidationError("scopeId", "SCOPE_MISMATCH");
    }

    [Fact]
    public async Task CreateCoordinator_NationalWithAScope_IsAValidationErrorButWithoutOneIsCreated()
    {
        var scoped = await CreateAsync("NATIONAL_COORDINATOR", await ScopeIdAsync("Region"));
        var national = await CreateAsync("NATIONAL_COORDINATOR", null);

        scoped.AssertValidationError("scopeId", "SCOPE_MISMATCH");
        Assert.Equal(JsonValueKind.Null, national.GetProperty("errors").ValueKind);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    [InlineData(61)]
    public async Task CreateCoordinator_WeeklyHoursOutOfRange_IsAValidationErrorOnWeeklyHours(double hours)
    {
        var payload = await CreateAsync("NATIONAL_COORDINATOR", null, hours);

        payload.AssertValidationError("weeklyHours", "HOURS_OUT_OF_RANGE");
    }

    [Fact]
    public async Task UpdateCoordinator_StaleVersion_IsAConflictAndChangesNothing()
    {
        var id = await CreatedIdAsync();
        await graph.PayloadAsync("updateCoordinator", Change("updateCoordinator", "UpdateCoordinatorInput"), new { id, expectedVersion = 0, weeklyHours = 10.0 });

        var payload = await graph.PayloadAsync("updateCoordinator", Change("updateCoordinator", "UpdateCoordinatorInput"), new { id, expectedVersion = 0, weeklyHours = 12.0 });

        Assert.Equal(1, payload.SingleError().GetProperty("currentVersion").GetInt32());
        Assert.Equal("""{"weeklyHours":10}""", (await graph.AuditAsync(id))[^1].After);
    }

    [Fact]
    public async Task EndCoordinator_AdvisorOfActiveGroups_EndsTheRoleWithAWarning()
    {
        await using var db = graph.OpenDb();
        var today = DateOnly.FromDateTime(DateTime.Now);
        var advisor = await db.Coordinators.AsNoTracking()
            .Where(c => c.Role == CoordinatorRole.Advisor && c.To == null && db.Groups.Any(g => g.AdvisorId == c.Id && g.To == null)).OrderBy(c => c.Id).FirstAsync();

        var payload = await graph.PayloadAsync("endCoordinator", Change("endCoordinator", "EndCoordinatorInput"),
            new { id = NodeId.Encode("Coordinator", advisor.Id), expectedVersion = (int)advisor.Version, to = today.AddDays(1).ToString("yyyy-MM-dd") });

        Assert.Equal(today.AddDays(1).ToString("yyyy-MM-dd"), payload.GetProperty("coordinator").GetProperty("to").GetString());
        Assert.Equal(["ADVISES_GROUPS"], payload.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()!).ToArray());
    }

    [Fact]
    public async Task EndCoordinator_BeforeTheStartOrTwice_IsAValidationError()
    {
        var id = await CreatedIdAsync();

        var early = await graph.PayloadAsync("endCoordinator", Change("endCoordinator", "EndCoordinatorInput"), new { id, expectedVersion = 0, to = "2024-12-31" });
        await graph.PayloadAsync("endCoordinator", Change("endCoordinator", "EndCoordinatorInput"), new { id, expectedVersion = 0, to = "2025-06-01" });
        var twice = await graph.PayloadAsync("endCoordinator", Change("endCoordinator", "EndCoordinatorInput"), new { id, expectedVersion = 1, to = "2025-07-01" });

        early.AssertValidationError("to", "PERIOD_ORDER");
        twice.AssertValidationError("id", "ALREADY_ENDED");
    }

    [Fact]
    public async Task LinkCoordinatorToDoctor_LinksOnceAndAuditsIt()
    {
        var id = await CreatedIdAsync();
        var doctor = (await graph.IdsAsync<Doctor>("Doctor", 1, 500))[0];

        var linked = await graph.PayloadAsync("linkCoordinatorToDoctor", Change("linkCoordinatorToDoctor", "LinkCoordinatorToDoctorInput"), new { id, expectedVersion = 0, doctorId = doctor });
        var again = await graph.PayloadAsync("linkCoordinatorToDoctor", Change("linkCoordinatorToDoctor", "LinkCoordinatorToDoctorInput"), new { id, expectedVersion = 1, doctorId = doctor });

        Assert.Equal(doctor, linked.GetProperty("coordinator").GetProperty("doctor").GetProperty("id").GetString());
        Assert.Equal($$"""{"doctorId":"{{doctor}}"}""", (await graph.AuditAsync(id))[^1].After);
        again.AssertValidationError("doctorId", "ALREADY_LINKED");
    }
}

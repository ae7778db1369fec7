using System.Text.Json;
using Dge.Api.Doctors;
using Dge.Api.GraphQL.Relay;
using Dge.Api.Municipalities;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Clinics;

public sealed class ClinicMutationsTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    private const string ClinicFields = "clinic { id ydernummer name closedOn version municipality { id } }";

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Now);

    /// <summary>Each test's clinics get ydernumre of their own (the fixture's database is shared by the class's tests).</summary>
    private static int _lastYdernummer = 990_000;

    private async Task<JsonElement> CreateAsync(string? ydernummer = null, string? municipalityId = null)
    {
        municipalityId ??= (await graph.IdsAsync<Municipality>("Municipality", 1))[0];
        return await graph.PayloadAsync("createClinic", $"mutation($input: CreateClinicInput!) {{ createClinic(input: $input) {{ {ClinicFields} {Mutating.Fields("NotFoundError")} }} }}",
            new { ydernummer = ydernummer ?? $"{Interlocked.Increment(ref _lastYdernummer)}", name = "Lægerne Testgade", address = "Testgade 1", municipalityId, type = "PLO" });
    }

    private async Task<string> CreatedIdAsync() => (await CreateAsync()).GetProperty("clinic").GetProperty("id").GetString()!;

    private Task<JsonElement> UpdateAsync(object input) =>
        graph.PayloadAsync("updateClinic", $"mutation($input: UpdateClinicInput!) {{ updateClinic(input: $input) {{ {ClinicFields} {Mutating.ChangeFields} }} }}", input);

    private Task<JsonElement> CloseAsync(string id, int expectedVersion, string closedOn) =>
        graph.PayloadAsync("closeClinic", $"mutation($input: CloseClinicInput!) {{ closeClinic(input: $input) {{ {ClinicFields} {Mutating.ChangeFields} }} }}", new { id, expectedVersion, closedOn });

    private Task<JsonElement> EmployAsync(string clinicId, string doctorId, string from) =>
        graph.PayloadAsync("startEmployment", $"mutation($input: StartEmploymentInput!) {{ startEmployment(input: $input) {{ employment {{ id to }} {Mutating.Fields("NotFoundError")} }} }}",
            new { doctorId, clinicId, from });

    [Fact]
    public async Task CreateClinic_Valid_CreatesTheClinicAndAuditsIt()
    {
        var payload = await CreateAsync("987654");

        var clinic = payload.GetProperty("clinic");
        Assert.Equal("987654", clinic.GetProperty("ydernummer").GetString());
        Assert.Equal(JsonValueKind.Null, clinic.GetProperty("closedOn").ValueKind);
        var audit = Assert.Single(await graph.AuditAsync(clinic.GetProperty("id").GetString()!));
        Assert.Equal("createClinic", audit.Operation);
        Assert.Contains("\"ydernummer\":\"987654\"", audit.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("12 456")]
    public async Task CreateClinic_YdernummerNotSixDigits_IsAValidationErrorOnYdernummer(string ydernummer)
    {
        var payload = await CreateAsync(ydernummer);

        payload.AssertValidationError("ydernummer", "INVALID_YDERNUMMER");
    }

    [Fact]
    public async Task CreateClinic_YdernummerOfAnotherClinic_IsAValidationErrorAndWritesNothing()
    {
        await using var db = graph.OpenDb();
        var taken = await db.Clinics.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Ydernummer).FirstAsync();
        var audits = await graph.AuditCountAsync();

        var payload = await CreateAsync(taken);

        payload.AssertValidationError("ydernummer", "DUPLICATE_YDERNUMMER");
        Assert.Equal(audits, await graph.AuditCountAsync());
    }

    [Fact]
    public async Task UpdateClinic_MunicipalityOutsideTheRegionOfItsCluster_IsAValidationErrorOnMunicipalityId()
    {
        await using var db = graph.OpenDb();
        var membership = await db.ClusterClinicMemberships.AsNoTracking().Include(m => m.Cluster).Include(m => m.Clinic)
            .Where(m => m.From <= Today && (m.To == null || m.To > Today)).OrderBy(m => m.Id).FirstAsync();
        var elsewhere = await db.MunicipalityRegions.AsNoTracking()
            .Where(p => p.RegionId != membership.Cluster!.RegionId && p.From <= Today && (p.To == null || p.To > Today)).Select(p => p.MunicipalityId).FirstAsync();

        var payload = await UpdateAsync(new
        {
            id = NodeId.Encode("Clinic", membership.ClinicId),
            expectedVersion = (int)membership.Clinic!.Version,
            municipalityId = NodeId.Encode("Municipality", elsewhere),
        });

        payload.AssertValidationError("municipalityId", "CLUSTER_OTHER_REGION");
    }

    [Fact]
    public async Task UpdateClinic_MunicipalityOutsideTheRegionOfAPlannedCluster_IsAValidationErrorOnMunicipalityId()
    {
        var clinic = (await CreateAsync()).GetProperty("clinic");
        await using var db = graph.OpenDb();
        var municipalityId = NodeId.KeyOf(clinic.GetProperty("municipality").GetProperty("id").GetString()!, "Municipality");
        var moveDay = Today.AddDays(5);
        var region = await MunicipalityRegions.RegionOnAsync(db, municipalityId!.Value, moveDay, CancellationToken.None);
        var cluster = await db.QualityClusters.AsNoTracking().Where(c => c.RegionId == region).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var elsewhere = await db.MunicipalityRegions.AsNoTracking()
            .Where(p => p.RegionId != region && p.From <= moveDay && (p.To == null || p.To > moveDay)).Select(p => p.MunicipalityId).FirstAsync();
        var moved = await graph.PayloadAsync("moveClinicToCluster", $"mutation($input: MoveClinicToClusterInput!) {{ moveClinicToCluster(input: $input) {{ membership {{ from }} {Mutating.ChangeFields} }} }}",
            new { clinicId = clinic.GetProperty("id").GetString(), clusterId = NodeId.Encode("QualityCluster", cluster), from = moveDay.ToString("yyyy-MM-dd"), expectedVersion = 0 });
        Assert.True(moved.GetProperty("errors").ValueKind == JsonValueKind.Null, moved.ToString());

        var payload = await UpdateAsync(new { id = clinic.GetProperty("id").GetString(), expectedVersion = 1, municipalityId = NodeId.Encode("Municipality", elsewhere) });

        payload.AssertValidationError("municipalityId", "CLUSTER_OTHER_REGION");
    }

    [Fact]
    public async Task UpdateClinic_StaleVersion_IsAConflict()
    {
        var id = await CreatedIdAsync();
        await UpdateAsync(new { id, expectedVersion = 0, name = "Lægerne Nygade" });

        var payload = await UpdateAsync(new { id, expectedVersion = 0, name = "Lægerne Gammelgade" });

        Assert.Equal(1, payload.SingleError().GetProperty("currentVersion").GetInt32());
    }

    [Fact]
    public async Task CloseClinic_EndsItsRunningEmploymentsThatDayAndAuditsEach()
    {
        var id = await CreatedIdAsync();
        var employment = (await EmployAsync(id, (await graph.IdsAsync<Doctor>("Doctor", 1, 400))[0], "2024-01-01")).GetProperty("employment").GetProperty("id").GetString()!;

        var payload = await CloseAsync(id, 0, "2025-01-01");

        Assert.Equal("2025-01-01", payload.GetProperty("clinic").GetProperty("closedOn").GetString());
        var ended = Assert.Single(await graph.AuditAsync(employment), a => a.Operation == "closeClinic");
        Assert.Equal("""{"to":"2025-01-01"}""", ended.After);
    }

    [Fact]
    public async Task CloseClinic_BeforeAnEmploymentStarts_IsAValidationErrorOnClosedOn()
    {
        var id = await CreatedIdAsync();
        await EmployAsync(id, (await graph.IdsAsync<Doctor>("Doctor", 1, 401))[0], "2024-06-01");

        var payload = await CloseAsync(id, 0, "2024-06-01");

        payload.AssertValidationError("closedOn", "STARTS_AFTER_CLOSING");
    }

    [Fact]
    public async Task CloseClinic_Twice_IsAValidationErrorAndAClosedClinicTakesNoNewEmployment()
    {
        var id = await CreatedIdAsync();
        await CloseAsync(id, 0, "2025-01-01");

        var again = await CloseAsync(id, 1, "2025-02-01");
        var employ = await EmployAsync(id, (await graph.IdsAsync<Doctor>("Doctor", 1, 402))[0], "2025-03-01");

        again.AssertValidationError("id", "ALREADY_CLOSED");
        employ.AssertValidationError("from", "CLINIC_CLOSED");
    }
}

using System.Text.Json;
using Dge.Api.Clinics;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Doctors;

public sealed class DoctorMutationsTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    private const string DoctorFields = "doctor { id firstName lastName email phone phase establishedOn retiredOn version }";
    private const string EmploymentFields = "employment { id from to version clinic { id } }";

    private Task<JsonElement> CreateAsync(string phase = "GP", string? establishedOn = "2020-03-01", string? retiredOn = null, string email = "anne.holm@klinik.dk", string phone = "+45 12 34 56 78") =>
        graph.PayloadAsync("createDoctor", $"mutation($input: CreateDoctorInput!) {{ createDoctor(input: $input) {{ {DoctorFields} {Mutating.Fields()} }} }}",
            new { firstName = "Anne", lastName = "Holm", email, phone, phase, establishedOn, retiredOn });

    private async Task<string> CreatedIdAsync() => (await CreateAsync()).GetProperty("doctor").GetProperty("id").GetString()!;

    private Task<JsonElement> UpdateAsync(object input) =>
        graph.PayloadAsync("updateDoctor", $"mutation($input: UpdateDoctorInput!) {{ updateDoctor(input: $input) {{ {DoctorFields} {Mutating.ChangeFields} }} }}", input);

    private Task<JsonElement> StartAsync(string doctorId, string clinicId, string from, string? to = null) =>
        graph.PayloadAsync("startEmployment", $"mutation($input: StartEmploymentInput!) {{ startEmployment(input: $input) {{ {EmploymentFields} {Mutating.Fields("NotFoundError")} }} }}",
            new { doctorId, clinicId, from, to });

    private Task<JsonElement> EndAsync(string id, int expectedVersion, string to) =>
        graph.PayloadAsync("endEmployment", $"mutation($input: EndEmploymentInput!) {{ endEmployment(input: $input) {{ {EmploymentFields} {Mutating.ChangeFields} }} }}",
            new { id, expectedVersion, to });

    private static string EmploymentId(JsonElement payload) => payload.GetProperty("employment").GetProperty("id").GetString()!;

    [Fact]
    public async Task CreateDoctor_Gp_CreatesTheDoctorAndAuditsIt()
    {
        var payload = await CreateAsync();

        var doctor = payload.GetProperty("doctor");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        Assert.Equal("anne.holm@klinik.dk", doctor.GetProperty("email").GetString());
        Assert.Equal("2020-03-01", doctor.GetProperty("establishedOn").GetString());
        var audit = Assert.Single(await graph.AuditAsync(doctor.GetProperty("id").GetString()!));
        Assert.Equal("createDoctor", audit.Operation);
        Assert.Contains("\"phase\":\"GP\"", audit.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("anne")]
    [InlineData("anne@klinik")]
    [InlineData("@klinik.dk")]
    [InlineData("anne holm@klinik.dk")]
    [InlineData("anne@@klinik.dk")]
    public async Task CreateDoctor_MalformedEmail_IsAValidationErrorOnEmailAndWritesNothing(string email)
    {
        var audits = await graph.AuditCountAsync();

        var payload = await CreateAsync(email: email);

        payload.AssertValidationError("email", "INVALID_EMAIL");
        Assert.Equal(audits, await graph.AuditCountAsync());
    }

    [Theory]
    [InlineData("1234567")]
    [InlineData("tlf. 12345678")]
    [InlineData("12+34 56 78")]
    [InlineData("1234567890123456")]
    public async Task CreateDoctor_MalformedPhone_IsAValidationErrorOnPhone(string phone)
    {
        var payload = await CreateAsync(phone: phone);

        payload.AssertValidationError("phone", "INVALID_PHONE");
    }

    [Theory]
    [InlineData("TRAINEE", "2020-03-01", null, "phase", "PHASE_MISMATCH")]
    [InlineData("GP", null, null, "establishedOn", "REQUIRED")]
    [InlineData("RETIRED", "2000-01-01", null, "retiredOn", "REQUIRED")]
    [InlineData("RETIRED", "2000-01-01", "1999-12-31", "retiredOn", "PERIOD_ORDER")]
    [InlineData("GP", "2000-01-01", "2020-01-01", "phase", "PHASE_MISMATCH")]
    public async Task CreateDoctor_CareerThatDisagreesWithThePhase_IsAValidationErrorNamingTheField(string phase, string? establishedOn, string? retiredOn, string field, string code)
    {
        var payload = await CreateAsync(phase, establishedOn, retiredOn);

        payload.AssertValidationError(field, code);
    }

    [Fact]
    public async Task CreateDoctor_TraineeWithoutDates_IsCreated()
    {
        var payload = await CreateAsync("TRAINEE", establishedOn: null);

        Assert.Equal("TRAINEE", payload.GetProperty("doctor").GetProperty("phase").GetString());
    }

    [Fact]
    public async Task UpdateDoctor_RetirementWhileAnEmploymentRunsPastIt_IsAValidationErrorOnRetiredOn()
    {
        var id = await CreatedIdAsync();
        await StartAsync(id, (await graph.IdsAsync<Clinic>("Clinic", 1))[0], "2021-01-01");

        var payload = await UpdateAsync(new { id, expectedVersion = 0, phase = "RETIRED", retiredOn = "2024-01-01" });

        payload.AssertValidationError("retiredOn", "ACTIVE_AFTER_RETIREMENT");
    }

    [Fact]
    public async Task UpdateDoctor_RetirementAfterTheEmploymentEnded_RetiresTheDoctor()
    {
        var id = await CreatedIdAsync();
        var employment = EmploymentId(await StartAsync(id, (await graph.IdsAsync<Clinic>("Clinic", 1))[0], "2021-01-01"));
        await EndAsync(employment, 0, "2023-12-31");

        var payload = await UpdateAsync(new { id, expectedVersion = 0, phase = "RETIRED", retiredOn = "2024-01-01" });

        Assert.Equal("RETIRED", payload.GetProperty("doctor").GetProperty("phase").GetString());
        Assert.Equal("""{"phase":"GP","retiredOn":null}""", (await graph.AuditAsync(id))[^1].Before);
    }

    [Fact]
    public async Task UpdateDoctor_StaleVersion_IsAConflictAndChangesNothing()
    {
        var id = await CreatedIdAsync();
        await UpdateAsync(new { id, expectedVersion = 0, lastName = "Holm-Jensen" });

        var payload = await UpdateAsync(new { id, expectedVersion = 0, lastName = "Holmgaard" });

        Assert.Equal(1, payload.SingleError().GetProperty("currentVersion").GetInt32());
        var data = await graph.DataAsync($$"""{ node(id: "{{id}}") { ... on Doctor { lastName } } }""");
        Assert.Equal("Holm-Jensen", data.GetProperty("node").GetProperty("lastName").GetString());
    }

    [Fact]
    public async Task StartEmployment_OverlappingPeriodInTheSameClinic_IsAValidationErrorButAnotherClinicIsAllowed()
    {
        var id = await CreatedIdAsync();
        var clinics = await graph.IdsAsync<Clinic>("Clinic", 2);
        await StartAsync(id, clinics[0], "2021-01-01", "2023-01-01");

        var same = await StartAsync(id, clinics[0], "2022-06-01");
        var other = await StartAsync(id, clinics[1], "2022-06-01");

        same.AssertValidationError("from", "OVERLAPPING_EMPLOYMENT");
        Assert.Equal(JsonValueKind.Null, other.GetProperty("errors").ValueKind);
    }

    [Fact]
    public async Task StartEmployment_OfARetiredDoctorWithoutAnEnd_IsAValidationErrorOnTo()
    {
        var id = (await CreateAsync("RETIRED", "2000-01-01", "2020-01-01")).GetProperty("doctor").GetProperty("id").GetString()!;

        var payload = await StartAsync(id, (await graph.IdsAsync<Clinic>("Clinic", 1))[0], "2010-01-01");

        payload.AssertValidationError("to", "AFTER_RETIREMENT");
    }

    [Fact]
    public async Task EndEmployment_EndsItOnceAndAuditsIt()
    {
        var id = await CreatedIdAsync();
        var employment = EmploymentId(await StartAsync(id, (await graph.IdsAsync<Clinic>("Clinic", 1))[0], "2021-01-01"));

        var ended = await EndAsync(employment, 0, "2022-01-01");
        var again = await EndAsync(employment, 1, "2022-02-01");

        Assert.Equal("2022-01-01", ended.GetProperty("employment").GetProperty("to").GetString());
        Assert.Equal("""{"to":"2022-01-01"}""", (await graph.AuditAsync(employment))[^1].After);
        again.AssertValidationError("id", "ALREADY_ENDED");
    }

    [Fact]
    public async Task EndEmployment_BeforeItsStart_IsAValidationErrorOnTo()
    {
        var id = await CreatedIdAsync();
        var employment = EmploymentId(await StartAsync(id, (await graph.IdsAsync<Clinic>("Clinic", 1))[0], "2021-01-01"));

        var payload = await EndAsync(employment, 0, "2020-12-31");

        payload.AssertValidationError("to", "PERIOD_ORDER");
    }
}

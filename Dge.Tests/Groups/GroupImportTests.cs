using System.Text.Json;
using Dge.Api.Access;
using Dge.Api.GraphQL.Relay;
using Dge.Api.Groups;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Groups;

/// <summary>importGroups: every row checked by createGroup's and addGroupMember's rules, every problem reported, all or nothing.</summary>
public sealed class GroupImportTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    private const string Document = """
        mutation($input: ImportGroupsInput!) {
          importGroups(input: $input) {
            import { dryRun written rowCount groupCount memberCount problems { line field code message } groups { id name kind foundedOn } }
            errors { __typename ... on Error { message } ... on ValidationError { path code } }
            warnings { code message }
          }
        }
        """;

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Now);

    /// <summary>Doctors working in a clinic today whose full name is theirs alone in that clinic, with the clinic's ydernummer; each doctor once.</summary>
    private async Task<List<(string Ydernummer, string Doctor, int DoctorId)>> CliniciansAsync(int count, int skip = 0)
    {
        await using var db = graph.OpenDb();
        var employments = await db.ClinicEmployments.AsNoTracking().Include(e => e.Doctor).Include(e => e.Clinic)
            .Where(e => e.From <= Today && (e.To == null || e.To > Today)).OrderBy(e => e.Id).Take(3_000).ToListAsync();
        return employments
            .GroupBy(e => e.ClinicId)
            .SelectMany(clinic => clinic.GroupBy(e => $"{e.Doctor!.FirstName} {e.Doctor.LastName}").Where(name => name.Count() == 1).Select(name => name.Single()))
            .DistinctBy(e => e.DoctorId)
            .OrderBy(e => e.Id)
            .Skip(skip)
            .Take(count)
            .Select(e => (e.Clinic!.Ydernummer, $"{e.Doctor!.FirstName} {e.Doctor.LastName}", e.DoctorId))
            .ToList();
    }

    private static async Task<string> KapUnitCodeAsync(NationalGraph graph)
    {
        await using var db = graph.OpenDb();
        return await db.KapUnits.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Code).FirstAsync();
    }

    private static object Row(string group, string kapUnit, (string Ydernummer, string Doctor, int DoctorId) clinician, string? role = null, int? line = null) =>
        new { line, groupName = group, kapUnitCode = kapUnit, kind = "DGE", foundedOn = "2025-03-01", ydernummer = clinician.Ydernummer, doctor = clinician.Doctor, role, from = (string?)null };

    /// <summary>Two groups of three (the first member of each leads), named uniquely for the test.</summary>
    private async Task<(List<object> Rows, string[] Names)> TwoGroupsAsync(int skip)
    {
        var kapUnit = await KapUnitCodeAsync(graph);
        var clinicians = await CliniciansAsync(6, skip);
        var names = new[] { $"Import A {Guid.NewGuid():N}", $"Import B {Guid.NewGuid():N}" };
        var rows = clinicians.Select((c, i) => Row(names[i / 3], kapUnit, c, i % 3 == 0 ? "LEADER" : null, line: i + 2)).ToList();
        return (rows, names);
    }

    private Task<JsonElement> ImportAsync(IEnumerable<object> rows, bool dryRun) =>
        graph.PayloadAsync("importGroups", Document, new { rows, dryRun });

    private async Task<(int Groups, int Memberships, int Audits)> CountsAsync()
    {
        await using var db = graph.OpenDb();
        return (await db.Groups.CountAsync(), await db.GroupMemberships.CountAsync(), await db.AuditEntries.CountAsync());
    }

    private static List<(int Line, string Field, string Code)> Problems(JsonElement payload) =>
        payload.GetProperty("import").GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("line").GetInt32(), p.GetProperty("field").GetString()!, p.GetProperty("code").GetString()!)).ToList();

    [Fact]
    public async Task ImportGroups_DryRun_CountsWhatItWouldCreateAndWritesNothing()
    {
        var (rows, _) = await TwoGroupsAsync(skip: 0);
        var before = await CountsAsync();

        var payload = await ImportAsync(rows, dryRun: true);

        var import = payload.GetProperty("import");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        Assert.True(import.GetProperty("dryRun").GetBoolean());
        Assert.False(import.GetProperty("written").GetBoolean());
        Assert.Equal((6, 2, 6), (import.GetProperty("rowCount").GetInt32(), import.GetProperty("groupCount").GetInt32(), import.GetProperty("memberCount").GetInt32()));
        Assert.Empty(Problems(payload));
        Assert.Empty(import.GetProperty("groups").EnumerateArray());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task ImportGroups_BadRows_ReportsEveryRowsTypedProblemAndWritesNothing()
    {
        var kapUnit = await KapUnitCodeAsync(graph);
        var clinicians = await CliniciansAsync(5, skip: 20);
        var elsewhere = clinicians[4] with { Ydernummer = clinicians.First(c => c.Ydernummer != clinicians[4].Ydernummer).Ydernummer };
        var name = $"Import fejl {Guid.NewGuid():N}";
        object[] rows =
        [
            Row(name, kapUnit, clinicians[0], "LEADER", line: 2),
            Row(name, kapUnit, clinicians[1], line: 3),
            Row(name, kapUnit, clinicians[1], line: 4),
            Row(name, kapUnit, clinicians[2] with { Ydernummer = "000000" }, line: 5),
            Row(name, kapUnit, clinicians[3] with { Doctor = "Ingen Findes Med Dette Navn" }, line: 6),
            Row(name, kapUnit, elsewhere, line: 7),
            Row(name, kapUnit, clinicians[3], "LEADER", line: 8),
            Row(name, "KAP-UKENDT", clinicians[3], line: 9),
        ];
        var before = await CountsAsync();

        var payload = await ImportAsync(rows, dryRun: false);

        Assert.Equal(
            [(4, "doctor", "DUPLICATE_MEMBER"), (5, "ydernummer", "UNKNOWN_YDERNUMMER"), (6, "doctor", "UNKNOWN_DOCTOR"), (7, "doctor", "DOCTOR_NOT_IN_CLINIC"), (8, "role", "LEADER_EXISTS"), (9, "kapUnitCode", "UNKNOWN_KAP_UNIT")],
            Problems(payload));
        var error = payload.SingleError();
        Assert.Equal("IMPORT_HAS_PROBLEMS", error.GetProperty("code").GetString());
        Assert.StartsWith("6 of 8 rows have problems", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(payload.GetProperty("import").GetProperty("written").GetBoolean());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task ImportGroups_CleanRows_CreatesTheGroupsAndMembershipsAndAuditsEach()
    {
        var (rows, names) = await TwoGroupsAsync(skip: 40);
        var before = await CountsAsync();

        var payload = await ImportAsync(rows, dryRun: false);

        var import = payload.GetProperty("import");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        Assert.True(import.GetProperty("written").GetBoolean());
        var groups = import.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(names, groups.Select(g => g.GetProperty("name").GetString()));
        Assert.Equal((before.Groups + 2, before.Memberships + 6, before.Audits + 8), await CountsAsync());
        Assert.Contains(payload.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "FEW_MEMBERS" && w.GetProperty("message").GetString()!.Contains(names[0], StringComparison.Ordinal));
        await using var db = graph.OpenDb();
        var groupKey = NodeId.KeyOf(groups[0].GetProperty("id").GetString(), "DgeGroup")!.Value;
        var memberships = await db.GroupMemberships.AsNoTracking().Where(m => m.GroupId == groupKey).OrderBy(m => m.Id).ToListAsync();
        Assert.Equal([MembershipRole.Leader, MembershipRole.Member, MembershipRole.Member], memberships.Select(m => m.Role));
        Assert.All(memberships, m => Assert.Equal(new DateOnly(2025, 3, 1), m.From));
        var audits = await db.AuditEntries.AsNoTracking().Where(a => a.Operation == "importGroups" && (a.EntityKey == groupKey || memberships.Select(m => m.Id).Contains(a.EntityKey))).ToListAsync();
        Assert.Equal(["DgeGroup", "GroupMembership", "GroupMembership", "GroupMembership"], audits.Select(a => a.EntityType).Order(StringComparer.Ordinal));
        Assert.All(audits.Where(a => a.EntityType == "GroupMembership"), a => Assert.Contains($"\"groupId\":\"{groups[0].GetProperty("id").GetString()}\"", a.After, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportGroups_GroupOfThatNameExists_IsAProblemOfItsFirstRow()
    {
        var (rows, _) = await TwoGroupsAsync(skip: 60);
        Assert.True((await ImportAsync(rows, dryRun: false)).GetProperty("import").GetProperty("written").GetBoolean());

        var payload = await ImportAsync(rows, dryRun: true);

        Assert.Equal([(2, "groupName", "GROUP_EXISTS"), (5, "groupName", "GROUP_EXISTS")], Problems(payload));
    }

    [Fact]
    public async Task ImportGroups_MoreThanTheMaximumOfRows_IsRefusedOnRows()
    {
        var (rows, _) = await TwoGroupsAsync(skip: 0);

        var payload = await ImportAsync(Enumerable.Repeat(rows[0], GroupImport.MaxRows + 1), dryRun: true);

        payload.AssertValidationError("rows", "TOO_MANY_ROWS");
    }

    [Fact]
    public async Task ImportGroups_TheMaximumOfRows_IsCheckedCompletely()
    {
        var kapUnit = await KapUnitCodeAsync(graph);
        var clinicians = await CliniciansAsync(1_000, skip: 100);
        var prefix = $"Import stor {Guid.NewGuid():N}";
        var rows = Enumerable.Range(0, GroupImport.MaxRows).Select(i => Row($"{prefix} {i / 10}", kapUnit, clinicians[i % clinicians.Count], i % 10 == 0 ? "LEADER" : null)).ToList();
        var variables = Mutating.Inputs(new { input = new { rows, dryRun = true } });

        var json = await SchemaExecution.ExecuteAsync(graph.Services, Document, variables, TestPrincipals.WithRole(Roles.Editor));

        var payload = json.GetProperty("data").GetProperty("importGroups");
        Assert.Empty(Problems(payload));
        Assert.Equal(GroupImport.MaxRows, payload.GetProperty("import").GetProperty("memberCount").GetInt32());
    }

    [Fact]
    public async Task ImportGroups_Reader_IsNotAuthorizedAndWritesNothing()
    {
        var (rows, _) = await TwoGroupsAsync(skip: 0);
        var before = await CountsAsync();

        var errors = await graph.ErrorsAsync(Document, new { input = new { rows, dryRun = false } }, TestPrincipals.WithRole(Roles.Reader));

        Assert.Equal("AUTH_NOT_AUTHORIZED", errors[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(before, await CountsAsync());
    }
}

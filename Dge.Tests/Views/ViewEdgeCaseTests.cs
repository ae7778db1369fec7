using System.Text.Json;
using Dge.Api.Clinics;
using Dge.Api.Clusters;
using Dge.Api.Doctors;
using Dge.Api.Groups;
using Dge.Api.Materials;
using Dge.Api.Meetings;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Views;

/// <summary>
/// Small hand-built worlds on the reference data, one edge per test: a doctor in two groups, a membership ending on asOf,
/// a group with members in two clusters at exactly 50 %, a cluster with no active package, a dissolved group.
/// </summary>
public sealed class ViewEdgeCaseTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 1);

    [Fact]
    public async Task Coverage_DoctorInTwoGroups_CountsOnce()
    {
        await using var world = await EdgeWorld.CreateAsync();

        var data = await world.DataAsync("""{ municipalityByCode(code: "0101") { coverage(asOf: "2026-11-01") { activeDoctors coveredDoctors coverage } } }""");

        var coverage = data.GetProperty("municipalityByCode").GetProperty("coverage");
        Assert.Equal(6, coverage.GetProperty("activeDoctors").GetInt32());
        Assert.Equal(3, coverage.GetProperty("coveredDoctors").GetInt32());
        Assert.Equal(0.5, coverage.GetProperty("coverage").GetDouble());
    }

    [Fact]
    public async Task Coverage_MembershipEndingOnAsOf_IsNotCoveredThatDayButWasTheDayBefore()
    {
        await using var world = await EdgeWorld.CreateAsync();

        var data = await world.DataAsync("""
            query($id: ID!) {
              on: node(id: $id) { ... on Doctor { groups(asOf: "2026-11-01") { totalCount } } }
              before: node(id: $id) { ... on Doctor { groups(asOf: "2026-10-31") { totalCount } } }
              today: coverage(by: CLUSTER, asOf: "2026-11-01") { name coveredDoctors }
              dayBefore: coverage(by: CLUSTER, asOf: "2026-10-31") { name coveredDoctors }
            }
            """, new { id = world.DoctorId("Tiende") });

        Assert.Equal(0, data.GetProperty("on").GetProperty("groups").GetProperty("totalCount").GetInt32());
        Assert.Equal(1, data.GetProperty("before").GetProperty("groups").GetProperty("totalCount").GetInt32());
        Assert.Equal(3, Covered(data.GetProperty("today"), "Klynge Indre By"));
        Assert.Equal(4, Covered(data.GetProperty("dayBefore"), "Klynge Indre By"));
    }

    [Fact]
    public async Task Alignment_GroupWithHalfItsMembersInEachOfTwoClusters_IsAlignedWithBoth()
    {
        await using var world = await EdgeWorld.CreateAsync();

        var data = await world.DataAsync("""
            { clusterAlignment(asOf: "2026-11-01", order: { name: ASC }) { nodes { cluster { name } activeDoctors alignedCoveredDoctors alignedCoverage
              groups { group { name } overlap members share aligned } } } }
            """);

        var clusters = data.GetProperty("clusterAlignment").GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("cluster").GetProperty("name").GetString()!);
        var inner = Groups(clusters["Klynge Indre By"]);
        var frederiksberg = Groups(clusters["Klynge Frederiksberg"]);
        Assert.Equal((2, 4, 0.5, true), inner["Mandagsgruppen"]);
        Assert.Equal((2, 4, 0.5, true), frederiksberg["Mandagsgruppen"]);
        Assert.Equal((2, 2, 1.0, true), inner["Tirsdagsgruppen"]);
        Assert.Equal(3, clusters["Klynge Indre By"].GetProperty("alignedCoveredDoctors").GetInt32());
        Assert.Equal(2, clusters["Klynge Frederiksberg"].GetProperty("alignedCoveredDoctors").GetInt32());
        Assert.Equal(0.5, clusters["Klynge Frederiksberg"].GetProperty("alignedCoverage").GetDouble());
    }

    [Fact]
    public async Task ThemeAlignment_ClusterWithAndWithoutAnActivePackage_CoveredMissedAndNull()
    {
        await using var world = await EdgeWorld.CreateAsync();

        var data = await world.DataAsync("""
            { clusterAlignment(asOf: "2026-11-01", order: { name: ASC }) { nodes { cluster { name }
              themeAlignment { ratio packageThemes { code } coveredThemes { code } missedThemes { code } } } } }
            """);

        var clusters = data.GetProperty("clusterAlignment").GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("cluster").GetProperty("name").GetString()!, n => n.GetProperty("themeAlignment"));
        Assert.Equal(0.5, clusters["Klynge Indre By"].GetProperty("ratio").GetDouble());
        Assert.Equal(["T01"], Codes(clusters["Klynge Indre By"].GetProperty("coveredThemes")));
        Assert.Equal(["T02"], Codes(clusters["Klynge Indre By"].GetProperty("missedThemes")));
        Assert.Equal(JsonValueKind.Null, clusters["Klynge Frederiksberg"].GetProperty("ratio").ValueKind);
        Assert.Empty(Codes(clusters["Klynge Frederiksberg"].GetProperty("packageThemes")));
    }

    [Fact]
    public async Task DissolvedGroup_NeitherCoversNorAligns_AndIsCountedAsDissolvedInTheYear()
    {
        await using var world = await EdgeWorld.CreateAsync();

        var data = await world.DataAsync("""
            {
              clusterAlignment(asOf: "2026-11-01", where: { municipalityCode: "0101" }) { nodes { groups { group { name } } uncoveredDoctors { doctor { lastName } nynedsat } } }
              annualReport(kapUnitCode: "KAP-H", year: 2026) { groupsActive groupsDissolved groupsFounded }
            }
            """);

        var cluster = data.GetProperty("clusterAlignment").GetProperty("nodes")[0];
        Assert.DoesNotContain(cluster.GetProperty("groups").EnumerateArray(), g => g.GetProperty("group").GetProperty("name").GetString() == "Nedlagt gruppe");
        Assert.Equal(
            ["Fjerde:False", "Niende:True", "Tiende:False"],
            cluster.GetProperty("uncoveredDoctors").EnumerateArray().Select(u => $"{u.GetProperty("doctor").GetProperty("lastName").GetString()}:{u.GetProperty("nynedsat").GetBoolean()}").ToList());
        var report = data.GetProperty("annualReport");
        Assert.Equal(6, report.GetProperty("groupsActive").GetInt32());
        Assert.Equal(1, report.GetProperty("groupsDissolved").GetInt32());
        Assert.Equal(1, report.GetProperty("groupsFounded").GetInt32());
    }

    [Fact]
    public async Task GroupSuggestions_ForANynedsat_PutTheNewGpGroupOfTheClusterFirst()
    {
        await using var world = await EdgeWorld.CreateAsync();

        var data = await world.DataAsync("""
            { clusterAlignment(asOf: "2026-11-01", where: { municipalityCode: "0101" }) { nodes { uncoveredDoctors(nynedsatOnly: true) { doctor { lastName } suggestions(first: 5) { group { name } rank reasons } } } } }
            """);

        var doctor = data.GetProperty("clusterAlignment").GetProperty("nodes")[0].GetProperty("uncoveredDoctors").EnumerateArray().Single();
        var suggestions = doctor.GetProperty("suggestions").EnumerateArray().Select(s => $"{s.GetProperty("rank").GetInt32()} {s.GetProperty("group").GetProperty("name").GetString()} {string.Join("+", s.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()))}").ToList();
        Assert.Equal(
            [
                "1 Nye læger Indre By SHARED_CLUSTER+SAME_MUNICIPALITY+KIND_FIT",
                "2 Mandagsgruppen SHARED_CLUSTER+SAME_MUNICIPALITY",
                "3 Tirsdagsgruppen SHARED_CLUSTER+SAME_MUNICIPALITY",
                "4 Tiendes gruppe ",
                "5 Tomme gruppe ",
            ],
            suggestions);
    }

    private static int Covered(JsonElement rows, string name) =>
        rows.EnumerateArray().Single(r => r.GetProperty("name").GetString() == name).GetProperty("coveredDoctors").GetInt32();

    private static Dictionary<string, (int, int, double, bool)> Groups(JsonElement cluster) =>
        cluster.GetProperty("groups").EnumerateArray().ToDictionary(
            g => g.GetProperty("group").GetProperty("name").GetString()!,
            g => (g.GetProperty("overlap").GetInt32(), g.GetProperty("members").GetInt32(), g.GetProperty("share").GetDouble(), g.GetProperty("aligned").GetBoolean()));

    private static List<string> Codes(JsonElement themes) => themes.EnumerateArray().Select(t => t.GetProperty("code").GetString()!).ToList();

    /// <summary>
    /// Two clusters on the reference data. Klynge Indre By (København): Første…Fjerde, Niende (nynedsat, in no group) and Tiende
    /// (membership ends on asOf); Klynge Frederiksberg: Femte…Ottende. Mandagsgruppen has two members from each cluster; Første is also
    /// in Tirsdagsgruppen; Fjerde and Syvende are in a group dissolved in 2026; Indre By works on a package with T01 and T02, and
    /// Mandagsgruppen met on T01.
    /// </summary>
    private sealed class EdgeWorld : IAsyncDisposable
    {
        private readonly DgeAppFactory _factory;
        private readonly Dictionary<string, int> _doctors;

        private EdgeWorld(DgeAppFactory factory, Dictionary<string, int> doctors)
        {
            _factory = factory;
            _doctors = doctors;
        }

        public static async Task<EdgeWorld> CreateAsync()
        {
            var path = await TestDatabases.CopyReferenceOnlyAsync();
            Dictionary<string, int> doctors;
            await using (var db = TestDatabases.Open(path))
            {
                doctors = await BuildAsync(db);
            }

            var factory = new DgeAppFactory(path);
            await factory.CreateReadyClientAsync();
            return new EdgeWorld(factory, doctors);
        }

        public string DoctorId(string lastName) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Doctor:{_doctors[lastName]}"));

        public async Task<JsonElement> DataAsync(string query, object? variables = null)
        {
            var inputs = variables is null ? null : new global::GraphQL.SystemTextJson.GraphQLSerializer().Deserialize<global::GraphQL.Inputs>(JsonSerializer.Serialize(variables));
            var json = await SchemaExecution.ExecuteAsync(_factory.Services, query, inputs);
            Assert.False(json.TryGetProperty("errors", out var errors), errors.ValueKind == JsonValueKind.Undefined ? string.Empty : errors.ToString());
            return json.GetProperty("data");
        }

        public ValueTask DisposeAsync() => _factory.DisposeAsync();

        private static async Task<Dictionary<string, int>> BuildAsync(Dge.Api.Data.DgeDbContext db)
        {
            var copenhagen = await db.Municipalities.SingleAsync(m => m.Code == "0101");
            var frederiksberg = await db.Municipalities.SingleAsync(m => m.Code == "0147");
            var hovedstaden = await db.Regions.SingleAsync(r => r.Code == "1084");
            var kapH = await db.KapUnits.SingleAsync(k => k.Code == "KAP-H");
            var themes = await db.Themes.Where(t => t.Code == "T01" || t.Code == "T02").OrderBy(t => t.Code).ToListAsync();

            var innerCluster = new QualityCluster { Name = "Klynge Indre By", RegionId = hovedstaden.Id, MunicipalityId = copenhagen.Id };
            var frbCluster = new QualityCluster { Name = "Klynge Frederiksberg", RegionId = hovedstaden.Id, MunicipalityId = frederiksberg.Id };
            var innerClinic = new Clinic { Ydernummer = "100001", Name = "Lægerne Indre By", Address = "Gade 1", MunicipalityId = copenhagen.Id };
            var frbClinic = new Clinic { Ydernummer = "100002", Name = "Lægerne Frederiksberg", Address = "Allé 2", MunicipalityId = frederiksberg.Id };
            db.AddRange(innerCluster, frbCluster, innerClinic, frbClinic);
            await db.SaveChangesAsync();
            db.AddRange(
                new ClusterClinicMembership { ClusterId = innerCluster.Id, ClinicId = innerClinic.Id, From = new DateOnly(2020, 1, 1) },
                new ClusterClinicMembership { ClusterId = frbCluster.Id, ClinicId = frbClinic.Id, From = new DateOnly(2020, 1, 1) });

            string[] names = ["Første", "Anden", "Tredje", "Fjerde", "Femte", "Sjette", "Syvende", "Ottende", "Niende", "Tiende"];
            var doctors = names.Select((name, i) => new Doctor
            {
                FirstName = "Læge",
                LastName = name,
                Email = $"{i}@example.dk",
                Phone = "12345678",
                Phase = DoctorPhase.Gp,
                EstablishedOn = name == "Niende" ? AsOf.AddMonths(-1) : new DateOnly(2010, 1, 1),
            }).ToList();
            db.AddRange(doctors);
            await db.SaveChangesAsync();
            foreach (var (doctor, i) in doctors.Select((d, i) => (d, i)))
            {
                db.Add(new ClinicEmployment { DoctorId = doctor.Id, ClinicId = i is >= 4 and <= 7 ? frbClinic.Id : innerClinic.Id, From = new DateOnly(2015, 1, 1) });
            }

            var monday = Group("Mandagsgruppen", GroupKind.Dge, kapH.Id, null);
            var tuesday = Group("Tirsdagsgruppen", GroupKind.Dge, kapH.Id, null);
            var dissolved = Group("Nedlagt gruppe", GroupKind.Dge, kapH.Id, new DateOnly(2026, 6, 1));
            var ending = Group("Tiendes gruppe", GroupKind.Dge, kapH.Id, null);
            var newGps = Group("Nye læger Indre By", GroupKind.NewGp, kapH.Id, null);
            var empty = Group("Tomme gruppe", GroupKind.Topic, kapH.Id, null);
            empty.From = new DateOnly(2026, 3, 1);
            db.AddRange(monday, tuesday, dissolved, ending, newGps, empty);
            await db.SaveChangesAsync();

            void Join(DgeGroup group, int doctor, DateOnly? to = null) =>
                db.Add(new GroupMembership { GroupId = group.Id, DoctorId = doctors[doctor].Id, Role = MembershipRole.Member, From = new DateOnly(2021, 1, 1), To = to });
            Join(monday, 0);
            Join(monday, 1);
            Join(monday, 4);
            Join(monday, 5);
            Join(tuesday, 0);
            Join(tuesday, 2);
            Join(dissolved, 3);
            Join(dissolved, 6);
            Join(ending, 9, AsOf);
            Join(newGps, 1);

            var package = new LearningMaterial { Title = "Klyngepakke", Kind = MaterialKind.ClusterPackage, Publisher = "KiAP", PublishedOn = new DateOnly(2025, 1, 1), Url = "https://example.dk" };
            db.Add(package);
            await db.SaveChangesAsync();
            db.AddRange(themes.Select(t => new MaterialTheme { MaterialId = package.Id, ThemeId = t.Id }));
            db.Add(new ClusterPackageAdoption { ClusterId = innerCluster.Id, MaterialId = package.Id, From = new DateOnly(2026, 1, 1) });
            var meeting = new Meeting { GroupId = monday.Id, Date = new DateOnly(2026, 5, 1), DurationHours = 3 };
            db.Add(meeting);
            await db.SaveChangesAsync();
            db.Add(new MeetingTheme { MeetingId = meeting.Id, ThemeId = themes[0].Id });
            await db.SaveChangesAsync();
            return doctors.ToDictionary(d => d.LastName, d => d.Id);
        }

        private static DgeGroup Group(string name, GroupKind kind, int kapUnitId, DateOnly? dissolvedOn) =>
            new() { Name = name, Kind = kind, KapUnitId = kapUnitId, From = new DateOnly(2020, 1, 1), To = dissolvedOn };
    }
}

using System.Security.Claims;
using System.Text.Json;
using Dge.Api.Clinics;
using Dge.Api.Clusters;
using Dge.Api.Coordinators;
using Dge.Api.Data;
using Dge.Api.Doctors;
using Dge.Api.Municipalities;
using GraphQL;
using GraphQL.SystemTextJson;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Infrastructure;

/// <summary>
/// A host over the reference data and hand-made dated links around <see cref="Day"/>, one case per way a "current" link
/// can be picked: two links starting the same day (the lower id wins), the later start first or second by id, a link
/// starting the day after, one ending on the day (exclusive) beside one starting on it, two closed overlapping links, and a
/// parent with none. Doctors reach clinics through employments, clinics reach clusters through memberships; two
/// coordinators of the municipality's region, one a doctor with a cluster and a municipality, one with neither.
/// </summary>
public sealed class DatedLinksGraph : IAsyncLifetime
{
    public const string Day = "2025-06-01";

    public const string C1 = "910001";
    public const string C2 = "910002";

    /// <summary>A clinic that is never in a cluster.</summary>
    public const string NoCluster = "910003";

    /// <summary>A clinic whose cluster membership ends on <see cref="Day"/> and whose next one starts the day after.</summary>
    public const string BetweenClusters = "910004";

    /// <summary>Two memberships starting the same day: K2 has the lower id.</summary>
    public const string ClusterTie = "910005";

    /// <summary>The later membership (K1) has the lower id.</summary>
    public const string LaterClusterFirst = "910006";

    /// <summary>The later membership (K2) has the higher id.</summary>
    public const string LaterClusterSecond = "910007";

    public const string K1 = "Klynge Et";
    public const string K2 = "Klynge To";

    /// <summary>The coordinator who is a doctor (<c>Tie</c>) and has a cluster (K1) and a municipality.</summary>
    public const string DoctorCoordinator = "Koordinator Læge";

    /// <summary>The coordinator with a region only: no doctor, no cluster, no municipality.</summary>
    public const string RegionCoordinator = "Koordinator Region";

    private static readonly DateOnly OnDay = DateOnly.Parse(Day, System.Globalization.CultureInfo.InvariantCulture);

    private DgeAppFactory? _factory;

    /// <summary>Each doctor's last name and the ydernummer of the clinic current on <see cref="Day"/> (null for none).</summary>
    public static IReadOnlyDictionary<string, string?> ClinicOnDay { get; } = new Dictionary<string, string?>
    {
        ["Tie"] = C2,
        ["LaterFirst"] = C1,
        ["LaterSecond"] = C1,
        ["Future"] = C1,
        ["EndsOnDay"] = C2,
        ["EndedOnDay"] = null,
        ["Overlapping"] = C2,
        ["NoClinic"] = null,
    };

    /// <summary>Each clinic's ydernummer and the name of the cluster current on <see cref="Day"/> (null for none).</summary>
    public static IReadOnlyDictionary<string, string?> ClusterOnDay { get; } = new Dictionary<string, string?>
    {
        [C1] = K1,
        [C2] = K2,
        [NoCluster] = null,
        [BetweenClusters] = null,
        [ClusterTie] = K2,
        [LaterClusterFirst] = K1,
        [LaterClusterSecond] = K2,
    };

    public int RegionId { get; private set; }

    public async Task InitializeAsync()
    {
        var path = await TestDatabases.CopyReferenceOnlyAsync();
        await using (var db = TestDatabases.Open(path))
        {
            var municipalityId = await db.Municipalities.OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
            RegionId = await db.MunicipalityRegions.Where(Periods.ActiveOn<MunicipalityRegion>(OnDay)).Where(p => p.MunicipalityId == municipalityId).Select(p => p.RegionId).SingleAsync();
            var k1 = new QualityCluster { Name = K1, RegionId = RegionId, MunicipalityId = municipalityId };
            var k2 = new QualityCluster { Name = K2, RegionId = RegionId, MunicipalityId = municipalityId };
            db.QualityClusters.AddRange(k1, k2);
            var clinics = new[] { C1, C2, NoCluster, BetweenClusters, ClusterTie, LaterClusterFirst, LaterClusterSecond }
                .ToDictionary(y => y, y => new Clinic { Ydernummer = y, Name = $"Klinik {y}", Address = "Algade 1", MunicipalityId = municipalityId });
            db.Clinics.AddRange(clinics.Values);
            await db.SaveChangesAsync();

            // One SaveChanges per link, so the ids follow the order written here.
            await Links(db, clinics[C1], (k1, "2024-01-01", null));
            await Links(db, clinics[C2], (k2, "2024-01-01", null), (k1, "2020-01-01", "2024-01-01"));
            await Links(db, clinics[BetweenClusters], (k1, "2024-01-01", Day), (k2, "2025-06-02", null));
            await Links(db, clinics[ClusterTie], (k2, "2025-01-01", null), (k1, "2025-01-01", null));
            await Links(db, clinics[LaterClusterFirst], (k1, "2025-03-01", null), (k2, "2024-01-01", null));
            await Links(db, clinics[LaterClusterSecond], (k1, "2024-01-01", null), (k2, "2025-03-01", null));

            var doctors = new Dictionary<string, Doctor>();
            foreach (var lastName in ClinicOnDay.Keys)
            {
                doctors[lastName] = new Doctor { FirstName = "Test", LastName = lastName, Email = $"{lastName.ToLowerInvariant()}@example.dk", Phone = "12345678", Phase = DoctorPhase.Gp };
                db.Doctors.Add(doctors[lastName]);
            }

            await db.SaveChangesAsync();
            await Employments(db, doctors["Tie"], (clinics[C2], "2025-01-01", null), (clinics[C1], "2025-01-01", null));
            await Employments(db, doctors["LaterFirst"], (clinics[C1], "2025-03-01", null), (clinics[C2], "2024-01-01", null));
            await Employments(db, doctors["LaterSecond"], (clinics[C2], "2024-01-01", null), (clinics[C1], "2025-03-01", null));
            await Employments(db, doctors["Future"], (clinics[C1], "2024-01-01", null), (clinics[C2], "2025-06-02", null));
            await Employments(db, doctors["EndsOnDay"], (clinics[C1], "2024-01-01", Day), (clinics[C2], Day, null));
            await Employments(db, doctors["EndedOnDay"], (clinics[C1], "2024-01-01", Day));
            await Employments(db, doctors["Overlapping"], (clinics[C1], "2023-01-01", "2026-01-01"), (clinics[C2], "2024-01-01", "2025-12-31"));

            db.Coordinators.AddRange(
                new Coordinator
                {
                    Name = DoctorCoordinator, Email = "laege@example.dk", Role = CoordinatorRole.ClusterCoordinator, WeeklyHours = 2, From = new DateOnly(2020, 1, 1),
                    DoctorId = doctors["Tie"].Id, RegionId = RegionId, ClusterId = k1.Id, MunicipalityId = municipalityId,
                },
                new Coordinator
                {
                    Name = RegionCoordinator, Email = "region@example.dk", Role = CoordinatorRole.RegionalCoordinator, WeeklyHours = 10, From = new DateOnly(2020, 1, 1),
                    RegionId = RegionId,
                });
            await db.SaveChangesAsync();
        }

        _factory = new DgeAppFactory(path);
        await _factory.CreateReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>Runs the query (anonymously unless a user is given) and returns the whole response.</summary>
    public async Task<JsonElement> ExecuteAsync(string query, object? variables = null, ClaimsPrincipal? user = null)
    {
        var inputs = variables is null ? null : new GraphQLSerializer().Deserialize<Inputs>(JsonSerializer.Serialize(variables));
        return await SchemaExecution.ExecuteAsync(_factory!.Services, query, inputs, user);
    }

    /// <summary>Runs the query and returns <c>data</c>, failing the test on any error.</summary>
    public async Task<JsonElement> DataAsync(string query, object? variables = null, ClaimsPrincipal? user = null)
    {
        var json = await ExecuteAsync(query, variables, user);
        Assert.False(json.TryGetProperty("errors", out var errors), errors.ValueKind == JsonValueKind.Undefined ? string.Empty : errors.ToString());
        return json.GetProperty("data");
    }

    private static async Task Links(DgeDbContext db, Clinic clinic, params (QualityCluster Cluster, string From, string? To)[] links)
    {
        foreach (var (cluster, from, to) in links)
        {
            db.ClusterClinicMemberships.Add(new ClusterClinicMembership { ClinicId = clinic.Id, ClusterId = cluster.Id, From = Date(from), To = to is null ? null : Date(to) });
            await db.SaveChangesAsync();
        }
    }

    private static async Task Employments(DgeDbContext db, Doctor doctor, params (Clinic Clinic, string From, string? To)[] links)
    {
        foreach (var (clinic, from, to) in links)
        {
            db.ClinicEmployments.Add(new ClinicEmployment { DoctorId = doctor.Id, ClinicId = clinic.Id, From = Date(from), To = to is null ? null : Date(to) });
            await db.SaveChangesAsync();
        }
    }

    private static DateOnly Date(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}

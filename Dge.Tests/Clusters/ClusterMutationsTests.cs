using System.Text.Json;
using Dge.Api.GraphQL.Relay;
using Dge.Api.Materials;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Clusters;

public sealed class ClusterMutationsTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    private const string MembershipFields = "membership { id from to cluster { id } clinic { id version } }";
    private const string AdoptionFields = "adoption { id from to version }";

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Now);

    /// <summary>A municipality of the region today, and one of another region.</summary>
    private async Task<(string Region, string Municipality, string OtherMunicipality)> RegionAsync()
    {
        await using var db = graph.OpenDb();
        var periods = await db.MunicipalityRegions.AsNoTracking().Where(p => p.From <= Today && (p.To == null || p.To > Today)).OrderBy(p => p.Id).ToListAsync();
        var region = periods[0].RegionId;
        return (NodeId.Encode("Region", region), NodeId.Encode("Municipality", periods[0].MunicipalityId), NodeId.Encode("Municipality", periods.First(p => p.RegionId != region).MunicipalityId));
    }

    private Task<JsonElement> CreateAsync(string name, string regionId, string municipalityId) =>
        graph.PayloadAsync("createCluster", $"mutation($input: CreateClusterInput!) {{ createCluster(input: $input) {{ cluster {{ id name version }} {Mutating.Fields("NotFoundError")} }} }}",
            new { name, regionId, municipalityId });

    /// <summary>A clinic that is a member of a cluster today, and another cluster of the same region and one of another region.</summary>
    private async Task<(string Clinic, int Version, string SameRegionCluster, string OtherRegionCluster, string CurrentCluster)> MemberClinicAsync(int skip)
    {
        await using var db = graph.OpenDb();
        var membership = await db.ClusterClinicMemberships.AsNoTracking().Include(m => m.Cluster).Include(m => m.Clinic)
            .Where(m => m.From <= Today && m.To == null).OrderBy(m => m.Id).Skip(skip).FirstAsync();
        var same = await db.QualityClusters.AsNoTracking().FirstAsync(c => c.RegionId == membership.Cluster!.RegionId && c.Id != membership.ClusterId);
        var other = await db.QualityClusters.AsNoTracking().FirstAsync(c => c.RegionId != membership.Cluster!.RegionId);
        return (NodeId.Encode("Clinic", membership.ClinicId), (int)membership.Clinic!.Version, NodeId.Encode("QualityCluster", same.Id),
            NodeId.Encode("QualityCluster", other.Id), NodeId.Encode("QualityCluster", membership.ClusterId));
    }

    private Task<JsonElement> MoveAsync(string clinicId, int expectedVersion, string clusterId, string from) =>
        graph.PayloadAsync("moveClinicToCluster", $"mutation($input: MoveClinicToClusterInput!) {{ moveClinicToCluster(input: $input) {{ {MembershipFields} {Mutating.ChangeFields} }} }}",
            new { clinicId, expectedVersion, clusterId, from });

    private Task<JsonElement> AdoptAsync(string clusterId, string materialId, string from, string? to = null) =>
        graph.PayloadAsync("adoptClusterPackage", $"mutation($input: AdoptClusterPackageInput!) {{ adoptClusterPackage(input: $input) {{ {AdoptionFields} {Mutating.Fields("NotFoundError")} }} }}",
            new { clusterId, materialId, from, to });

    private async Task<string> MaterialAsync(bool package)
    {
        await using var db = graph.OpenDb();
        var id = await db.LearningMaterials.AsNoTracking().Where(m => (m.Kind == MaterialKind.ClusterPackage) == package).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        return NodeId.Encode("LearningMaterial", id);
    }

    [Fact]
    public async Task CreateCluster_MunicipalityOfTheRegion_CreatesTheClusterAndAuditsIt()
    {
        var scope = await RegionAsync();

        var payload = await CreateAsync("Klynge Test Nord", scope.Region, scope.Municipality);

        var id = payload.GetProperty("cluster").GetProperty("id").GetString()!;
        Assert.Equal("createCluster", Assert.Single(await graph.AuditAsync(id)).Operation);
    }

    [Fact]
    public async Task CreateCluster_MunicipalityOfAnotherRegion_IsAValidationErrorOnMunicipalityId()
    {
        var scope = await RegionAsync();

        var payload = await CreateAsync("Klynge Test Syd", scope.Region, scope.OtherMunicipality);

        payload.AssertValidationError("municipalityId", "MUNICIPALITY_OTHER_REGION");
    }

    [Fact]
    public async Task CreateCluster_NameOfAnotherCluster_IsAValidationErrorOnName()
    {
        var scope = await RegionAsync();
        await using var db = graph.OpenDb();
        var taken = await db.QualityClusters.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Name).FirstAsync();

        var payload = await CreateAsync(taken, scope.Region, scope.Municipality);

        payload.AssertValidationError("name", "DUPLICATE_NAME");
    }

    [Fact]
    public async Task MoveClinicToCluster_SameRegion_EndsTheOldMembershipThatDayAndStartsTheNew()
    {
        var scene = await MemberClinicAsync(0);
        var from = Today.AddDays(1).ToString("yyyy-MM-dd");

        var payload = await MoveAsync(scene.Clinic, scene.Version, scene.SameRegionCluster, from);

        var membership = payload.GetProperty("membership");
        Assert.Equal(scene.SameRegionCluster, membership.GetProperty("cluster").GetProperty("id").GetString());
        Assert.Equal(from, membership.GetProperty("from").GetString());
        Assert.Equal(scene.Version + 1, membership.GetProperty("clinic").GetProperty("version").GetInt32());
        await using var db = graph.OpenDb();
        var clinicKey = NodeId.KeyOf(scene.Clinic, "Clinic")!.Value;
        var oldKey = NodeId.KeyOf(scene.CurrentCluster, "QualityCluster")!.Value;
        Assert.Equal(Today.AddDays(1), (await db.ClusterClinicMemberships.AsNoTracking().SingleAsync(m => m.ClinicId == clinicKey && m.ClusterId == oldKey && m.From <= Today)).To);
    }

    [Fact]
    public async Task MoveClinicToCluster_ClusterOfAnotherRegion_IsAValidationErrorOnClusterId()
    {
        var scene = await MemberClinicAsync(1);

        var payload = await MoveAsync(scene.Clinic, scene.Version, scene.OtherRegionCluster, Today.ToString("yyyy-MM-dd"));

        payload.AssertValidationError("clusterId", "CLUSTER_OTHER_REGION");
    }

    [Fact]
    public async Task MoveClinicToCluster_TheClusterItIsInAlready_IsAValidationErrorOnClusterId()
    {
        var scene = await MemberClinicAsync(2);

        var payload = await MoveAsync(scene.Clinic, scene.Version, scene.CurrentCluster, Today.ToString("yyyy-MM-dd"));

        payload.AssertValidationError("clusterId", "ALREADY_MEMBER");
    }

    [Fact]
    public async Task MoveClinicToCluster_StaleClinicVersion_IsAConflictAndChangesNothing()
    {
        var scene = await MemberClinicAsync(3);
        var audits = await graph.AuditCountAsync();

        var payload = await MoveAsync(scene.Clinic, scene.Version + 5, scene.SameRegionCluster, Today.ToString("yyyy-MM-dd"));

        Assert.Equal(scene.Version, payload.SingleError().GetProperty("currentVersion").GetInt32());
        Assert.Equal(audits, await graph.AuditCountAsync());
    }

    [Fact]
    public async Task AdoptClusterPackage_MaterialThatIsNoPackage_IsAValidationErrorOnMaterialId()
    {
        var scene = await MemberClinicAsync(4);

        var payload = await AdoptAsync(scene.CurrentCluster, await MaterialAsync(package: false), "2026-01-01");

        payload.AssertValidationError("materialId", "NOT_A_CLUSTER_PACKAGE");
    }

    [Fact]
    public async Task AdoptClusterPackage_OverlappingThePackagesPeriod_IsAValidationErrorOnFrom()
    {
        var scope = await RegionAsync();
        var cluster = (await CreateAsync("Klynge Test Pakker", scope.Region, scope.Municipality)).GetProperty("cluster").GetProperty("id").GetString()!;
        var package = await MaterialAsync(package: true);
        await AdoptAsync(cluster, package, "2026-01-01", "2026-07-01");

        var overlapping = await AdoptAsync(cluster, package, "2026-06-01");
        var after = await AdoptAsync(cluster, package, "2026-07-01");

        overlapping.AssertValidationError("from", "OVERLAPPING_ADOPTION");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("errors").ValueKind);
    }

    [Fact]
    public async Task EndClusterPackage_EndsTheWorkOnceAndAuditsIt()
    {
        var scope = await RegionAsync();
        var cluster = (await CreateAsync("Klynge Test Slut", scope.Region, scope.Municipality)).GetProperty("cluster").GetProperty("id").GetString()!;
        var adoption = (await AdoptAsync(cluster, await MaterialAsync(package: true), "2026-01-01")).GetProperty("adoption").GetProperty("id").GetString()!;
        var document = $"mutation($input: EndClusterPackageInput!) {{ endClusterPackage(input: $input) {{ {AdoptionFields} {Mutating.ChangeFields} }} }}";

        var ended = await graph.PayloadAsync("endClusterPackage", document, new { id = adoption, expectedVersion = 0, to = "2026-06-01" });
        var again = await graph.PayloadAsync("endClusterPackage", document, new { id = adoption, expectedVersion = 1, to = "2026-07-01" });

        Assert.Equal("2026-06-01", ended.GetProperty("adoption").GetProperty("to").GetString());
        Assert.Equal("""{"to":"2026-06-01"}""", (await graph.AuditAsync(adoption))[^1].After);
        again.AssertValidationError("id", "ALREADY_ENDED");
    }
}

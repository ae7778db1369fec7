using System.Text.Json;
using Dge.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dge.Tests.Admin.Clusters;

/// <summary>Each cluster test's own data, made through the API: a new cluster in Region Nordjylland, and package adoptions.</summary>
internal static class ClusterData
{
    public const string Region = "Region Nordjylland";

    public sealed record Cluster(string Id, string Name, int Version, string RegionId, string MunicipalityId, string OtherMunicipalityId);

    /// <summary>Two municipalities of <see cref="Region"/> today, and the region's id.</summary>
    public static async Task<(string RegionId, string First, string Second)> RegionAsync(this AccessHost host)
    {
        var region = (await host.DataAsync($"{{ regions(where: {{ name: {{ eq: \"{Region}\" }} }}) {{ nodes {{ id municipalities(first: 2, order: [{{ name: ASC }}]) {{ nodes {{ id }} }} }} }} }}"))
            .GetProperty("regions").GetProperty("nodes")[0];
        var municipalities = region.GetProperty("municipalities").Strings("id");
        return (region.GetProperty("id").GetString()!, municipalities[0], municipalities[1]);
    }

    /// <summary>A municipality of another region than <see cref="Region"/>.</summary>
    public static async Task<string> ForeignMunicipalityAsync(this AccessHost host) =>
        (await host.DataAsync("{ municipalityByCode(code: \"0101\") { id } }")).GetProperty("municipalityByCode").GetProperty("id").GetString()!;

    public static string NewName() => $"Testklynge {Guid.NewGuid():N}"[..24];

    public static async Task<Cluster> NewClusterAsync(this AccessHost host)
    {
        var (regionId, first, second) = await host.RegionAsync();
        var name = NewName();
        var cluster = (await host.DataAsync(
            $"mutation {{ createCluster(input: {{ name: \"{name}\", regionId: \"{regionId}\", municipalityId: \"{first}\" }}) {{ cluster {{ id version }} errors {{ ... on Error {{ message }} }} }} }}"))
            .GetProperty("createCluster").GetProperty("cluster");
        return new Cluster(cluster.GetProperty("id").GetString()!, name, cluster.GetProperty("version").GetInt32(), regionId, first, second);
    }

    /// <summary>The first cluster packages by title.</summary>
    public static async Task<List<string>> PackagesAsync(this AccessHost host) =>
        (await host.DataAsync("{ learningMaterials(where: { kind: { eq: CLUSTER_PACKAGE } }, order: [{ title: ASC }], first: 3) { nodes { id } } }"))
            .GetProperty("learningMaterials").Strings("id");

    /// <summary>Records through the API that the cluster works on the package from <paramref name="from"/>; the adoption's id and version.</summary>
    public static async Task<(string Id, int Version)> AdoptAsync(this AccessHost host, string clusterId, string packageId, string from)
    {
        var adoption = (await host.DataAsync(
            $"mutation {{ adoptClusterPackage(input: {{ clusterId: \"{clusterId}\", materialId: \"{packageId}\", from: \"{from}\" }}) {{ adoption {{ id version }} errors {{ ... on Error {{ message }} }} }} }}"))
            .GetProperty("adoptClusterPackage").GetProperty("adoption");
        return (adoption.GetProperty("id").GetString()!, adoption.GetProperty("version").GetInt32());
    }

    public static async Task<JsonElement> NodeAsync(this AccessHost host, string id, string fragment) =>
        (await host.DataAsync($"{{ node(id: \"{id}\") {{ {fragment} }} }}")).GetProperty("node");

    /// <summary>A signed-in client that does not follow redirects, so a test sees where a form sends the browser.</summary>
    public static Task<HttpClient> NoRedirectAsync(this AccessHost host, string role) =>
        host.Factory.SignedInClientAsync(role, new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public static string Page(string id) => $"/admin/clusters/{Uri.EscapeDataString(id)}";
}

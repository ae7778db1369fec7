using System.Text.Json.Serialization;
using Dge.Admin.Client;
using Dge.Admin.Lists;

namespace Dge.Admin.Areas.Admin.Pages.Clusters;

/// <summary>A cluster as its forms need it: name, version, region, municipality and its package adoptions; null for an id that is not a cluster.</summary>
public sealed record ClusterForm(
    [property: JsonPropertyName("__typename")] string TypeName,
    string Id,
    string Name,
    int Version,
    ClusterForm.Named Region,
    ClusterForm.MunicipalityRef Municipality,
    NodeList<ClusterForm.Adoption> PackageAdoptions)
{
    private const string Operation = "AdminClusterForm";

    /// <summary>Where a form goes after success: the cluster's page.</summary>
    public static string PageOf(string id) => $"/admin/clusters/{Uri.EscapeDataString(id)}";

    public static async Task<ClusterForm?> LoadAsync(IAdminGraphQLClient client, string id, CancellationToken cancellationToken)
    {
        var response = await client.ExecuteAsync(
            new GraphQLRequest(AdminOperations.Read(Operation), new Dictionary<string, object?> { ["id"] = id }, Operation), cancellationToken);

        // An id that is not a cluster's (or not an id at all) is a page that does not exist.
        return response.IsSuccess && response.Read<Data>().Node is { TypeName: "QualityCluster" } cluster ? cluster : null;
    }

    public sealed record Named(string Id, string Name);

    public sealed record MunicipalityRef(string Id, string Code, string Name);

    public sealed record Adoption(string Id, DateOnly From, DateOnly? To, int Version, PackageRef Package);

    public sealed record PackageRef(string Id, string Title);

    private sealed record Data(ClusterForm? Node);
}

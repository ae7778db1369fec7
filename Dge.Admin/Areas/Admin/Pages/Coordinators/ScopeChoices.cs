using Dge.Admin.Client;
using Dge.Admin.Lists;

namespace Dge.Admin.Areas.Admin.Pages.Coordinators;

/// <summary>
/// The scopes a new coordinator's role can cover, grouped by kind for one select: regions in force today, KAP units,
/// clusters (all of them, read page by page: there are more than a page) and municipalities. The API checks the kind against the role.
/// </summary>
public sealed record ScopeChoices(IReadOnlyList<(string Label, IReadOnlyList<ScopeRef> Scopes)> Groups)
{
    private const string Operation = "AdminCoordinatorScopeChoices";

    public static async Task<ScopeChoices> LoadAsync(IAdminGraphQLClient client, CancellationToken cancellationToken)
    {
        var response = await client.ExecuteAsync(new GraphQLRequest(AdminOperations.Read(Operation), OperationName: Operation), cancellationToken);
        if (!response.IsSuccess)
        {
            return new ScopeChoices([]);
        }

        var data = response.Read<Data>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var clusters = await client.ReadAllAsync(
            "AdminCoordinatorClusterChoices",
            new Dictionary<string, object?> { ["order"] = new[] { new Dictionary<string, object?> { ["name"] = "ASC" } } },
            r => r.Read<ClusterData>().QualityClusters,
            cancellationToken) ?? [];
        return new ScopeChoices(
        [
            ("Regioner", data.Regions.Nodes.Where(r => r.ValidFrom <= today && (r.ValidTo is null || r.ValidTo > today)).Select(r => new ScopeRef(r.Id, r.Name)).ToList()),
            ("KAP-enheder", data.KapUnits.Nodes),
            ("Klynger", clusters),
            ("Kommuner", data.Municipalities.Nodes),
        ]);
    }

    public string? NameOf(string? id) => Groups.SelectMany(g => g.Scopes).FirstOrDefault(s => s.Id == id)?.Name;

    private sealed record RegionChoiceRow(string Id, string Name, DateOnly ValidFrom, DateOnly? ValidTo);

    private sealed record Data(NodeList<RegionChoiceRow> Regions, NodeList<ScopeRef> KapUnits, NodeList<ScopeRef> Municipalities);

    private sealed record ClusterData(Connection<ScopeRef> QualityClusters);
}

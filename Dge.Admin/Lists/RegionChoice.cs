using Dge.Admin.Client;

namespace Dge.Admin.Lists;

/// <summary>A region as a filter offers it: the regions in force today (the reform's new ones appear on their first day).</summary>
public sealed record RegionChoice(string Id, string? Code, string Name, DateOnly ValidFrom, DateOnly? ValidTo)
{
    private static readonly string Query = AdminOperations.Read("AdminRegionChoices");

    public static async Task<IReadOnlyList<RegionChoice>> LoadAsync(IAdminGraphQLClient client, CancellationToken cancellationToken)
    {
        var response = await client.ExecuteAsync(new GraphQLRequest(Query, OperationName: "AdminRegionChoices"), cancellationToken);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return response.IsSuccess
            ? response.Read<Data>().Regions.Nodes.Where(r => r.ValidFrom <= today && (r.ValidTo is null || r.ValidTo > today)).ToList()
            : [];
    }

    private sealed record Data(NodeList<RegionChoice> Regions);
}

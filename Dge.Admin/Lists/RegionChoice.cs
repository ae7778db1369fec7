using Dge.Admin.Client;

namespace Dge.Admin.Lists;

/// <summary>A region as a filter or a form offers it, past and future ones included, with its validity.</summary>
public sealed record RegionChoice(string Id, string? Code, string Name, DateOnly ValidFrom, DateOnly? ValidTo)
{
    private static readonly string Query = AdminOperations.Read("AdminRegionChoices");

    /// <summary>Whether the region exists on <paramref name="day"/> (its period is half-open).</summary>
    public bool ExistsOn(DateOnly day) => ValidFrom <= day && (ValidTo is null || ValidTo > day);

    public static async Task<IReadOnlyList<RegionChoice>> LoadAsync(IAdminGraphQLClient client, CancellationToken cancellationToken)
    {
        var response = await client.ExecuteAsync(new GraphQLRequest(Query, OperationName: "AdminRegionChoices"), cancellationToken);
        return response.IsSuccess ? response.Read<Data>().Regions.Nodes : [];
    }

    private sealed record Data(NodeList<RegionChoice> Regions);
}

using Dge.Admin.Client;

namespace Dge.Admin.Lists;

/// <summary>A municipality as a filter or a form offers it, with the region it belongs to today (null when none).</summary>
public sealed record MunicipalityChoice(string Id, string Code, string Name, MunicipalityChoice.RegionRef? Region)
{
    private static readonly string Query = AdminOperations.Read("AdminMunicipalityChoices");

    /// <summary>All 98, by name (the API pages at most 100, so one page holds them).</summary>
    public static async Task<IReadOnlyList<MunicipalityChoice>> LoadAsync(IAdminGraphQLClient client, CancellationToken cancellationToken)
    {
        var response = await client.ExecuteAsync(new GraphQLRequest(Query, OperationName: "AdminMunicipalityChoices"), cancellationToken);
        return response.IsSuccess ? response.Read<Data>().Municipalities.Nodes : [];
    }

    public sealed record RegionRef(string Id, string Name);

    private sealed record Data(NodeList<MunicipalityChoice> Municipalities);
}

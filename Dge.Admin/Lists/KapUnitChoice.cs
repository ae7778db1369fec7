using Dge.Admin.Client;

namespace Dge.Admin.Lists;

/// <summary>A KAP unit as a filter or a form offers it.</summary>
public sealed record KapUnitChoice(string Id, string Code, string Name)
{
    private static readonly string Query = AdminOperations.Read("AdminKapUnitChoices");

    public static async Task<IReadOnlyList<KapUnitChoice>> LoadAsync(IAdminGraphQLClient client, CancellationToken cancellationToken)
    {
        var response = await client.ExecuteAsync(new GraphQLRequest(Query, OperationName: "AdminKapUnitChoices"), cancellationToken);
        return response.IsSuccess ? response.Read<Data>().KapUnits.Nodes : [];
    }

    private sealed record Data(NodeList<KapUnitChoice> KapUnits);
}

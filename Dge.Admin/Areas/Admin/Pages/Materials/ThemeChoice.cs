using Dge.Admin.Client;
using Dge.Admin.Lists;

namespace Dge.Admin.Areas.Admin.Pages.Materials;

/// <summary>A theme as the materials' filter and form offer it (37 of them: a select or a list of boxes is enough).</summary>
public sealed record ThemeChoice(string Id, string Code, string NameDa)
{
    public static async Task<IReadOnlyList<ThemeChoice>> LoadAsync(IAdminGraphQLClient client, CancellationToken cancellationToken)
    {
        var response = await client.ExecuteAsync(new GraphQLRequest(AdminOperations.Read("AdminThemeChoices"), OperationName: "AdminThemeChoices"), cancellationToken);
        return response.IsSuccess ? response.Read<Data>().Themes.Nodes : [];
    }

    private sealed record Data(NodeList<ThemeChoice> Themes);
}

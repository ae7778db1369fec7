using Dge.Admin.Client;

namespace Dge.Admin.Lists;

/// <summary>An active advisor (efteruddannelsesvejleder) as a group's form offers them, with where they work.</summary>
public sealed record AdvisorChoice(string Id, string Name, AdvisorChoice.Scope? Region, AdvisorChoice.Scope? KapUnit)
{
    private static readonly string Query = AdminOperations.Read("AdminAdvisorChoices");

    public string Label => $"{Name} ({KapUnit?.Name ?? Region?.Name ?? "uden område"})";

    public static async Task<IReadOnlyList<AdvisorChoice>> LoadAsync(IAdminGraphQLClient client, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, object?> { ["today"] = Danish.Date(DateOnly.FromDateTime(DateTime.UtcNow)) };
        var response = await client.ExecuteAsync(new GraphQLRequest(Query, variables, "AdminAdvisorChoices"), cancellationToken);
        return response.IsSuccess ? response.Read<Data>().Coordinators.Nodes : [];
    }

    public sealed record Scope(string Name);

    private sealed record Data(NodeList<AdvisorChoice> Coordinators);
}

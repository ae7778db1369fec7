using System.Text.Json.Serialization;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Themes;

/// <summary>One theme: its materials, the clusters whose packages treat it, the groups that met on it, its latest meetings, and its history.</summary>
public sealed class DetailsModel(IAdminGraphQLClient client, IAuthorizationService authorization) : PageModel
{
    private const string Operation = "AdminTheme";

    public ThemeDetails Theme { get; private set; } = null!;

    public EntityHistory History { get; private set; } = null!;

    public DateOnly Today { get; } = DateOnly.FromDateTime(DateTime.UtcNow);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await ThemeDetails.LoadAsync(client, id, cancellationToken) is not { } theme)
        {
            return NotFound();
        }

        Theme = theme;
        History = await EntityHistory.LoadAsync(client, authorization, User, theme.Id, cancellationToken);
        return Page();
    }

    /// <summary>The theme as its page and its edit form show it; null for an id that is not a theme.</summary>
    public sealed record ThemeDetails(
        [property: JsonPropertyName("__typename")] string TypeName,
        string Id,
        string Code,
        string NameDa,
        string NameEn,
        string Category,
        int Version,
        Related<MaterialRef> Materials,
        Related<Named> Clusters,
        Related<GroupRef> Groups,
        Related<MeetingRef> Meetings)
    {
        public static async Task<ThemeDetails?> LoadAsync(IAdminGraphQLClient client, string id, CancellationToken cancellationToken)
        {
            var response = await client.ExecuteAsync(
                new GraphQLRequest(AdminOperations.Read(Operation), new Dictionary<string, object?> { ["id"] = id }, Operation), cancellationToken);

            // An id that is not a theme's (or not an id at all) is a page that does not exist.
            return response.IsSuccess && response.Read<ThemeData>().Node is { TypeName: "Theme" } theme ? theme : null;
        }
    }

    public sealed record Related<T>(int TotalCount, IReadOnlyList<T> Nodes);

    public sealed record MaterialRef(string Id, string Title, string Kind, string Publisher, DateOnly? RetiredOn);

    public sealed record Named(string Id, string Name);

    public sealed record GroupRef(string Id, string Name, string Kind, DateOnly? DissolvedOn);

    public sealed record MeetingRef(string Id, DateOnly Date, double DurationHours, Named Group);

    private sealed record ThemeData(ThemeDetails? Node);
}

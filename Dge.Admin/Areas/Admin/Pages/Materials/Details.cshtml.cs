using System.Text.Json.Serialization;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Materials;

/// <summary>One learning material: its themes, intended group kinds, the clusters that adopted it, the meetings that used it, and its history.</summary>
public sealed class DetailsModel(IAdminGraphQLClient client, IAuthorizationService authorization) : PageModel
{
    private const string Operation = "AdminMaterial";

    public MaterialDetails Material { get; private set; } = null!;

    public EntityHistory History { get; private set; } = null!;

    public DateOnly Today { get; } = DateOnly.FromDateTime(DateTime.UtcNow);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await MaterialDetails.LoadAsync(client, id, cancellationToken) is not { } material)
        {
            return NotFound();
        }

        Material = material;
        History = await EntityHistory.LoadAsync(client, authorization, User, material.Id, cancellationToken);
        return Page();
    }

    /// <summary>The material as its page and its forms show it; null for an id that is not a learning material.</summary>
    public sealed record MaterialDetails(
        [property: JsonPropertyName("__typename")] string TypeName,
        string Id,
        string Title,
        string Kind,
        string Publisher,
        DateOnly PublishedOn,
        DateOnly? RetiredOn,
        string Url,
        int Version,
        NodeList<ThemeChoice> Themes,
        NodeList<IntendedKind> IntendedFor,
        Related<Adoption> Adoptions,
        Related<MeetingRef> Meetings)
    {
        public bool IsRetired(DateOnly today) => RetiredOn <= today;

        /// <summary>Whether the link is an http(s) address: anything else (an imported "javascript:" link) is shown as text, never followed.</summary>
        public bool IsWebLink => Uri.TryCreate(Url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

        public static async Task<MaterialDetails?> LoadAsync(IAdminGraphQLClient client, string id, CancellationToken cancellationToken)
        {
            var response = await client.ExecuteAsync(
                new GraphQLRequest(AdminOperations.Read(Operation), new Dictionary<string, object?> { ["id"] = id }, Operation), cancellationToken);

            // An id that is not a material's (or not an id at all) is a page that does not exist.
            return response.IsSuccess && response.Read<MaterialData>().Node is { TypeName: "LearningMaterial" } material ? material : null;
        }
    }

    public sealed record IntendedKind(string Kind);

    public sealed record Related<T>(int TotalCount, IReadOnlyList<T> Nodes);

    public sealed record Adoption(string Id, DateOnly From, DateOnly? To, Named Cluster);

    public sealed record Named(string Id, string Name);

    public sealed record MeetingRef(string Id, DateOnly Date, double DurationHours, Named Group);

    private sealed record MaterialData(MaterialDetails? Node);
}

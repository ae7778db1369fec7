using System.Text.Json.Serialization;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Groups;

/// <summary>One group: its facts, members (current and former), leader, advisor, latest meetings and themes, and its history.</summary>
public sealed class DetailsModel(IAdminGraphQLClient client, IAuthorizationService authorization) : PageModel
{
    private const string Operation = "AdminGroup";

    public GroupDetails Group { get; private set; } = null!;

    public EntityHistory History { get; private set; } = null!;

    public DateOnly Today { get; } = DateOnly.FromDateTime(DateTime.UtcNow);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await GroupDetails.LoadAsync(client, id, cancellationToken) is not { } group)
        {
            return NotFound();
        }

        Group = group;
        History = await EntityHistory.LoadAsync(client, authorization, User, group.Id, cancellationToken);
        return Page();
    }

    /// <summary>The group as its page and its action forms show it; null for an id that is not a group.</summary>
    public sealed record GroupDetails(
        [property: JsonPropertyName("__typename")] string TypeName,
        string Id,
        string Name,
        string Kind,
        DateOnly FoundedOn,
        DateOnly? DissolvedOn,
        int Version,
        KapUnitRef KapUnit,
        Named? Advisor,
        Members Members,
        Members FormerMembers,
        Meetings Meetings)
    {
        public bool IsDissolved(DateOnly today) => DissolvedOn <= today;

        public Member? Leader => Members.Nodes.FirstOrDefault(m => m.Role == "LEADER");

        /// <summary>The themes the latest meetings treated, each once, by code.</summary>
        public IReadOnlyList<ThemeRef> Themes => Meetings.Nodes.SelectMany(m => m.Themes.Nodes).DistinctBy(t => t.Id).OrderBy(t => t.Code, StringComparer.Ordinal).ToList();

        public static async Task<GroupDetails?> LoadAsync(IAdminGraphQLClient client, string id, CancellationToken cancellationToken)
        {
            var variables = new Dictionary<string, object?> { ["id"] = id, ["today"] = Danish.Date(DateOnly.FromDateTime(DateTime.UtcNow)) };
            var response = await client.ExecuteAsync(new GraphQLRequest(AdminOperations.Read(Operation), variables, Operation), cancellationToken);

            // An id that is not a group's (or not an id at all) is a page that does not exist.
            return response.IsSuccess && response.Read<GroupData>().Node is { TypeName: "DgeGroup" } group ? group : null;
        }
    }

    public sealed record KapUnitRef(string Id, string Code, string Name, Named Region);

    public sealed record Named(string Id, string Name);

    public sealed record Members(int TotalCount, IReadOnlyList<Member> Nodes);

    public sealed record Member(string Id, string Role, DateOnly From, DateOnly? To, int Version, Doctor Doctor);

    public sealed record Doctor(string Id, string FirstName, string LastName, ClinicRef? Clinic)
    {
        public string Name => $"{FirstName} {LastName}";
    }

    public sealed record ClinicRef(string Id, string Name, string Ydernummer);

    public sealed record Meetings(int TotalCount, IReadOnlyList<Meeting> Nodes);

    public sealed record Meeting(string Id, DateOnly Date, double DurationHours, Count Attendees, NodeList<ThemeRef> Themes);

    public sealed record Count(int TotalCount);

    public sealed record ThemeRef(string Id, string Code, string NameDa);

    private sealed record GroupData(GroupDetails? Node);
}

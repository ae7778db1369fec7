using System.Text.Json.Serialization;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Meetings;

/// <summary>One meeting: its group, attendees, themes and materials, each linked, and its history.</summary>
public sealed class DetailsModel(IAdminGraphQLClient client, IAuthorizationService authorization) : PageModel
{
    private const string Operation = "AdminMeeting";

    public MeetingDetails Meeting { get; private set; } = null!;

    public EntityHistory History { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await MeetingDetails.LoadAsync(client, id, cancellationToken) is not { } meeting)
        {
            return NotFound();
        }

        Meeting = meeting;
        History = await EntityHistory.LoadAsync(client, authorization, User, meeting.Id, cancellationToken);
        return Page();
    }

    /// <summary>The meeting as its page and its forms show it; null for an id that is not a meeting.</summary>
    public sealed record MeetingDetails(
        [property: JsonPropertyName("__typename")] string TypeName,
        string Id,
        DateOnly Date,
        double DurationHours,
        int Version,
        GroupRef Group,
        Attendees Attendees,
        NodeList<ThemeRef> Themes,
        NodeList<MaterialRef> Materials)
    {
        /// <summary>"Mødet i Gruppe X den 2025-05-06", as messages name it.</summary>
        public string Title => $"Mødet i {Group.Name} den {Danish.Date(Date)}";

        public static async Task<MeetingDetails?> LoadAsync(IAdminGraphQLClient client, string id, CancellationToken cancellationToken)
        {
            var response = await client.ExecuteAsync(
                new GraphQLRequest(AdminOperations.Read(Operation), new Dictionary<string, object?> { ["id"] = id }, Operation), cancellationToken);

            // An id that is not a meeting's (or not an id at all) is a page that does not exist.
            return response.IsSuccess && response.Read<MeetingData>().Node is { TypeName: "Meeting" } meeting ? meeting : null;
        }
    }

    public sealed record GroupRef(string Id, string Name, DateOnly? DissolvedOn, Named KapUnit);

    public sealed record Named(string Id, string Name);

    public sealed record Attendees(int TotalCount, IReadOnlyList<Doctor> Nodes);

    public sealed record Doctor(string Id, string FirstName, string LastName)
    {
        public string Name => $"{FirstName} {LastName}";
    }

    public sealed record ThemeRef(string Id, string Code, string NameDa);

    public sealed record MaterialRef(string Id, string Title, string Kind);

    private sealed record MeetingData(MeetingDetails? Node);
}

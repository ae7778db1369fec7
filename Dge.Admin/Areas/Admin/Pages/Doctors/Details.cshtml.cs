using System.Text.Json.Serialization;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Doctors;

/// <summary>
/// One doctor: contact data (personal, shown only here and on the edit form), clinics over time, groups over time, whether
/// the doctor is covered today (and nynedsat), group suggestions when not, coordinating roles, meetings attended, history.
/// </summary>
public sealed class DetailsModel(IAdminGraphQLClient client, IAuthorizationService authorization) : PageModel
{
    private const string Operation = "AdminDoctor";

    public DoctorDetails Doctor { get; private set; } = null!;

    public EntityHistory History { get; private set; } = null!;

    public DateOnly Today { get; } = DateOnly.FromDateTime(DateTime.UtcNow);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await DoctorDetails.LoadAsync(client, id, cancellationToken) is not { } doctor)
        {
            return NotFound();
        }

        Doctor = doctor;
        History = await EntityHistory.LoadAsync(client, authorization, User, doctor.Id, cancellationToken);
        return Page();
    }

    public static string SuggestionReason(string reason) => reason switch
    {
        "SHARED_CLUSTER" => "medlemmer fra lægens klynge",
        "SAME_MUNICIPALITY" => "medlemmer fra lægens kommune",
        "KIND_FIT" => "gruppetypen passer",
        _ => reason,
    };

    /// <summary>The doctor as the page and its forms show it; null for an id that is not a doctor's.</summary>
    public sealed record DoctorDetails(
        [property: JsonPropertyName("__typename")] string TypeName,
        string Id,
        string FirstName,
        string LastName,
        string Phase,
        DateOnly? EstablishedOn,
        DateOnly? RetiredOn,
        string? Email,
        string? Phone,
        int Version,
        ClinicRef? Clinic,
        Employments Employments,
        Memberships Memberships,
        Groups Groups,
        IReadOnlyList<Suggestion> GroupSuggestions,
        NodeList<CoordinatorRef> CoordinatorRoles,
        Count MeetingsAttended)
    {
        public string Name => $"{FirstName} {LastName}";

        /// <summary>In a group active today.</summary>
        public bool Covered => Groups.TotalCount > 0;

        /// <summary>A GP established in (today − 24 months, today] (DOMAIN.md).</summary>
        public bool IsNynedsat(DateOnly today) => Phase == "GP" && EstablishedOn is { } established && established > today.AddMonths(-24) && established <= today;

        public IEnumerable<Employment> CurrentEmployments(DateOnly today) => Employments.Nodes.Where(e => e.From <= today && (e.To is null || e.To > today));

        public static async Task<DoctorDetails?> LoadAsync(IAdminGraphQLClient client, string id, CancellationToken cancellationToken)
        {
            var response = await client.ExecuteAsync(new GraphQLRequest(AdminOperations.Read(Operation), new Dictionary<string, object?> { ["id"] = id }, Operation), cancellationToken);

            // An id that is not a doctor's (or not an id at all) is a page that does not exist.
            return response.IsSuccess && response.Read<DoctorData>().Node is { TypeName: "Doctor" } doctor ? doctor : null;
        }
    }

    public sealed record ClinicRef(string Id, string Name, string Ydernummer);

    public sealed record Employments(int TotalCount, IReadOnlyList<Employment> Nodes);

    public sealed record Employment(string Id, DateOnly From, DateOnly? To, int Version, ClinicRef Clinic);

    public sealed record Memberships(int TotalCount, IReadOnlyList<Membership> Nodes);

    public sealed record Membership(string Id, string Role, DateOnly From, DateOnly? To, GroupRef Group);

    public sealed record GroupRef(string Id, string Name, string Kind, DateOnly? DissolvedOn);

    public sealed record Groups(int TotalCount, IReadOnlyList<Named> Nodes);

    public sealed record Named(string Id, string Name);

    public sealed record Suggestion(int Rank, int Members, int FreePlaces, IReadOnlyList<string> Reasons, SuggestedGroup Group);

    public sealed record SuggestedGroup(string Id, string Name, string Kind, KapUnitName KapUnit);

    public sealed record KapUnitName(string Name);

    public sealed record CoordinatorRef(string Id, string Name, string Role, DateOnly From, DateOnly? To);

    public sealed record Count(int TotalCount);

    private sealed record DoctorData(DoctorDetails? Node);
}

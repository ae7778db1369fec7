using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Serialization;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Meetings;

/// <summary>
/// Records a group's meeting (<c>recordMeeting</c>): the day, the hours, who of the members came, and the themes and
/// materials used. The group is chosen first (from its page, or by searching here). Editors.
/// </summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class RecordModel(IAdminGraphQLClient client) : PageModel
{
    private const string ChoicesOperation = "AdminMeetingChoices";

    /// <summary>The group's global id (from the group's page or the group picker).</summary>
    [BindProperty(SupportsGet = true)]
    public string? GroupId { get; set; }

    /// <summary>The text typed in the group picker when the page is used without scripts.</summary>
    [BindProperty(SupportsGet = true)]
    public string? GroupText { get; set; }

    [BindProperty]
    public MeetingInput Input { get; set; } = new();

    public Choices? Options { get; private set; }

    /// <summary>A material beyond the suggested ones, found by its title.</summary>
    public PickerField MaterialPicker => new("material", "Material", "Andet materiale", Input.MaterialText, null, MaterialCandidates, "Søg på titlen; materialet sættes på listen, når du registrerer.");

    /// <summary>The materials the form offers: those already chosen, then the newest in use for the group's kind.</summary>
    public IReadOnlyList<MaterialChoice> Materials { get; private set; } = [];

    private IReadOnlyList<PickerOption> MaterialCandidates { get; set; } = [];

    public PickerField GroupPicker => new("group", "group", "Gruppe", GroupText, null, GroupCandidates, "Skriv gruppens navn.", Prefix: string.Empty);

    private IReadOnlyList<PickerOption> GroupCandidates { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(GroupId))
        {
            if (!string.IsNullOrWhiteSpace(GroupText))
            {
                var group = await PickerSearch.ResolveAsync(client, "group", GroupText, null, cancellationToken);
                if (group.Id is not null)
                {
                    return RedirectToPage(new { groupId = group.Id });
                }

                ModelState.AddModelError("groupText", group.Error!);
                GroupCandidates = group.Candidates;
            }

            return Page();
        }

        Input = new MeetingInput { Date = DateOnly.FromDateTime(DateTime.UtcNow), DurationHours = 3 };
        Options = await LoadChoicesAsync(GroupId, Input.Date.Value, cancellationToken);
        if (Options is null)
        {
            return NotFound();
        }

        // Most members come: all are ticked, and the absent are unticked.
        Input.AttendeeIds = Options.Group.Members.Nodes.Select(m => m.Doctor.Id).ToList();
        await LoadMaterialsAsync(Input.Date.Value, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(GroupId))
        {
            return RedirectToPage();
        }

        Options = await LoadChoicesAsync(GroupId, Input.Date ?? DateOnly.FromDateTime(DateTime.UtcNow), cancellationToken);
        if (Options is null)
        {
            return NotFound();
        }

        if (!string.IsNullOrWhiteSpace(Input.MaterialText) || !string.IsNullOrWhiteSpace(Input.MaterialId))
        {
            var material = await PickerSearch.ResolveAsync(client, "material", Input.MaterialText, Input.MaterialId, cancellationToken);
            if (material.Id is { } materialId)
            {
                Input.MaterialIds = [.. Input.MaterialIds.Append(materialId).Distinct(StringComparer.Ordinal)];
            }
            else
            {
                ModelState.AddModelError("Input.MaterialText", material.Error!);
                MaterialCandidates = material.Candidates;
            }
        }

        if (!ModelState.IsValid)
        {
            await LoadMaterialsAsync(Input.Date ?? DateOnly.FromDateTime(DateTime.UtcNow), cancellationToken);
            return Page();
        }

        var outcome = await client.MutateAsync<RecordedMeeting>(
            "AdminRecordMeeting",
            new
            {
                groupId = Options.Group.Id,
                date = Danish.Date(Input.Date),
                durationHours = Input.DurationHours,
                attendeeIds = Input.AttendeeIds,
                themeIds = Input.ThemeIds,
                materialIds = Input.MaterialIds,
            },
            cancellationToken);
        if (!outcome.Succeeded)
        {
            ModelState.AddPayloadErrors(outcome.Errors);
            await LoadMaterialsAsync(Input.Date ?? DateOnly.FromDateTime(DateTime.UtcNow), cancellationToken);
            return Page();
        }

        var attendees = outcome.Result?.Attendees.TotalCount ?? Input.AttendeeIds.Count;
        TempData.Succeeded($"Mødet i {Options.Group.Name} den {Danish.Date(Input.Date)} er registreret med {attendees} deltagere.", outcome.Warnings);
        return Redirect($"/admin/groups/{Uri.EscapeDataString(Options.Group.Id)}");
    }

    private async Task LoadMaterialsAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, object?> { ["kind"] = Options!.Group.Kind, ["date"] = Danish.Date(date), ["chosen"] = Input.MaterialIds };
        var response = await client.ExecuteAsync(new GraphQLRequest(AdminOperations.Read("AdminMeetingMaterials"), variables, "AdminMeetingMaterials"), cancellationToken);
        if (response.IsSuccess && response.Read<MaterialsData>() is { } materials)
        {
            Materials = materials.Chosen.Nodes.Concat(materials.Suggested.Nodes).DistinctBy(m => m.Id).ToList();
        }
    }

    /// <summary>The group with its members on the day, the themes, and the materials in use that day; null when the id is not a group's.</summary>
    private async Task<Choices?> LoadChoicesAsync(string groupId, DateOnly date, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, object?> { ["groupId"] = groupId, ["date"] = Danish.Date(date) };
        var response = await client.ExecuteAsync(new GraphQLRequest(AdminOperations.Read(ChoicesOperation), variables, ChoicesOperation), cancellationToken);
        return response.IsSuccess && response.Read<Choices>() is { Node: { TypeName: "DgeGroup" } } choices ? choices : null;
    }

    public sealed class MeetingInput
    {
        [Required(ErrorMessage = "Skriv mødets dato.")]
        [Display(Name = "Dato")]
        public DateOnly? Date { get; set; }

        [Range(0.5, 12, ErrorMessage = "Varigheden skal være mellem 0,5 og 12 timer.")]
        [Display(Name = "Varighed (timer)")]
        public double DurationHours { get; set; } = 3;

        public List<string> AttendeeIds { get; set; } = [];

        public List<string> ThemeIds { get; set; } = [];

        public List<string> MaterialIds { get; set; } = [];

        [StringLength(200)]
        public string? MaterialText { get; set; }

        public string? MaterialId { get; set; }

        /// <summary>The duration as the number field shows it (a point, whatever the culture).</summary>
        public string DurationText => DurationHours.ToString("0.##", CultureInfo.InvariantCulture);
    }

    private sealed record MaterialsData(NodeList<MaterialChoice> Suggested, NodeList<MaterialChoice> Chosen);

    public sealed record Choices(GroupChoice Node, NodeList<ThemeChoice> Themes)
    {
        public GroupChoice Group => Node;
    }

    public sealed record GroupChoice([property: JsonPropertyName("__typename")] string TypeName, string Id, string Name, string Kind, DateOnly? DissolvedOn, NodeList<MemberChoice> Members);

    public sealed record MemberChoice(DoctorChoice Doctor);

    public sealed record DoctorChoice(string Id, string FirstName, string LastName);

    public sealed record ThemeChoice(string Id, string Code, string NameDa);

    public sealed record MaterialChoice(string Id, string Title, string Kind);

    public sealed record RecordedMeeting(string Id, DetailsCount Attendees);

    public sealed record DetailsCount(int TotalCount);
}

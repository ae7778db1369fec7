using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Meetings;

/// <summary>
/// Changes a meeting's day, hours, attendees, themes and materials (<c>updateMeeting</c>), against the version the form was
/// opened on. The group stays: a meeting recorded in the wrong group is deleted and recorded again. Editors.
/// </summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class EditModel(IAdminGraphQLClient client) : PageModel
{
    private const string ChoicesOperation = "AdminMeetingEditChoices";

    [BindProperty]
    public MeetingInput Input { get; set; } = new();

    public DetailsModel.MeetingDetails Meeting { get; private set; } = null!;

    /// <summary>The members on the meeting's day and those recorded as attending, each once, by name.</summary>
    public IReadOnlyList<Option> Attendees { get; private set; } = [];

    public IReadOnlyList<Option> Themes { get; private set; } = [];

    /// <summary>The materials in use on the day and those the meeting already used (a retired one stays choosable).</summary>
    public IReadOnlyList<Option> Materials { get; private set; } = [];

    public Conflict? Conflict { get; private set; }

    public string MeetingUrl => $"/admin/meetings/{Uri.EscapeDataString(Meeting.Id)}";

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.MeetingDetails.LoadAsync(client, id, cancellationToken) is not { } meeting)
        {
            return NotFound();
        }

        Meeting = meeting;
        Input = new MeetingInput
        {
            Date = meeting.Date,
            DurationHours = meeting.DurationHours,
            AttendeeIds = meeting.Attendees.Nodes.Select(d => d.Id).ToList(),
            ThemeIds = meeting.Themes.Nodes.Select(t => t.Id).ToList(),
            MaterialIds = meeting.Materials.Nodes.Select(m => m.Id).ToList(),
            ExpectedVersion = meeting.Version,
        };
        await LoadChoicesAsync(meeting.Date, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.MeetingDetails.LoadAsync(client, id, cancellationToken) is not { } meeting)
        {
            return NotFound();
        }

        Meeting = meeting;
        await LoadChoicesAsync(Input.Date ?? meeting.Date, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await client.MutateAsync<object>(
            "AdminUpdateMeeting",
            new
            {
                id = meeting.Id,
                expectedVersion = Input.ExpectedVersion,
                date = Danish.Date(Input.Date),
                durationHours = Input.DurationHours,
                attendeeIds = Input.AttendeeIds,
                themeIds = Input.ThemeIds,
                materialIds = Input.MaterialIds,
            },
            cancellationToken);
        if (outcome.Succeeded)
        {
            TempData.Succeeded($"Mødet i {meeting.Group.Name} den {Danish.Date(Input.Date)} er gemt.", outcome.Warnings);
            return Redirect(MeetingUrl);
        }

        if (outcome.Conflict is not null)
        {
            // The meeting as saved now (read after the refusal): the differences, and its version for a knowing overwrite.
            Conflict = new Conflict(
                "Mødet er ændret af en anden, mens du redigerede. Intet er gemt.",
                Conflict.Compare(
                    ("Dato", Danish.Date(Input.Date), Danish.Date(meeting.Date)),
                    ("Varighed (timer)", Danish.Decimal(Input.DurationHours, "0.##"), Danish.Decimal(meeting.DurationHours, "0.##")),
                    ("Deltagere", Names(Attendees, Input.AttendeeIds), Names(Attendees, meeting.Attendees.Nodes.Select(d => d.Id))),
                    ("Emner", Names(Themes, Input.ThemeIds), Names(Themes, meeting.Themes.Nodes.Select(t => t.Id))),
                    ("Materialer", Names(Materials, Input.MaterialIds), Names(Materials, meeting.Materials.Nodes.Select(m => m.Id)))),
                $"{MeetingUrl}/edit");
            ModelState.Remove("Input.ExpectedVersion");
            Input.ExpectedVersion = meeting.Version;
            return Page();
        }

        ModelState.AddPayloadErrors(outcome.Errors);
        return Page();
    }

    private static string Names(IReadOnlyList<Option> options, IEnumerable<string> ids)
    {
        var chosen = ids.ToHashSet(StringComparer.Ordinal);
        return string.Join(", ", options.Where(o => chosen.Contains(o.Id)).Select(o => o.Label));
    }

    private async Task LoadChoicesAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, object?> { ["groupId"] = Meeting.Group.Id, ["date"] = Danish.Date(date) };
        var response = await client.ExecuteAsync(new GraphQLRequest(AdminOperations.Read(ChoicesOperation), variables, ChoicesOperation), cancellationToken);
        var choices = response.IsSuccess ? response.Read<Choices>() : new Choices(null, new([]), new([]));
        Attendees = (choices.Node?.Members.Nodes.Select(m => m.Doctor) ?? [])
            .Concat(Meeting.Attendees.Nodes.Select(d => new DoctorChoice(d.Id, d.FirstName, d.LastName)))
            .DistinctBy(d => d.Id)
            .OrderBy(d => d.LastName, StringComparer.Ordinal).ThenBy(d => d.FirstName, StringComparer.Ordinal)
            .Select(d => new Option(d.Id, $"{d.FirstName} {d.LastName}", null))
            .ToList();
        Themes = choices.Themes.Nodes.Select(t => new Option(t.Id, t.NameDa, t.Code))
            .Concat(Meeting.Themes.Nodes.Select(t => new Option(t.Id, t.NameDa, t.Code)))
            .DistinctBy(t => t.Id)
            .ToList();
        Materials = Meeting.Materials.Nodes.Select(m => new Option(m.Id, m.Title, Labels.MaterialKinds.Of(m.Kind)))
            .Concat(choices.LearningMaterials.Nodes.Select(m => new Option(m.Id, m.Title, Labels.MaterialKinds.Of(m.Kind))))
            .DistinctBy(m => m.Id)
            .OrderBy(m => m.Label, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A box to tick: the entity's id, its name and a note after it (a theme's code, a material's kind).</summary>
    public sealed record Option(string Id, string Label, string? Note);

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

        public int ExpectedVersion { get; set; }

        /// <summary>The duration as the number field shows it (a point, whatever the culture).</summary>
        public string DurationText => DurationHours.ToString("0.##", CultureInfo.InvariantCulture);
    }

    private sealed record Choices(GroupChoice? Node, NodeList<ThemeChoice> Themes, NodeList<MaterialChoice> LearningMaterials);

    private sealed record GroupChoice(NodeList<MemberChoice> Members);

    private sealed record MemberChoice(DoctorChoice Doctor);

    private sealed record DoctorChoice(string Id, string FirstName, string LastName);

    private sealed record ThemeChoice(string Id, string Code, string NameDa);

    private sealed record MaterialChoice(string Id, string Title, string Kind);
}

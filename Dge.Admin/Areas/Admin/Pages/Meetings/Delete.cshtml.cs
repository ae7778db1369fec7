using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Meetings;

/// <summary>Deletes a meeting recorded by mistake, with its themes, materials and attendances (<c>deleteMeeting</c>), after a confirmation. Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class DeleteModel(IAdminGraphQLClient client) : PageModel
{
    [BindProperty]
    public DeleteInput Input { get; set; } = new();

    public DetailsModel.MeetingDetails Meeting { get; private set; } = null!;

    public string MeetingUrl => $"/admin/meetings/{Uri.EscapeDataString(Meeting.Id)}";

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.MeetingDetails.LoadAsync(client, id, cancellationToken) is not { } meeting)
        {
            return NotFound();
        }

        Meeting = meeting;
        Input = new DeleteInput { ExpectedVersion = meeting.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.MeetingDetails.LoadAsync(client, id, cancellationToken) is not { } meeting)
        {
            return NotFound();
        }

        Meeting = meeting;
        if (!Input.Confirmed)
        {
            ModelState.AddModelError("Input.Confirmed", "Bekræft, at mødet skal slettes.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await client.MutateAsync<object>("AdminDeleteMeeting", new { id = meeting.Id, expectedVersion = Input.ExpectedVersion }, cancellationToken);
        if (outcome.Succeeded)
        {
            TempData.Succeeded($"{meeting.Title} er slettet.", outcome.Warnings);
            return Redirect($"/admin/meetings?group={Uri.EscapeDataString(meeting.Group.Id)}");
        }

        if (outcome.Conflict is not null)
        {
            // Someone changed the meeting meanwhile: the page shows it as saved now, and deleting again is done knowingly.
            ModelState.AddModelError(string.Empty, "Mødet er ændret af en anden, mens du så på det, og intet er slettet. Siden viser nu mødet, som det er gemt; se det efter, og bekræft igen.");
            ModelState.Remove("Input.ExpectedVersion");
            Input.ExpectedVersion = meeting.Version;
            return Page();
        }

        ModelState.AddPayloadErrors(outcome.Errors);
        return Page();
    }

    public sealed class DeleteInput
    {
        public bool Confirmed { get; set; }

        public int ExpectedVersion { get; set; }
    }
}

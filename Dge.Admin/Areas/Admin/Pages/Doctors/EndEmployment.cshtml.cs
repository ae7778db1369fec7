using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Doctors;

/// <summary>Ends one of the doctor's employments from a day (<c>endEmployment</c>), against the version the form was opened on. Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class EndEmploymentModel(IAdminGraphQLClient client) : PageModel
{
    [BindProperty]
    public EndInput Input { get; set; } = new();

    public DetailsModel.DoctorDetails Doctor { get; private set; } = null!;

    public DetailsModel.Employment Employment { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, string employmentId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, employmentId, cancellationToken))
        {
            return NotFound();
        }

        Input = new EndInput { To = DateOnly.FromDateTime(DateTime.UtcNow), ExpectedVersion = Employment.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string employmentId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, employmentId, cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await client.MutateAsync<object>(
            "AdminEndEmployment", new { id = Employment.Id, expectedVersion = Input.ExpectedVersion, to = Danish.Date(Input.To) }, cancellationToken);
        if (outcome.Succeeded)
        {
            TempData.Succeeded($"{Doctor.Name}s ansættelse i {Employment.Clinic.Name} slutter {Danish.Date(Input.To)}.", outcome.Warnings);
            return RedirectToPage("Details", new { id = Doctor.Id });
        }

        if (outcome.Conflict is not null)
        {
            ModelState.AddModelError(string.Empty, "Ansættelsen er ændret af en anden, mens du udfyldte formularen, og intet er gemt. Siden viser nu den gemte tilstand; se den efter, og send igen.");
            ModelState.Remove("Input.ExpectedVersion");
            Input.ExpectedVersion = Employment.Version;
            return Page();
        }

        ModelState.AddPayloadErrors(outcome.Errors);
        return Page();
    }

    /// <summary>The doctor and the employment named in the route; false when either is unknown or they do not belong together.</summary>
    private async Task<bool> LoadAsync(string id, string employmentId, CancellationToken cancellationToken)
    {
        if (await DetailsModel.DoctorDetails.LoadAsync(client, id, cancellationToken) is not { } doctor
            || doctor.Employments.Nodes.FirstOrDefault(e => e.Id == employmentId) is not { } employment)
        {
            return false;
        }

        Doctor = doctor;
        Employment = employment;
        return true;
    }

    public sealed class EndInput
    {
        [Required(ErrorMessage = "Skriv den første dag uden ansættelse.")]
        [Display(Name = "Første dag uden ansættelse")]
        public DateOnly? To { get; set; }

        public int ExpectedVersion { get; set; }
    }
}

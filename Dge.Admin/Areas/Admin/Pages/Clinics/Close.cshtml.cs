using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Clinics;

/// <summary>Closes the clinic from a day (<c>closeClinic</c>), against the version the form was opened on. Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class CloseModel(IAdminGraphQLClient client) : PageModel
{
    [BindProperty]
    public CloseInput Input { get; set; } = new();

    public DetailsModel.ClinicDetails Clinic { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.ClinicDetails.LoadAsync(client, id, cancellationToken) is not { } clinic)
        {
            return NotFound();
        }

        Clinic = clinic;
        Input = new CloseInput { ClosedOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1), ExpectedVersion = clinic.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.ClinicDetails.LoadAsync(client, id, cancellationToken) is not { } clinic)
        {
            return NotFound();
        }

        Clinic = clinic;
        if (!Input.Confirmed)
        {
            ModelState.AddModelError("Input.Confirmed", "Bekræft, at klinikken skal lukkes.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await client.MutateAsync<object>(
            "AdminCloseClinic", new { id = clinic.Id, expectedVersion = Input.ExpectedVersion, closedOn = Danish.Date(Input.ClosedOn) }, cancellationToken);
        if (outcome.Succeeded)
        {
            TempData.Succeeded($"Klinikken {clinic.Name} er lukket fra {Danish.Date(Input.ClosedOn)}.", outcome.Warnings);
            return RedirectToPage("Details", new { id = clinic.Id });
        }

        if (outcome.Conflict is not null)
        {
            ModelState.AddModelError(string.Empty, "Klinikken er ændret af en anden, mens du udfyldte formularen, og intet er gemt. Siden viser nu den gemte tilstand; se den efter, og send igen.");
            ModelState.Remove("Input.ExpectedVersion");
            Input.ExpectedVersion = clinic.Version;
            return Page();
        }

        ModelState.AddPayloadErrors(outcome.Errors);
        return Page();
    }

    public sealed class CloseInput
    {
        [Required(ErrorMessage = "Skriv den første dag, klinikken er lukket.")]
        [Display(Name = "Lukket fra (første dag uden klinik)")]
        public DateOnly? ClosedOn { get; set; }

        [Display(Name = "Ja, klinikken skal lukkes")]
        public bool Confirmed { get; set; }

        public int ExpectedVersion { get; set; }
    }
}

using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Doctors;

/// <summary>A new doctor (<c>createDoctor</c>); the clinic is added on the doctor's page afterwards. Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class CreateModel(IAdminGraphQLClient client) : PageModel
{
    [BindProperty]
    public DoctorInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        foreach (var (field, message) in Input.Check())
        {
            ModelState.AddModelError(field, message);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await client.MutateAsync<CreatedDoctor>(
            "AdminCreateDoctor",
            new
            {
                firstName = Input.FirstName.Trim(),
                lastName = Input.LastName.Trim(),
                phase = Input.Phase,
                establishedOn = Input.EstablishedOn is null ? null : Danish.Date(Input.EstablishedOn),
                retiredOn = Input.RetiredOn is null ? null : Danish.Date(Input.RetiredOn),
                email = Input.Email.Trim(),
                phone = Input.PhoneDigits,
            },
            cancellationToken);
        if (outcome is { Succeeded: true, Result: { } created })
        {
            TempData.Succeeded($"Lægen {created.FirstName} {created.LastName} er oprettet. Tilføj nu en ansættelse i en klinik.", outcome.Warnings);
            return RedirectToPage("Details", new { id = created.Id });
        }

        ModelState.AddPayloadErrors(outcome.Errors);
        return Page();
    }

    public sealed record CreatedDoctor(string Id, string FirstName, string LastName);
}

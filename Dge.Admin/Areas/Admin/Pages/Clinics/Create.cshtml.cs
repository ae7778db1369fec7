using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Clinics;

/// <summary>A new clinic in a municipality (<c>createClinic</c>); its cluster is chosen on its page afterwards. Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class CreateModel(IAdminGraphQLClient client) : PageModel
{
    [BindProperty]
    public ClinicInput Input { get; set; } = new();

    public IReadOnlyList<MunicipalityChoice> Municipalities { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Municipalities = await MunicipalityChoice.LoadAsync(client, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        foreach (var (field, message) in Input.Check())
        {
            ModelState.AddModelError(field, message);
        }

        if (ModelState.IsValid)
        {
            var outcome = await client.MutateAsync<CreatedClinic>(
                "AdminCreateClinic",
                new { name = Input.Name.Trim(), ydernummer = Input.Ydernummer.Trim(), address = Input.Address.Trim(), municipalityId = Input.MunicipalityId, type = Input.Type, isTutorPractice = Input.IsTutorPractice },
                cancellationToken);
            if (outcome is { Succeeded: true, Result: { } created })
            {
                TempData.Succeeded($"Klinikken {created.Name} er oprettet. Vælg nu dens klynge.", outcome.Warnings);
                return RedirectToPage("Details", new { id = created.Id });
            }

            ModelState.AddPayloadErrors(outcome.Errors);
        }

        Municipalities = await MunicipalityChoice.LoadAsync(client, cancellationToken);
        return Page();
    }

    public sealed record CreatedClinic(string Id, string Name);
}

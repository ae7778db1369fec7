using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Materials;

/// <summary>Withdraws a learning material from a day on (<c>retireLearningMaterial</c>); meetings that used it keep it. Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class RetireModel(IAdminGraphQLClient client) : PageModel
{
    [BindProperty]
    public RetireInput Input { get; set; } = new();

    public DetailsModel.MaterialDetails Material { get; private set; } = null!;

    public string MaterialUrl => $"/admin/materials/{Uri.EscapeDataString(Material.Id)}";

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.MaterialDetails.LoadAsync(client, id, cancellationToken) is not { } material)
        {
            return NotFound();
        }

        Material = material;
        Input = new RetireInput { RetiredOn = DateOnly.FromDateTime(DateTime.UtcNow), ExpectedVersion = material.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.MaterialDetails.LoadAsync(client, id, cancellationToken) is not { } material)
        {
            return NotFound();
        }

        Material = material;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await client.MutateAsync<object>(
            "AdminRetireMaterial", new { id = material.Id, expectedVersion = Input.ExpectedVersion, retiredOn = Danish.Date(Input.RetiredOn) }, cancellationToken);
        if (outcome.Succeeded)
        {
            TempData.Succeeded($"Materialet {material.Title} er udfaset fra {Danish.Date(Input.RetiredOn)}.", outcome.Warnings);
            return Redirect(MaterialUrl);
        }

        if (outcome.Conflict is not null)
        {
            // Someone changed the material meanwhile: the page shows it as saved now, and the next try is made knowingly.
            ModelState.AddModelError(string.Empty, "Materialet er ændret af en anden, mens du udfyldte formularen, og intet er gemt. Siden viser nu den gemte tilstand; se den efter, og send igen.");
            ModelState.Remove("Input.ExpectedVersion");
            Input.ExpectedVersion = material.Version;
            return Page();
        }

        ModelState.AddPayloadErrors(outcome.Errors);
        return Page();
    }

    public sealed class RetireInput
    {
        [Required(ErrorMessage = "Skriv den første dag, materialet ikke længere er i brug.")]
        [Display(Name = "Udgået fra (første dag uden materialet)")]
        public DateOnly? RetiredOn { get; set; }

        public int ExpectedVersion { get; set; }
    }
}

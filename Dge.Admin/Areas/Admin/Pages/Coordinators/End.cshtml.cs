using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Coordinators;

/// <summary>Ends the coordinator's role from a day (<c>endCoordinator</c>), against the version the form was opened on. Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class EndModel(IAdminGraphQLClient client) : PageModel
{
    [BindProperty]
    public EndInput Input { get; set; } = new();

    public DetailsModel.CoordinatorDetails Coordinator { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.CoordinatorDetails.LoadAsync(client, id, cancellationToken) is not { } coordinator)
        {
            return NotFound();
        }

        Coordinator = coordinator;
        Input = new EndInput { To = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1), ExpectedVersion = coordinator.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.CoordinatorDetails.LoadAsync(client, id, cancellationToken) is not { } coordinator)
        {
            return NotFound();
        }

        Coordinator = coordinator;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await client.MutateAsync<object>(
            "AdminEndCoordinator", new { id = coordinator.Id, expectedVersion = Input.ExpectedVersion, to = Danish.Date(Input.To) }, cancellationToken);
        if (outcome.Succeeded)
        {
            TempData.Succeeded($"{coordinator.Name}s rolle som {Labels.CoordinatorRoles.Of(coordinator.Role).ToLowerInvariant()} slutter {Danish.Date(Input.To)}.", outcome.Warnings);
            return RedirectToPage("Details", new { id = coordinator.Id });
        }

        if (outcome.Conflict is not null)
        {
            ModelState.AddModelError(string.Empty, "Koordinatoren er ændret af en anden, mens du udfyldte formularen, og intet er gemt. Siden viser nu den gemte tilstand; se den efter, og send igen.");
            ModelState.Remove("Input.ExpectedVersion");
            Input.ExpectedVersion = coordinator.Version;
            return Page();
        }

        ModelState.AddPayloadErrors(outcome.Errors);
        return Page();
    }

    public sealed class EndInput
    {
        [Required(ErrorMessage = "Skriv den første dag uden rollen.")]
        [Display(Name = "Første dag uden rollen")]
        public DateOnly? To { get; set; }

        public int ExpectedVersion { get; set; }
    }
}

using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Coordinators;

/// <summary>Changes a coordinator's name, e-mail and weekly hours (<c>updateCoordinator</c>), against the version the form was opened on. Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class EditModel(IAdminGraphQLClient client) : PageModel
{
    [BindProperty]
    public EditInput Input { get; set; } = new();

    public DetailsModel.CoordinatorDetails Coordinator { get; private set; } = null!;

    public Conflict? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.CoordinatorDetails.LoadAsync(client, id, cancellationToken) is not { } coordinator)
        {
            return NotFound();
        }

        Coordinator = coordinator;
        Input = new EditInput { Name = coordinator.Name, Email = coordinator.Email ?? string.Empty, WeeklyHours = coordinator.WeeklyHours, ExpectedVersion = coordinator.Version };
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
            "AdminUpdateCoordinator",
            new { id = coordinator.Id, expectedVersion = Input.ExpectedVersion, name = Input.Name.Trim(), email = Input.Email.Trim(), weeklyHours = Input.WeeklyHours },
            cancellationToken);
        if (outcome.Succeeded)
        {
            TempData.Succeeded($"Koordinatoren {Input.Name.Trim()} er gemt.", outcome.Warnings);
            return RedirectToPage("Details", new { id = coordinator.Id });
        }

        if (outcome.Conflict is not null)
        {
            // The coordinator as saved now (read after the refusal): the differences, and its version for a knowing overwrite.
            Conflict = new Conflict(
                "Koordinatoren er ændret af en anden, mens du redigerede. Intet er gemt.",
                Conflict.Compare(
                    ("Navn", Input.Name, coordinator.Name),
                    ("E-mail", Input.Email, coordinator.Email),
                    ("Timer pr. uge", Input.WeeklyHours is { } hours ? Danish.Decimal(hours) : null, Danish.Decimal(coordinator.WeeklyHours))),
                $"/admin/coordinators/{Uri.EscapeDataString(coordinator.Id)}/edit");
            ModelState.Remove("Input.ExpectedVersion");
            Input.ExpectedVersion = coordinator.Version;
            return Page();
        }

        ModelState.AddPayloadErrors(outcome.Errors);
        return Page();
    }

    public sealed class EditInput
    {
        [Required(ErrorMessage = "Skriv navnet.")]
        [StringLength(200, ErrorMessage = "Navnet må højst have 200 tegn.")]
        [Display(Name = "Navn")]
        public string Name { get; set; } = string.Empty;

        [Required(ErrorMessage = "Skriv e-mailadressen.")]
        [EmailAddress(ErrorMessage = "Skriv en gyldig e-mailadresse.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Skriv timer pr. uge.")]
        [Range(0.1, 60, ErrorMessage = "Timer pr. uge skal være over 0 og højst 60.")]
        [Display(Name = "Timer pr. uge")]
        public double? WeeklyHours { get; set; }

        public int ExpectedVersion { get; set; }
    }
}

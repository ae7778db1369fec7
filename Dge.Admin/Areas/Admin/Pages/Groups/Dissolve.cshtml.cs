using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Dge.Admin.Areas.Admin.Pages.Groups;

/// <summary>Dissolves the group from a day (<c>dissolveGroup</c>): its memberships end then. Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class DissolveModel(IAdminGraphQLClient client) : GroupActionModel(client)
{
    [BindProperty]
    public DissolveInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadGroupAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new DissolveInput { DissolvedOn = DateOnly.FromDateTime(DateTime.UtcNow), ExpectedVersion = Group.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadGroupAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!Input.Confirmed)
        {
            ModelState.AddModelError("Input.Confirmed", "Bekræft, at gruppen skal opløses.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await Client.MutateAsync<object>(
            "AdminDissolveGroup", new { id = Group.Id, expectedVersion = Input.ExpectedVersion, dissolvedOn = Danish.Date(Input.DissolvedOn) }, cancellationToken);
        if (outcome.Succeeded)
        {
            return Done($"{Group.Name} er opløst fra {Danish.Date(Input.DissolvedOn)}.", outcome.Warnings);
        }

        ShowRefusal(outcome, "Input.ExpectedVersion", Group.Version);
        return Page();
    }

    protected override void SetVersion(int version) => Input.ExpectedVersion = version;

    public sealed class DissolveInput
    {
        [Required(ErrorMessage = "Skriv dagen, gruppen ophører.")]
        [Display(Name = "Opløst fra (første dag uden gruppen)")]
        public DateOnly? DissolvedOn { get; set; }

        [Display(Name = "Ja, opløs gruppen")]
        public bool Confirmed { get; set; }

        public int ExpectedVersion { get; set; }
    }
}

using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Groups;

/// <summary>A new group in a KAP unit (<c>createGroup</c>); its members and leader are added on its page afterwards. Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class CreateModel(IAdminGraphQLClient client) : PageModel
{
    [BindProperty]
    public GroupInput Input { get; set; } = new();

    public IReadOnlyList<KapUnitChoice> KapUnits { get; private set; } = [];

    public IReadOnlyList<AdvisorChoice> Advisors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = new GroupInput { FoundedOn = DateOnly.FromDateTime(DateTime.UtcNow) };
        await LoadChoicesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Labels.GroupKinds.Offers(Input.Kind))
        {
            ModelState.AddModelError("Input.Kind", "Vælg en gruppetype.");
        }

        if (ModelState.IsValid)
        {
            var outcome = await client.MutateAsync<CreatedGroup>(
                "AdminCreateGroup",
                new
                {
                    name = Input.Name.Trim(),
                    kind = Input.Kind,
                    kapUnitId = Input.KapUnitId,
                    foundedOn = Danish.Date(Input.FoundedOn),
                    advisorId = string.IsNullOrEmpty(Input.AdvisorId) ? null : Input.AdvisorId,
                },
                cancellationToken);
            if (outcome is { Succeeded: true, Result: { } created })
            {
                TempData.Succeeded($"Gruppen {created.Name} er oprettet. Tilføj nu medlemmer og en gruppeleder.", outcome.Warnings);
                return RedirectToPage("Details", new { id = created.Id });
            }

            ModelState.AddPayloadErrors(outcome.Errors);
        }

        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        KapUnits = await KapUnitChoice.LoadAsync(client, cancellationToken);
        Advisors = await AdvisorChoice.LoadAsync(client, cancellationToken);
    }

    public sealed class GroupInput
    {
        [Required(ErrorMessage = "Skriv gruppens navn.")]
        [StringLength(200, ErrorMessage = "Navnet må højst have 200 tegn.")]
        [Display(Name = "Navn")]
        public string Name { get; set; } = string.Empty;

        [Display(Name = "Type")]
        public string Kind { get; set; } = "DGE";

        [Required(ErrorMessage = "Vælg KAP-enheden.")]
        [Display(Name = "KAP-enhed")]
        public string? KapUnitId { get; set; }

        [Required(ErrorMessage = "Skriv stiftelsesdagen.")]
        [Display(Name = "Stiftet")]
        public DateOnly? FoundedOn { get; set; }

        [Display(Name = "Vejleder (valgfri)")]
        public string? AdvisorId { get; set; }
    }

    public sealed record CreatedGroup(string Id, string Name);
}

using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Groups;

/// <summary>Changes a group's name, kind and founding day (<c>updateGroup</c>), against the version the form was opened on. Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class EditModel(IAdminGraphQLClient client) : PageModel
{
    [BindProperty]
    public GroupInput Input { get; set; } = new();

    public DetailsModel.GroupDetails Group { get; private set; } = null!;

    public Conflict? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.GroupDetails.LoadAsync(client, id, cancellationToken) is not { } group)
        {
            return NotFound();
        }

        Group = group;
        Input = new GroupInput { Name = group.Name, Kind = group.Kind, FoundedOn = group.FoundedOn, ExpectedVersion = group.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.GroupDetails.LoadAsync(client, id, cancellationToken) is not { } group)
        {
            return NotFound();
        }

        Group = group;
        if (!Labels.GroupKinds.Offers(Input.Kind))
        {
            ModelState.AddModelError("Input.Kind", "Vælg en gruppetype.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await client.MutateAsync<object>(
            "AdminUpdateGroup",
            new { id = group.Id, expectedVersion = Input.ExpectedVersion, name = Input.Name.Trim(), kind = Input.Kind, foundedOn = Danish.Date(Input.FoundedOn) },
            cancellationToken);
        if (outcome.Succeeded)
        {
            TempData.Succeeded($"Gruppen {Input.Name.Trim()} er gemt.", outcome.Warnings);
            return RedirectToPage("Details", new { id = group.Id });
        }

        if (outcome.Conflict is not null)
        {
            // The group as saved now (read after the refusal): the differences, and its version for a knowing overwrite.
            Conflict = new Conflict(
                "Gruppen er ændret af en anden, mens du redigerede. Intet er gemt.",
                Conflict.Compare(
                    ("Navn", Input.Name, group.Name),
                    ("Type", Labels.GroupKinds.Of(Input.Kind), Labels.GroupKinds.Of(group.Kind)),
                    ("Stiftet", Danish.Date(Input.FoundedOn), Danish.Date(group.FoundedOn))),
                $"/admin/groups/{Uri.EscapeDataString(group.Id)}/edit");
            ModelState.Remove("Input.ExpectedVersion");
            Input.ExpectedVersion = group.Version;
            return Page();
        }

        ModelState.AddPayloadErrors(outcome.Errors);
        return Page();
    }

    public sealed class GroupInput
    {
        [Required(ErrorMessage = "Skriv gruppens navn.")]
        [StringLength(200, ErrorMessage = "Navnet må højst have 200 tegn.")]
        [Display(Name = "Navn")]
        public string Name { get; set; } = string.Empty;

        [Display(Name = "Type")]
        public string Kind { get; set; } = "DGE";

        [Required(ErrorMessage = "Skriv stiftelsesdagen.")]
        [Display(Name = "Stiftet")]
        public DateOnly? FoundedOn { get; set; }

        public int ExpectedVersion { get; set; }
    }
}

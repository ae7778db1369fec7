using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Materials;

/// <summary>A new learning material (<c>createLearningMaterial</c>) with its themes and intended group kinds. Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class CreateModel(IAdminGraphQLClient client) : PageModel
{
    [BindProperty]
    public MaterialInput Input { get; set; } = new();

    public IReadOnlyList<ThemeChoice> Themes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = new MaterialInput { PublishedOn = DateOnly.FromDateTime(DateTime.UtcNow) };
        Themes = await ThemeChoice.LoadAsync(client, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        MaterialChoices.Check(ModelState, Input);
        if (ModelState.IsValid)
        {
            var outcome = await client.MutateAsync<CreatedMaterial>("AdminCreateMaterial", Input.ToApi(), cancellationToken);
            if (outcome is { Succeeded: true, Result: { } created })
            {
                TempData.Succeeded($"Materialet {created.Title} er oprettet.", outcome.Warnings);
                return RedirectToPage("Details", new { id = created.Id });
            }

            ModelState.AddPayloadErrors(outcome.Errors);
        }

        Themes = await ThemeChoice.LoadAsync(client, cancellationToken);
        return Page();
    }

    public sealed record CreatedMaterial(string Id, string Title);
}

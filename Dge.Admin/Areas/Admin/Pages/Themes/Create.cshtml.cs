using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Themes;

/// <summary>A new theme (<c>createTheme</c>). Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class CreateModel(IAdminGraphQLClient client) : PageModel
{
    [BindProperty]
    public ThemeInput Input { get; set; } = new();

    public IReadOnlyList<string> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Categories = await ThemeCategories.LoadAsync(client, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await client.MutateAsync<CreatedTheme>(
                "AdminCreateTheme",
                new { code = Input.Code.Trim(), nameDa = Input.NameDa.Trim(), nameEn = Input.NameEn.Trim(), category = Input.Category.Trim() },
                cancellationToken);
            if (outcome is { Succeeded: true, Result: { } created })
            {
                TempData.Succeeded($"Emnet {created.NameDa} ({created.Code}) er oprettet.", outcome.Warnings);
                return RedirectToPage("Details", new { id = created.Id });
            }

            ModelState.AddPayloadErrors(outcome.Errors);
        }

        Categories = await ThemeCategories.LoadAsync(client, cancellationToken);
        return Page();
    }

    public sealed record CreatedTheme(string Id, string Code, string NameDa);
}

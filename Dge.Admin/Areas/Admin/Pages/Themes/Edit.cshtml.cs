using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Themes;

/// <summary>Changes a theme's code, names and category (<c>updateTheme</c>), against the version the form was opened on. Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class EditModel(IAdminGraphQLClient client) : PageModel
{
    [BindProperty]
    public ThemeInput Input { get; set; } = new();

    public DetailsModel.ThemeDetails Theme { get; private set; } = null!;

    public IReadOnlyList<string> Categories { get; private set; } = [];

    public Conflict? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.ThemeDetails.LoadAsync(client, id, cancellationToken) is not { } theme)
        {
            return NotFound();
        }

        Theme = theme;
        Categories = await ThemeCategories.LoadAsync(client, cancellationToken);
        Input = new ThemeInput { Code = theme.Code, NameDa = theme.NameDa, NameEn = theme.NameEn, Category = theme.Category, ExpectedVersion = theme.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.ThemeDetails.LoadAsync(client, id, cancellationToken) is not { } theme)
        {
            return NotFound();
        }

        Theme = theme;
        Categories = await ThemeCategories.LoadAsync(client, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await client.MutateAsync<object>(
            "AdminUpdateTheme",
            new
            {
                id = theme.Id,
                expectedVersion = Input.ExpectedVersion,
                code = Input.Code.Trim(),
                nameDa = Input.NameDa.Trim(),
                nameEn = Input.NameEn.Trim(),
                category = Input.Category.Trim(),
            },
            cancellationToken);
        if (outcome.Succeeded)
        {
            TempData.Succeeded($"Emnet {Input.NameDa.Trim()} ({Input.Code.Trim()}) er gemt.", outcome.Warnings);
            return RedirectToPage("Details", new { id = theme.Id });
        }

        if (outcome.Conflict is not null)
        {
            // The theme as saved now (read after the refusal): the differences, and its version for a knowing overwrite.
            Conflict = new Conflict(
                "Emnet er ændret af en anden, mens du redigerede. Intet er gemt.",
                Conflict.Compare(
                    ("Kode", Input.Code, theme.Code),
                    ("Dansk navn", Input.NameDa, theme.NameDa),
                    ("Engelsk navn", Input.NameEn, theme.NameEn),
                    ("Kategori", Input.Category, theme.Category)),
                $"/admin/themes/{Uri.EscapeDataString(theme.Id)}/edit");
            ModelState.Remove("Input.ExpectedVersion");
            Input.ExpectedVersion = theme.Version;
            return Page();
        }

        ModelState.AddPayloadErrors(outcome.Errors);
        return Page();
    }
}

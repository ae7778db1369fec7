using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Materials;

/// <summary>Changes a learning material, its themes and intended group kinds (<c>updateLearningMaterial</c>), against the version the form was opened on. Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class EditModel(IAdminGraphQLClient client) : PageModel
{
    [BindProperty]
    public MaterialInput Input { get; set; } = new();

    public DetailsModel.MaterialDetails Material { get; private set; } = null!;

    public IReadOnlyList<ThemeChoice> Themes { get; private set; } = [];

    public Conflict? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.MaterialDetails.LoadAsync(client, id, cancellationToken) is not { } material)
        {
            return NotFound();
        }

        Material = material;
        Themes = await ThemeChoice.LoadAsync(client, cancellationToken);
        Input = new MaterialInput
        {
            Title = material.Title,
            Kind = material.Kind,
            Publisher = material.Publisher,
            PublishedOn = material.PublishedOn,
            Url = material.Url,
            IntendedFor = material.IntendedFor.Nodes.Select(k => k.Kind).ToList(),
            ThemeIds = material.Themes.Nodes.Select(t => t.Id).ToList(),
            ExpectedVersion = material.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.MaterialDetails.LoadAsync(client, id, cancellationToken) is not { } material)
        {
            return NotFound();
        }

        Material = material;
        Themes = await ThemeChoice.LoadAsync(client, cancellationToken);
        MaterialChoices.Check(ModelState, Input);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var input = Input.ToApi();
        input["id"] = material.Id;
        input["expectedVersion"] = Input.ExpectedVersion;
        var outcome = await client.MutateAsync<object>("AdminUpdateMaterial", input, cancellationToken);
        if (outcome.Succeeded)
        {
            TempData.Succeeded($"Materialet {Input.Title.Trim()} er gemt.", outcome.Warnings);
            return RedirectToPage("Details", new { id = material.Id });
        }

        if (outcome.Conflict is not null)
        {
            // The material as saved now (read after the refusal): the differences, and its version for a knowing overwrite.
            Conflict = new Conflict(
                "Materialet er ændret af en anden, mens du redigerede. Intet er gemt.",
                Conflict.Compare(
                    ("Titel", Input.Title, material.Title),
                    ("Type", Labels.MaterialKinds.Of(Input.Kind), Labels.MaterialKinds.Of(material.Kind)),
                    ("Udgiver", Input.Publisher, material.Publisher),
                    ("Udgivet", Danish.Date(Input.PublishedOn), Danish.Date(material.PublishedOn)),
                    ("Link", Input.Url, material.Url),
                    ("Målgruppe", KindNames(Input.IntendedFor), KindNames(material.IntendedFor.Nodes.Select(k => k.Kind))),
                    ("Emner", ThemeCodes(Input.ThemeIds), ThemeCodes(material.Themes.Nodes.Select(t => t.Id)))),
                $"/admin/materials/{Uri.EscapeDataString(material.Id)}/edit");
            ModelState.Remove("Input.ExpectedVersion");
            Input.ExpectedVersion = material.Version;
            return Page();
        }

        ModelState.AddPayloadErrors(outcome.Errors);
        return Page();
    }

    private static string KindNames(IEnumerable<string> kinds) =>
        string.Join(", ", Labels.GroupKinds.Where(k => kinds.Contains(k.Value)).Select(k => k.Label));

    private string ThemeCodes(IEnumerable<string> ids) =>
        string.Join(", ", Themes.Where(t => ids.Contains(t.Id)).Select(t => t.Code));
}

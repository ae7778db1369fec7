using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Clusters;

/// <summary>Records that a cluster works on a cluster package (klyngepakke) from a day, optionally until one; lists its adoptions so running ones can be ended.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class AdoptPackageModel(IAdminGraphQLClient client) : PageModel
{
    private const string PackagesOperation = "AdminClusterPackageChoices";

    [BindProperty]
    public AdoptInput Input { get; set; } = new();

    public ClusterForm Cluster { get; private set; } = null!;

    /// <summary>Every learning material of kind CLUSTER_PACKAGE, by title.</summary>
    public IReadOnlyList<PackageChoice> Packages { get; private set; } = [];

    public DateOnly Today { get; } = ReferenceDay.Today;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new AdoptInput { From = Today };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await client.MutateAsync<Adopted>(
            "AdminAdoptClusterPackage",
            new { clusterId = Cluster.Id, materialId = Input.MaterialId, from = Input.From, to = Input.To },
            cancellationToken);
        if (outcome is { Succeeded: true, Result: { } adopted })
        {
            TempData.Succeeded($"{Cluster.Name} arbejder med klyngepakken {adopted.Package.Title} fra {Danish.Date(adopted.From)}.", outcome.Warnings);
            return Redirect(ClusterForm.PageOf(Cluster.Id));
        }

        ModelState.AddPayloadErrors(outcome.Errors);
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (await ClusterForm.LoadAsync(client, id, cancellationToken) is not { } cluster)
        {
            return false;
        }

        Cluster = cluster;
        Packages = await client.ReadAllAsync(PackagesOperation, new(), response => response.Read<PackagesData>().LearningMaterials, cancellationToken) ?? [];
        return true;
    }

    public sealed class AdoptInput
    {
        [Required(ErrorMessage = "Vælg klyngepakken.")]
        [Display(Name = "Klyngepakke")]
        public string MaterialId { get; set; } = string.Empty;

        [Required(ErrorMessage = "Skriv den første dag, klyngen arbejder med pakken.")]
        [Display(Name = "Fra")]
        public DateOnly? From { get; set; }

        /// <summary>The first day no longer worked on (exclusive); empty while the work lasts.</summary>
        [Display(Name = "Til (ekskl., valgfri)")]
        public DateOnly? To { get; set; }
    }

    public sealed record PackageChoice(string Id, string Title, string Publisher, DateOnly? RetiredOn);

    public sealed record Adopted(string Id, DateOnly From, DateOnly? To, ClusterForm.PackageRef Package);

    private sealed record PackagesData(Connection<PackageChoice> LearningMaterials);
}

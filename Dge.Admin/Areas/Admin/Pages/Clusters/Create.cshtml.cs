using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Clusters;

/// <summary>A new quality cluster in a region, serving mainly one of the region's municipalities.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class CreateModel(IAdminGraphQLClient client) : PageModel
{
    [BindProperty]
    public ClusterInput Input { get; set; } = new();

    /// <summary>The regions in force today: a cluster's municipality must be one of its region's today.</summary>
    public IReadOnlyList<RegionChoice> Regions { get; private set; } = [];

    public IReadOnlyList<MunicipalityChoice> Municipalities { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadChoicesAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var name = Input.Name.Trim();
            var outcome = await client.MutateAsync<Created>(
                "AdminCreateCluster", new { name, regionId = Input.RegionId, municipalityId = Input.MunicipalityId }, cancellationToken);
            if (outcome is { Succeeded: true, Result: { } created })
            {
                TempData.Succeeded($"Klyngen {created.Name} er oprettet.", outcome.Warnings);
                return Redirect(ClusterForm.PageOf(created.Id));
            }

            ModelState.AddPayloadErrors(outcome.Errors);
        }

        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        Regions = (await RegionChoice.LoadAsync(client, cancellationToken)).Where(r => r.ExistsOn(ReferenceDay.Today)).ToList();
        Municipalities = await MunicipalityChoice.LoadAsync(client, cancellationToken);
    }

    public sealed class ClusterInput
    {
        [Required(ErrorMessage = "Skriv klyngens navn.")]
        [StringLength(200, ErrorMessage = "Navnet må højst have 200 tegn.")]
        [Display(Name = "Navn")]
        public string Name { get; set; } = string.Empty;

        [Required(ErrorMessage = "Vælg regionen.")]
        [Display(Name = "Region")]
        public string RegionId { get; set; } = string.Empty;

        [Required(ErrorMessage = "Vælg den kommune, klyngen primært betjener.")]
        [Display(Name = "Kommune")]
        public string MunicipalityId { get; set; } = string.Empty;
    }

    public sealed record Created(string Id, string Name);
}

using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Clusters;

/// <summary>Renames a cluster or changes the municipality it mainly serves (one of its region's today), with the version it was read at.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class EditModel(IAdminGraphQLClient client) : PageModel
{
    [BindProperty]
    public EditInput Input { get; set; } = new();

    public ClusterForm Cluster { get; private set; } = null!;

    /// <summary>The municipalities of the cluster's region today.</summary>
    public IReadOnlyList<MunicipalityChoice> Municipalities { get; private set; } = [];

    /// <summary>Set when someone else saved the cluster while this user edited it.</summary>
    public Conflict? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new EditInput { Name = Cluster.Name, MunicipalityId = Cluster.Municipality.Id, ExpectedVersion = Cluster.Version };
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

        // Only what differs from the cluster as it is now: the API checks a given municipality against the region today, which
        // a cluster of a region closed by the 2027 reform cannot pass, so a rename alone must not send the municipality.
        var name = Input.Name.Trim();
        var outcome = await client.MutateAsync<Updated>(
            "AdminUpdateCluster",
            new
            {
                id = Cluster.Id,
                expectedVersion = Input.ExpectedVersion,
                name = name == Cluster.Name ? null : name,
                municipalityId = Input.MunicipalityId == Cluster.Municipality.Id ? null : Input.MunicipalityId,
            },
            cancellationToken);
        if (outcome is { Succeeded: true, Result: { } updated })
        {
            TempData.Succeeded($"Klyngen {updated.Name} er gemt.", outcome.Warnings);
            return Redirect(ClusterForm.PageOf(Cluster.Id));
        }

        if (outcome.Conflict is not null)
        {
            ShowConflict();
            return Page();
        }

        ModelState.AddPayloadErrors(outcome.Errors);
        return Page();
    }

    /// <summary>The input stays; the version becomes the current one, so saving again overwrites knowingly.</summary>
    private void ShowConflict()
    {
        string MunicipalityName(string? municipalityId) => Municipalities.FirstOrDefault(m => m.Id == municipalityId)?.Name ?? municipalityId ?? "–";
        var fields = new List<FieldChange>();
        if (Input.Name.Trim() != Cluster.Name)
        {
            fields.Add(new FieldChange("Navn", Input.Name.Trim(), Cluster.Name));
        }

        if (Input.MunicipalityId != Cluster.Municipality.Id)
        {
            fields.Add(new FieldChange("Kommune", MunicipalityName(Input.MunicipalityId), Cluster.Municipality.Name));
        }

        Conflict = new Conflict("Klyngen er ændret af en anden, mens du redigerede.", fields, $"{ClusterForm.PageOf(Cluster.Id)}/edit");
        ModelState.Remove($"{nameof(Input)}.{nameof(EditInput.ExpectedVersion)}");
        Input.ExpectedVersion = Cluster.Version;
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (await ClusterForm.LoadAsync(client, id, cancellationToken) is not { } cluster)
        {
            return false;
        }

        Cluster = cluster;
        var all = await MunicipalityChoice.LoadAsync(client, cancellationToken);

        // The current municipality stays choosable even when it left the region (the 2027 reform), so saving a rename keeps it.
        Municipalities = all.Where(m => m.Region?.Id == cluster.Region.Id || m.Id == cluster.Municipality.Id).ToList();
        return true;
    }

    public sealed class EditInput
    {
        [Required(ErrorMessage = "Skriv klyngens navn.")]
        [StringLength(200, ErrorMessage = "Navnet må højst have 200 tegn.")]
        [Display(Name = "Navn")]
        public string Name { get; set; } = string.Empty;

        [Required(ErrorMessage = "Vælg den kommune, klyngen primært betjener.")]
        [Display(Name = "Kommune")]
        public string MunicipalityId { get; set; } = string.Empty;

        /// <summary>The version the form was read at (a hidden field).</summary>
        public int ExpectedVersion { get; set; }
    }

    public sealed record Updated(string Id, string Name, int Version);
}

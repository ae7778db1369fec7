using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Clinics;

/// <summary>Moves the clinic to another cluster of its region from a day (<c>moveClinicToCluster</c>), against the clinic's version. Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class MoveToClusterModel(IAdminGraphQLClient client) : PageModel
{
    private const string Choices = "AdminClinicClusterChoices";

    [BindProperty]
    public MoveInput Input { get; set; } = new();

    public DetailsModel.ClinicDetails Clinic { get; private set; } = null!;

    /// <summary>The clusters of the clinic's region, but the one it is in now.</summary>
    public IReadOnlyList<ClusterChoice> Clusters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new MoveInput { From = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1), ExpectedVersion = Clinic.Version };
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

        var outcome = await client.MutateAsync<Moved>(
            "AdminMoveClinicToCluster",
            new { clinicId = Clinic.Id, clusterId = Input.ClusterId, expectedVersion = Input.ExpectedVersion, from = Danish.Date(Input.From) },
            cancellationToken);
        if (outcome.Succeeded)
        {
            var name = outcome.Result?.Cluster.Name ?? Clusters.FirstOrDefault(c => c.Id == Input.ClusterId)?.Name;
            TempData.Succeeded($"Klinikken {Clinic.Name} er i klyngen {name} fra {Danish.Date(Input.From)}.", outcome.Warnings);
            return RedirectToPage("Details", new { id = Clinic.Id });
        }

        if (outcome.Conflict is not null)
        {
            ModelState.AddModelError(string.Empty, "Klinikken er ændret af en anden, mens du udfyldte formularen, og intet er gemt. Siden viser nu den gemte tilstand; se den efter, og send igen.");
            ModelState.Remove("Input.ExpectedVersion");
            Input.ExpectedVersion = Clinic.Version;
            return Page();
        }

        ModelState.AddPayloadErrors(outcome.Errors);
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.ClinicDetails.LoadAsync(client, id, cancellationToken) is not { } clinic)
        {
            return false;
        }

        Clinic = clinic;
        if (clinic.Municipality.Region is { } region)
        {
            var response = await client.ExecuteAsync(
                new GraphQLRequest(AdminOperations.Read(Choices), new Dictionary<string, object?> { ["regionId"] = region.Id }, Choices), cancellationToken);
            Clusters = response.IsSuccess
                ? response.Read<ClustersData>().QualityClusters.Nodes.Where(c => c.Id != clinic.Cluster?.Id).ToList()
                : [];
        }

        return true;
    }

    public sealed class MoveInput
    {
        [Required(ErrorMessage = "Vælg klyngen.")]
        [Display(Name = "Ny klynge")]
        public string? ClusterId { get; set; }

        [Required(ErrorMessage = "Skriv den første dag i den nye klynge.")]
        [Display(Name = "Fra")]
        public DateOnly? From { get; set; }

        public int ExpectedVersion { get; set; }
    }

    public sealed record ClusterChoice(string Id, string Name, MunicipalityName Municipality);

    public sealed record MunicipalityName(string Name);

    public sealed record Moved(string Id, MovedCluster Cluster);

    public sealed record MovedCluster(string Id, string Name);

    private sealed record ClustersData(NodeList<ClusterChoice> QualityClusters);
}

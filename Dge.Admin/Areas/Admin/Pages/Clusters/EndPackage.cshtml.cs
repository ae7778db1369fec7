using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Clusters;

/// <summary>Ends a cluster's running work on a cluster package on a day (exclusive), with the version it was read at.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class EndPackageModel(IAdminGraphQLClient client) : PageModel
{
    private const string Operation = "AdminClusterPackageAdoption";

    [BindProperty]
    public EndInput Input { get; set; } = new();

    public AdoptionDetails Adoption { get; private set; } = null!;

    /// <summary>Set when someone else changed the adoption while this user filled in the form.</summary>
    public Conflict? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string adoptionId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, adoptionId, cancellationToken))
        {
            return NotFound();
        }

        Input = new EndInput { To = ReferenceDay.Today, ExpectedVersion = Adoption.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string adoptionId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, adoptionId, cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await client.MutateAsync<Ended>(
            "AdminEndClusterPackage", new { id = Adoption.Id, expectedVersion = Input.ExpectedVersion, to = Input.To }, cancellationToken);
        if (outcome is { Succeeded: true, Result: { } ended })
        {
            TempData.Succeeded($"{Adoption.Cluster.Name} arbejder ikke længere med {Adoption.Package.Title} fra {Danish.Date(ended.To)}.", outcome.Warnings);
            return Redirect(ClusterForm.PageOf(Adoption.Cluster.Id));
        }

        if (outcome.Conflict is not null)
        {
            // The input stays; the version becomes the current one, so saving again overwrites knowingly.
            var fields = Input.To == Adoption.To ? [] : new List<FieldChange> { new("Til (ekskl.)", Danish.Date(Input.To), Danish.Date(Adoption.To)) };
            Conflict = new Conflict("Klyngepakkens periode er ændret af en anden, mens du redigerede.", fields, Request.Path);
            ModelState.Remove($"{nameof(Input)}.{nameof(EndInput.ExpectedVersion)}");
            Input.ExpectedVersion = Adoption.Version;
            return Page();
        }

        ModelState.AddPayloadErrors(outcome.Errors);
        return Page();
    }

    /// <summary>The adoption, when it is one of this cluster's.</summary>
    private async Task<bool> LoadAsync(string clusterId, string adoptionId, CancellationToken cancellationToken)
    {
        var response = await client.ExecuteAsync(
            new GraphQLRequest(AdminOperations.Read(Operation), new Dictionary<string, object?> { ["id"] = adoptionId }, Operation), cancellationToken);
        if (!response.IsSuccess || response.Read<AdoptionData>().Node is not { TypeName: "ClusterPackageAdoption" } adoption || adoption.Cluster.Id != clusterId)
        {
            return false;
        }

        Adoption = adoption;
        return true;
    }

    public sealed class EndInput
    {
        [Required(ErrorMessage = "Skriv den første dag, klyngen ikke længere arbejder med pakken.")]
        [Display(Name = "Til (første dag uden pakken)")]
        public DateOnly? To { get; set; }

        /// <summary>The version the form was read at (a hidden field).</summary>
        public int ExpectedVersion { get; set; }
    }

    public sealed record AdoptionDetails(
        [property: JsonPropertyName("__typename")] string TypeName,
        string Id,
        DateOnly From,
        DateOnly? To,
        int Version,
        ClusterForm.PackageRef Package,
        ClusterForm.Named Cluster);

    public sealed record Ended(string Id, DateOnly From, DateOnly? To, int Version);

    private sealed record AdoptionData(AdoptionDetails? Node);
}

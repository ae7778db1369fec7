using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Coordinators;

/// <summary>
/// Links the coordinator to the doctor holding the role (<c>linkCoordinatorToDoctor</c>), against the coordinator's version.
/// The doctor is picked by name: one match is taken, several are offered as choices, none is an error at the field. Editors.
/// </summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class LinkDoctorModel(IAdminGraphQLClient client) : PageModel
{
    [BindProperty]
    public LinkInput Input { get; set; } = new();

    public DetailsModel.CoordinatorDetails Coordinator { get; private set; } = null!;

    public PickerField Doctor => new("doctor", "Doctor", "Læge", Input.DoctorText, Input.DoctorId, Candidates, "Skriv lægens navn; vælg blandt forslagene.");

    private IReadOnlyList<PickerOption> Candidates { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.CoordinatorDetails.LoadAsync(client, id, cancellationToken) is not { } coordinator)
        {
            return NotFound();
        }

        Coordinator = coordinator;
        Input = new LinkInput { ExpectedVersion = coordinator.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.CoordinatorDetails.LoadAsync(client, id, cancellationToken) is not { } coordinator)
        {
            return NotFound();
        }

        Coordinator = coordinator;
        var doctor = await PickerSearch.ResolveAsync(client, "doctor", Input.DoctorText, Input.DoctorId, cancellationToken);
        if (doctor.Error is not null)
        {
            ModelState.AddModelError("Input.DoctorText", doctor.Error);
            Candidates = doctor.Candidates;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await client.MutateAsync<Linked>(
            "AdminLinkCoordinatorToDoctor", new { id = coordinator.Id, doctorId = doctor.Id, expectedVersion = Input.ExpectedVersion }, cancellationToken);
        if (outcome.Succeeded)
        {
            // The payload's coordinator comes back with the doctor it had when this request first read it (the API's reference
            // loads are cached for the request), so the name is read from the doctor itself.
            var name = outcome.Result?.Doctor is { } linked ? $"{linked.FirstName} {linked.LastName}" : await DoctorNameAsync(doctor.Id!, cancellationToken) ?? "lægen";
            TempData.Succeeded($"{coordinator.Name} er knyttet til {name}.", outcome.Warnings);
            return RedirectToPage("Details", new { id = coordinator.Id });
        }

        if (outcome.Conflict is not null)
        {
            ModelState.AddModelError(string.Empty, "Koordinatoren er ændret af en anden, mens du udfyldte formularen, og intet er gemt. Siden viser nu den gemte tilstand; se den efter, og send igen.");
            ModelState.Remove("Input.ExpectedVersion");
            Input.ExpectedVersion = coordinator.Version;
            return Page();
        }

        // An unknown doctor is the doctor field's error.
        ModelState.AddPayloadErrors(outcome.Errors.Select(e => e.Path is ["input", "doctorId", ..] || e.TypeName == "NotFoundError" && e.Id == doctor.Id ? e with { Path = ["input", "doctorText"] } : e));
        return Page();
    }

    private async Task<string?> DoctorNameAsync(string doctorId, CancellationToken cancellationToken)
    {
        const string Operation = "AdminCoordinatorDoctorName";
        var response = await client.ExecuteAsync(
            new GraphQLRequest(AdminOperations.Read(Operation), new Dictionary<string, object?> { ["id"] = doctorId }, Operation), cancellationToken);
        return response.IsSuccess && response.Read<DoctorNameData>().Node is { FirstName: not null } found ? $"{found.FirstName} {found.LastName}" : null;
    }

    public sealed class LinkInput
    {
        public string? DoctorText { get; set; }

        public string? DoctorId { get; set; }

        public int ExpectedVersion { get; set; }
    }

    public sealed record Linked(string Id, LinkedDoctor? Doctor);

    public sealed record LinkedDoctor(string Id, string FirstName, string LastName);

    private sealed record DoctorName(string? FirstName, string? LastName);

    private sealed record DoctorNameData(DoctorName? Node);
}

using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Doctors;

/// <summary>
/// A new employment of the doctor in a clinic from a day (<c>startEmployment</c>). The clinic is picked by name or ydernummer;
/// six digits typed without a choice are looked up as the ydernummer (<c>clinicByYdernummer</c>). Editors.
/// </summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class StartEmploymentModel(IAdminGraphQLClient client) : PageModel
{
    private const string ByYdernummer = "AdminClinicByYdernummer";

    [BindProperty]
    public StartInput Input { get; set; } = new();

    public DetailsModel.DoctorDetails Doctor { get; private set; } = null!;

    public PickerField Clinic => new("clinic", "Clinic", "Klinik", Input.ClinicText, Input.ClinicId, Candidates, "Skriv klinikkens ydernummer (seks cifre) eller navn; vælg blandt forslagene.");

    private IReadOnlyList<PickerOption> Candidates { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.DoctorDetails.LoadAsync(client, id, cancellationToken) is not { } doctor)
        {
            return NotFound();
        }

        Doctor = doctor;
        Input = new StartInput { From = DateOnly.FromDateTime(DateTime.UtcNow) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.DoctorDetails.LoadAsync(client, id, cancellationToken) is not { } doctor)
        {
            return NotFound();
        }

        Doctor = doctor;
        var clinicId = await ResolveClinicAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await client.MutateAsync<Started>(
            "AdminStartEmployment",
            new { doctorId = doctor.Id, clinicId, from = Danish.Date(Input.From), to = Input.To is null ? null : Danish.Date(Input.To) },
            cancellationToken);
        if (!outcome.Succeeded)
        {
            // An unknown clinic is the clinic field's error.
            ModelState.AddPayloadErrors(outcome.Errors.Select(e => e.Path is ["input", "clinicId", ..] || e.TypeName == "NotFoundError" && e.Id == clinicId ? e with { Path = ["input", "clinicText"] } : e));
            return Page();
        }

        var clinicName = outcome.Result?.Clinic.Name ?? "klinikken";
        TempData.Succeeded($"{doctor.Name} er ansat i {clinicName} fra {Danish.Date(Input.From)}.", outcome.Warnings);
        return RedirectToPage("Details", new { id = doctor.Id });
    }

    /// <summary>The clinic's id: the chosen one, the clinic with the typed ydernummer, or the one the typed name names alone.</summary>
    private async Task<string?> ResolveClinicAsync(CancellationToken cancellationToken)
    {
        var text = Input.ClinicText?.Trim();
        if (string.IsNullOrWhiteSpace(Input.ClinicId) && text is { Length: 6 } && text.All(char.IsAsciiDigit))
        {
            var response = await client.ExecuteAsync(
                new GraphQLRequest(AdminOperations.Read(ByYdernummer), new Dictionary<string, object?> { ["ydernummer"] = text }, ByYdernummer), cancellationToken);
            if (response.IsSuccess && response.Read<ByYdernummerData>().ClinicByYdernummer is { } clinic)
            {
                return clinic.Id;
            }

            ModelState.AddModelError("Input.ClinicText", $"Ingen klinik har ydernummer {text}.");
            return null;
        }

        var picked = await PickerSearch.ResolveAsync(client, "clinic", Input.ClinicText, Input.ClinicId, cancellationToken);
        if (picked.Error is not null)
        {
            ModelState.AddModelError("Input.ClinicText", picked.Error);
            Candidates = picked.Candidates;
        }

        return picked.Id;
    }

    public sealed class StartInput
    {
        [StringLength(200)]
        public string? ClinicText { get; set; }

        public string? ClinicId { get; set; }

        [Required(ErrorMessage = "Skriv den første dag i ansættelsen.")]
        [Display(Name = "Fra")]
        public DateOnly? From { get; set; }

        [Display(Name = "Til (første dag efter, valgfri)")]
        public DateOnly? To { get; set; }
    }

    public sealed record Started(string Id, StartedClinic Clinic);

    public sealed record StartedClinic(string Id, string Name);

    private sealed record FoundClinic(string Id, string Name, string Ydernummer, DateOnly? ClosedOn);

    private sealed record ByYdernummerData(FoundClinic? ClinicByYdernummer);
}

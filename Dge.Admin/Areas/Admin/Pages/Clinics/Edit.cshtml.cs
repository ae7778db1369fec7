using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Clinics;

/// <summary>Changes a clinic's name, ydernummer, address, municipality, type and tutor status (<c>updateClinic</c>), against the version the form was opened on. Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class EditModel(IAdminGraphQLClient client) : PageModel
{
    [BindProperty]
    public ClinicInput Input { get; set; } = new();

    public DetailsModel.ClinicDetails Clinic { get; private set; } = null!;

    public IReadOnlyList<MunicipalityChoice> Municipalities { get; private set; } = [];

    public Conflict? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.ClinicDetails.LoadAsync(client, id, cancellationToken) is not { } clinic)
        {
            return NotFound();
        }

        Clinic = clinic;
        Municipalities = await MunicipalityChoice.LoadAsync(client, cancellationToken);
        Input = new ClinicInput
        {
            Name = clinic.Name,
            Ydernummer = clinic.Ydernummer,
            Address = clinic.Address,
            MunicipalityId = clinic.Municipality.Id,
            Type = clinic.Type,
            IsTutorPractice = clinic.IsTutorPractice,
            ExpectedVersion = clinic.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.ClinicDetails.LoadAsync(client, id, cancellationToken) is not { } clinic)
        {
            return NotFound();
        }

        Clinic = clinic;
        Municipalities = await MunicipalityChoice.LoadAsync(client, cancellationToken);
        foreach (var (field, message) in Input.Check())
        {
            ModelState.AddModelError(field, message);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await client.MutateAsync<object>(
            "AdminUpdateClinic",
            new
            {
                id = clinic.Id,
                expectedVersion = Input.ExpectedVersion,
                name = Input.Name.Trim(),
                ydernummer = Input.Ydernummer.Trim(),
                address = Input.Address.Trim(),
                municipalityId = Input.MunicipalityId,
                type = Input.Type,
                isTutorPractice = Input.IsTutorPractice,
            },
            cancellationToken);
        if (outcome.Succeeded)
        {
            TempData.Succeeded($"Klinikken {Input.Name.Trim()} er gemt.", outcome.Warnings);
            return RedirectToPage("Details", new { id = clinic.Id });
        }

        if (outcome.Conflict is not null)
        {
            string? MunicipalityName(string? municipalityId) => Municipalities.FirstOrDefault(m => m.Id == municipalityId)?.Name ?? municipalityId;

            // The clinic as saved now (read after the refusal): the differences, and its version for a knowing overwrite.
            Conflict = new Conflict(
                "Klinikken er ændret af en anden, mens du redigerede. Intet er gemt.",
                Conflict.Compare(
                    ("Navn", Input.Name, clinic.Name),
                    ("Ydernummer", Input.Ydernummer, clinic.Ydernummer),
                    ("Adresse", Input.Address, clinic.Address),
                    ("Kommune", MunicipalityName(Input.MunicipalityId), clinic.Municipality.Name),
                    ("Type", Labels.ClinicTypes.Of(Input.Type), Labels.ClinicTypes.Of(clinic.Type)),
                    ("Uddannelsespraksis", Input.IsTutorPractice ? "Ja" : "Nej", clinic.IsTutorPractice ? "Ja" : "Nej")),
                $"/admin/clinics/{Uri.EscapeDataString(clinic.Id)}/edit");
            ModelState.Remove("Input.ExpectedVersion");
            Input.ExpectedVersion = clinic.Version;
            return Page();
        }

        ModelState.AddPayloadErrors(outcome.Errors);
        return Page();
    }
}

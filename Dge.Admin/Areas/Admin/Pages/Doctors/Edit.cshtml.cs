using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Doctors;

/// <summary>Changes a doctor's names, phase, dates and contact data (<c>updateDoctor</c>), against the version the form was opened on. Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class EditModel(IAdminGraphQLClient client) : PageModel
{
    [BindProperty]
    public DoctorInput Input { get; set; } = new();

    public DetailsModel.DoctorDetails Doctor { get; private set; } = null!;

    public Conflict? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.DoctorDetails.LoadAsync(client, id, cancellationToken) is not { } doctor)
        {
            return NotFound();
        }

        Doctor = doctor;
        Input = new DoctorInput
        {
            FirstName = doctor.FirstName,
            LastName = doctor.LastName,
            Phase = doctor.Phase,
            EstablishedOn = doctor.EstablishedOn,
            RetiredOn = doctor.RetiredOn,
            Email = doctor.Email ?? string.Empty,
            Phone = doctor.Phone ?? string.Empty,
            ExpectedVersion = doctor.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.DoctorDetails.LoadAsync(client, id, cancellationToken) is not { } doctor)
        {
            return NotFound();
        }

        Doctor = doctor;
        foreach (var (field, message) in Input.Check())
        {
            ModelState.AddModelError(field, message);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await client.MutateAsync<object>(
            "AdminUpdateDoctor",
            new
            {
                id = doctor.Id,
                expectedVersion = Input.ExpectedVersion,
                firstName = Input.FirstName.Trim(),
                lastName = Input.LastName.Trim(),
                phase = Input.Phase,
                establishedOn = Input.EstablishedOn is null ? null : Danish.Date(Input.EstablishedOn),
                retiredOn = Input.RetiredOn is null ? null : Danish.Date(Input.RetiredOn),
                email = Input.Email.Trim(),
                phone = Input.PhoneDigits,
            },
            cancellationToken);
        if (outcome.Succeeded)
        {
            TempData.Succeeded($"Lægen {Input.FirstName.Trim()} {Input.LastName.Trim()} er gemt.", outcome.Warnings);
            return RedirectToPage("Details", new { id = doctor.Id });
        }

        if (outcome.Conflict is not null)
        {
            // The doctor as saved now (read after the refusal): the differences, and its version for a knowing overwrite.
            Conflict = new Conflict(
                "Lægen er ændret af en anden, mens du redigerede. Intet er gemt.",
                Conflict.Compare(
                    ("Fornavn", Input.FirstName, doctor.FirstName),
                    ("Efternavn", Input.LastName, doctor.LastName),
                    ("Fase", Labels.DoctorPhases.Of(Input.Phase), Labels.DoctorPhases.Of(doctor.Phase)),
                    ("Nedsat", Danish.Date(Input.EstablishedOn), Danish.Date(doctor.EstablishedOn)),
                    ("Pensioneret fra", Danish.Date(Input.RetiredOn), Danish.Date(doctor.RetiredOn)),
                    ("E-mail", Input.Email, doctor.Email),
                    ("Telefon", Input.PhoneDigits, doctor.Phone)),
                $"/admin/doctors/{Uri.EscapeDataString(doctor.Id)}/edit");
            ModelState.Remove("Input.ExpectedVersion");
            Input.ExpectedVersion = doctor.Version;
            return Page();
        }

        ModelState.AddPayloadErrors(outcome.Errors);
        return Page();
    }
}

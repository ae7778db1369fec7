using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Coordinators;

/// <summary>A new coordinator in a role with its scope (<c>createCoordinator</c>); the doctor holding it is optional. Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class CreateModel(IAdminGraphQLClient client) : PageModel
{
    [BindProperty]
    public CoordinatorInput Input { get; set; } = new();

    public ScopeChoices Scopes { get; private set; } = new([]);

    public PickerField Doctor => new("doctor", "Doctor", "Læge (valgfri)", Input.DoctorText, Input.DoctorId, Candidates, "Når en praktiserende læge har rollen: skriv lægens navn, og vælg blandt forslagene.");

    private IReadOnlyList<PickerOption> Candidates { get; set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = new CoordinatorInput { From = DateOnly.FromDateTime(DateTime.UtcNow) };
        Scopes = await ScopeChoices.LoadAsync(client, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Labels.CoordinatorRoles.Offers(Input.Role))
        {
            ModelState.AddModelError("Input.Role", "Vælg en rolle.");
        }

        // The doctor is optional: only text typed (or an id chosen) is looked up.
        string? doctorId = null;
        if (!string.IsNullOrWhiteSpace(Input.DoctorText) || !string.IsNullOrWhiteSpace(Input.DoctorId))
        {
            var doctor = await PickerSearch.ResolveAsync(client, "doctor", Input.DoctorText, Input.DoctorId, cancellationToken);
            if (doctor.Error is not null)
            {
                ModelState.AddModelError("Input.DoctorText", doctor.Error);
                Candidates = doctor.Candidates;
            }

            doctorId = doctor.Id;
        }

        if (ModelState.IsValid)
        {
            var outcome = await client.MutateAsync<Created>(
                "AdminCreateCoordinator",
                new
                {
                    name = Input.Name.Trim(),
                    email = Input.Email.Trim(),
                    role = Input.Role,
                    scopeId = string.IsNullOrEmpty(Input.ScopeId) ? null : Input.ScopeId,
                    doctorId,
                    from = Danish.Date(Input.From),
                    to = Input.To is null ? null : Danish.Date(Input.To),
                    weeklyHours = Input.WeeklyHours,
                },
                cancellationToken);
            if (outcome is { Succeeded: true, Result: { } created })
            {
                TempData.Succeeded($"{created.Name} er oprettet som {Labels.CoordinatorRoles.Of(Input.Role).ToLowerInvariant()}.", outcome.Warnings);
                return RedirectToPage("Details", new { id = created.Id });
            }

            // An unknown doctor is the doctor field's error.
            ModelState.AddPayloadErrors(outcome.Errors.Select(e => e.Path is ["input", "doctorId", ..] ? e with { Path = ["input", "doctorText"] } : e));
        }

        Scopes = await ScopeChoices.LoadAsync(client, cancellationToken);
        return Page();
    }

    public sealed class CoordinatorInput
    {
        [Required(ErrorMessage = "Skriv navnet.")]
        [StringLength(200, ErrorMessage = "Navnet må højst have 200 tegn.")]
        [Display(Name = "Navn")]
        public string Name { get; set; } = string.Empty;

        [Required(ErrorMessage = "Skriv e-mailadressen.")]
        [EmailAddress(ErrorMessage = "Skriv en gyldig e-mailadresse.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = string.Empty;

        [Display(Name = "Rolle")]
        public string Role { get; set; } = "ADVISOR";

        [Display(Name = "Område")]
        public string? ScopeId { get; set; }

        [StringLength(200)]
        public string? DoctorText { get; set; }

        public string? DoctorId { get; set; }

        [Required(ErrorMessage = "Skriv den første dag i rollen.")]
        [Display(Name = "Fra")]
        public DateOnly? From { get; set; }

        [Display(Name = "Til (første dag efter, valgfri)")]
        public DateOnly? To { get; set; }

        [Required(ErrorMessage = "Skriv timer pr. uge.")]
        [Range(0.1, 60, ErrorMessage = "Timer pr. uge skal være over 0 og højst 60.")]
        [Display(Name = "Timer pr. uge")]
        public double? WeeklyHours { get; set; }
    }

    public sealed record Created(string Id, string Name);
}

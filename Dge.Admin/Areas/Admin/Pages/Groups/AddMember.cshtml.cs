using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Groups;

/// <summary>Adds a doctor to the group from a day, as a member, leader or treasurer (<c>addGroupMember</c>). Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class AddMemberModel(IAdminGraphQLClient client) : PageModel
{
    [BindProperty]
    public MemberInput Input { get; set; } = new();

    public DetailsModel.GroupDetails Group { get; private set; } = null!;

    public PickerField Doctor => new("doctor", "Doctor", "Læge", Input.DoctorText, Input.DoctorId, Candidates, "Skriv lægens navn; vælg blandt forslagene.");

    private IReadOnlyList<PickerOption> Candidates { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.GroupDetails.LoadAsync(client, id, cancellationToken) is not { } group)
        {
            return NotFound();
        }

        Group = group;
        Input = new MemberInput { From = DateOnly.FromDateTime(DateTime.UtcNow) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.GroupDetails.LoadAsync(client, id, cancellationToken) is not { } group)
        {
            return NotFound();
        }

        Group = group;
        var doctor = await PickerSearch.ResolveAsync(client, "doctor", Input.DoctorText, Input.DoctorId, cancellationToken);
        if (doctor.Error is not null)
        {
            ModelState.AddModelError("Input.DoctorText", doctor.Error);
            Candidates = doctor.Candidates;
        }

        if (!Labels.MembershipRoles.Offers(Input.Role))
        {
            ModelState.AddModelError("Input.Role", "Vælg en rolle.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await client.MutateAsync<AddedMember>(
            "AdminAddGroupMember",
            new { groupId = group.Id, doctorId = doctor.Id, from = Danish.Date(Input.From), to = Input.To is null ? null : Danish.Date(Input.To), role = Input.Role },
            cancellationToken);
        if (!outcome.Succeeded)
        {
            // An unknown doctor is the doctor field's error.
            ModelState.AddPayloadErrors(outcome.Errors.Select(e => e.TypeName == "NotFoundError" && e.Id == doctor.Id ? e with { Path = ["input", "doctorId"] } : e));
            return Page();
        }

        var name = outcome.Result is { } added ? $"{added.Doctor.FirstName} {added.Doctor.LastName}" : "Lægen";
        TempData.Succeeded($"{name} er tilføjet til {group.Name} som {Labels.MembershipRoles.Of(Input.Role).ToLowerInvariant()} fra {Danish.Date(Input.From)}.", outcome.Warnings);
        return RedirectToPage("Details", new { id = group.Id });
    }

    public sealed class MemberInput
    {
        [StringLength(200)]
        public string? DoctorText { get; set; }

        public string? DoctorId { get; set; }

        [Required(ErrorMessage = "Skriv den første dag i medlemskabet.")]
        [Display(Name = "Fra")]
        public DateOnly? From { get; set; }

        [Display(Name = "Til (første dag efter, valgfri)")]
        public DateOnly? To { get; set; }

        [Display(Name = "Rolle")]
        public string Role { get; set; } = "MEMBER";
    }

    public sealed record AddedMember(string Id, AddedDoctor Doctor);

    public sealed record AddedDoctor(string FirstName, string LastName);
}

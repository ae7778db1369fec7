using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Dge.Admin.Areas.Admin.Pages.Groups;

/// <summary>Hands the leader role to one of the members from a day; the old leader stays a member (<c>changeGroupLeader</c>). Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class ChangeLeaderModel(IAdminGraphQLClient client) : GroupActionModel(client)
{
    [BindProperty]
    public LeaderInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadGroupAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new LeaderInput { DoctorId = Group.Leader?.Doctor.Id, From = DateOnly.FromDateTime(DateTime.UtcNow), ExpectedVersion = Group.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadGroupAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await Client.MutateAsync<object>(
            "AdminChangeGroupLeader", new { groupId = Group.Id, expectedVersion = Input.ExpectedVersion, doctorId = Input.DoctorId, from = Danish.Date(Input.From) }, cancellationToken);
        if (outcome.Succeeded)
        {
            var name = Group.Members.Nodes.FirstOrDefault(m => m.Doctor.Id == Input.DoctorId)?.Doctor.Name ?? "Lægen";
            return Done($"{name} er gruppeleder for {Group.Name} fra {Danish.Date(Input.From)}.", outcome.Warnings);
        }

        ShowRefusal(outcome, "Input.ExpectedVersion", Group.Version);
        return Page();
    }

    protected override void SetVersion(int version) => Input.ExpectedVersion = version;

    public sealed class LeaderInput
    {
        [Required(ErrorMessage = "Vælg den nye gruppeleder.")]
        [Display(Name = "Ny gruppeleder")]
        public string? DoctorId { get; set; }

        [Required(ErrorMessage = "Skriv dagen, den nye gruppeleder begynder.")]
        [Display(Name = "Fra")]
        public DateOnly? From { get; set; }

        public int ExpectedVersion { get; set; }
    }
}

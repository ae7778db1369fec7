using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Dge.Admin.Areas.Admin.Pages.Groups;

/// <summary>Ends a member's membership from a day (<c>endGroupMembership</c>). Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class EndMembershipModel(IAdminGraphQLClient client) : GroupActionModel(client)
{
    [BindProperty]
    public EndInput Input { get; set; } = new();

    public DetailsModel.Member Membership { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, string membershipId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, membershipId, cancellationToken))
        {
            return NotFound();
        }

        Input = new EndInput { To = DateOnly.FromDateTime(DateTime.UtcNow), ExpectedVersion = Membership.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string membershipId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, membershipId, cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await Client.MutateAsync<object>(
            "AdminEndGroupMembership", new { id = Membership.Id, expectedVersion = Input.ExpectedVersion, to = Danish.Date(Input.To) }, cancellationToken);
        if (outcome.Succeeded)
        {
            return Done($"{Membership.Doctor.Name}s medlemskab af {Group.Name} slutter {Danish.Date(Input.To)} (sidste dag er dagen før).", outcome.Warnings);
        }

        await LoadAsync(id, membershipId, cancellationToken);
        ShowRefusal(outcome, "Input.ExpectedVersion", Membership.Version);
        return Page();
    }

    protected override void SetVersion(int version) => Input.ExpectedVersion = version;

    private async Task<bool> LoadAsync(string id, string membershipId, CancellationToken cancellationToken)
    {
        if (!await LoadGroupAsync(id, cancellationToken) || Group.Members.Nodes.FirstOrDefault(m => m.Id == membershipId) is not { } membership)
        {
            return false;
        }

        Membership = membership;
        return true;
    }

    public sealed class EndInput
    {
        [Required(ErrorMessage = "Skriv dagen, medlemskabet slutter.")]
        [Display(Name = "Slutter (første dag uden medlemskab)")]
        public DateOnly? To { get; set; }

        public int ExpectedVersion { get; set; }
    }
}

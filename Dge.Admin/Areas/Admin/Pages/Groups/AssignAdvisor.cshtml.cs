using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Dge.Admin.Areas.Admin.Pages.Groups;

/// <summary>Gives the group an advisor (efteruddannelsesvejleder) from the active advisors (<c>assignAdvisor</c>). Editors.</summary>
[Authorize(Policy = AdminPolicies.Edit)]
public sealed class AssignAdvisorModel(IAdminGraphQLClient client) : GroupActionModel(client)
{
    [BindProperty]
    public AdvisorInput Input { get; set; } = new();

    public IReadOnlyList<AdvisorChoice> Advisors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadGroupAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Advisors = await AdvisorChoice.LoadAsync(Client, cancellationToken);
        Input = new AdvisorInput { AdvisorId = Group.Advisor?.Id, ExpectedVersion = Group.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadGroupAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Advisors = await AdvisorChoice.LoadAsync(Client, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await Client.MutateAsync<object>(
            "AdminAssignAdvisor", new { groupId = Group.Id, expectedVersion = Input.ExpectedVersion, advisorId = Input.AdvisorId }, cancellationToken);
        if (outcome.Succeeded)
        {
            var name = Advisors.FirstOrDefault(a => a.Id == Input.AdvisorId)?.Name ?? "Vejlederen";
            return Done($"{name} er vejleder for {Group.Name}.", outcome.Warnings);
        }

        ShowRefusal(outcome, "Input.ExpectedVersion", Group.Version);
        return Page();
    }

    protected override void SetVersion(int version) => Input.ExpectedVersion = version;

    public sealed class AdvisorInput
    {
        [Required(ErrorMessage = "Vælg en vejleder.")]
        [Display(Name = "Vejleder")]
        public string? AdvisorId { get; set; }

        public int ExpectedVersion { get; set; }
    }
}

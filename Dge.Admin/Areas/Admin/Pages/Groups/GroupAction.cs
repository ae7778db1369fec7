using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Groups;

/// <summary>
/// What the group's action forms share: the group they act on (404 when the id names none), and how a refusal reads —
/// a stale version answered with the current state and its version, so the next try is made knowingly.
/// </summary>
public abstract class GroupActionModel(IAdminGraphQLClient client) : PageModel
{
    protected IAdminGraphQLClient Client { get; } = client;

    public DetailsModel.GroupDetails Group { get; private set; } = null!;

    public string GroupUrl => $"/admin/groups/{Uri.EscapeDataString(Group.Id)}";

    /// <summary>Loads the group; false when the id names none.</summary>
    protected async Task<bool> LoadGroupAsync(string id, CancellationToken cancellationToken)
    {
        if (await DetailsModel.GroupDetails.LoadAsync(Client, id, cancellationToken) is not { } group)
        {
            return false;
        }

        Group = group;
        return true;
    }

    /// <summary>Shows the refusal: a conflict in the summary with the version now saved put into the form, typed errors at their fields.</summary>
    protected void ShowRefusal<T>(MutationOutcome<T> outcome, string versionField, int currentVersion)
    {
        if (outcome.Conflict is not null)
        {
            ModelState.AddModelError(string.Empty, "Gruppen er ændret af en anden, mens du udfyldte formularen, og intet er gemt. Siden viser nu den gemte tilstand; se den efter, og send igen.");
            ModelState.Remove(versionField);
            SetVersion(currentVersion);
            return;
        }

        ModelState.AddPayloadErrors(outcome.Errors);
    }

    protected abstract void SetVersion(int version);

    protected IActionResult Done(string message, IEnumerable<PayloadWarning> warnings)
    {
        TempData.Succeeded(message, warnings);
        return Redirect(GroupUrl);
    }
}

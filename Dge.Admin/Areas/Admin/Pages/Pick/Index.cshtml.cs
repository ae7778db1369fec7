using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Pick;

/// <summary>
/// The pickers' search as you type: <c>GET /admin/pick/doctor?q=jens</c> answers up to ten matches as JSON, read through
/// the API under the visitor's own rights (signed-in Readers, like every admin page).
/// </summary>
public sealed class IndexModel(IAdminGraphQLClient client) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string kind, string? q, CancellationToken cancellationToken)
    {
        if (!PickerSearch.IsKind(kind))
        {
            return NotFound();
        }

        // Two letters narrow a national list enough to be worth a query.
        if (string.IsNullOrWhiteSpace(q) || q.Trim().Length < 2 || q.Length > 100)
        {
            return new JsonResult(new { options = Array.Empty<PickerOption>(), more = false });
        }

        var (options, more) = await PickerSearch.SearchAsync(client, kind, q, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new { options, more });
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages;

/// <summary>
/// Shown in place of an admin request that ended in an error status without a body: 403 for a role that does not reach
/// the page (e.g. a Reader on an edit page), 404 for a page or entity that does not exist. The status is kept.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Code { get; set; }

    public string Heading => Code switch
    {
        StatusCodes.Status403Forbidden => "Ingen adgang",
        StatusCodes.Status404NotFound => "Siden findes ikke",
        _ => "Noget gik galt",
    };

    public void OnGet()
    {
    }

    // The page is shown in place of the refused request, whatever its method.
    public void OnPost()
    {
    }
}

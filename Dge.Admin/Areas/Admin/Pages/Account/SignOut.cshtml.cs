using Dge.Admin.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Account;

/// <summary>Sign-out: a POST from the header's button (with its antiforgery token), so a link elsewhere cannot sign anyone out.</summary>
[AllowAnonymous]
public sealed class SignOutModel(IAdminAccount account) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index", new { area = "Admin" });

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await account.SignOutAsync(cancellationToken);
        return RedirectToPage("SignIn", new { area = "Admin", signedOut = true });
    }
}

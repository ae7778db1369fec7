using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Account;

/// <summary>Sign-in with e-mail and password; afterwards back to the page that asked for it.</summary>
[AllowAnonymous]
[TakesPassword]
public sealed class SignInModel(IAdminAccount account) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Set by the sign-out, to confirm it.</summary>
    [BindProperty(SupportsGet = true)]
    public bool SignedOut { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        switch (await account.SignInAsync(Input.Email.Trim(), Input.Password, cancellationToken))
        {
            case SignInOutcome.SignedIn:
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl.StartsWith("/admin", StringComparison.OrdinalIgnoreCase) ? ReturnUrl : "/admin");
            case SignInOutcome.LockedOut:
                ModelState.AddModelError(string.Empty, "Kontoen er låst efter for mange forkerte forsøg. Prøv igen om et kvarter, eller bed en administrator om at låse den op.");
                return Page();
            default:
                ModelState.AddModelError(string.Empty, "Forkert e-mail eller adgangskode.");
                return Page();
        }
    }

    /// <summary>The form: the password is never sent back to the browser, the e-mail is.</summary>
    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Skriv din e-mail.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Skriv din adgangskode.")]
        [DataType(DataType.Password)]
        [Display(Name = "Adgangskode")]
        public string Password { get; set; } = string.Empty;
    }
}

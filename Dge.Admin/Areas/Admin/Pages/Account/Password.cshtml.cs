using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Account;

/// <summary>"Skift adgangskode": the signed-in user's own password, checked against the current one by the API.</summary>
[TakesPassword]
public sealed class PasswordModel(IAdminGraphQLClient client, IAdminAccount account) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Input.NewPassword != Input.ConfirmPassword)
        {
            ModelState.AddModelError("Input.ConfirmPassword", "Gentag den nye adgangskode præcis.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await client.MutateAsync<object>("AdminChangeMyPassword", new { currentPassword = Input.CurrentPassword, newPassword = Input.NewPassword }, cancellationToken);
        if (!outcome.Succeeded)
        {
            ModelState.AddPayloadErrors(outcome.Errors);
            return Page();
        }

        // The change ended every session of the account; this one goes on with a fresh cookie.
        await account.RefreshSignInAsync(cancellationToken);
        StatusMessage = "Din adgangskode er skiftet. Du er logget ud alle andre steder.";
        return RedirectToPage();
    }

    /// <summary>No password is ever sent back to the browser.</summary>
    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Skriv din nuværende adgangskode.")]
        [DataType(DataType.Password)]
        [Display(Name = "Nuværende adgangskode")]
        public string CurrentPassword { get; set; } = string.Empty;

        [Required(ErrorMessage = "Skriv en ny adgangskode.")]
        [DataType(DataType.Password)]
        [Display(Name = "Ny adgangskode")]
        public string NewPassword { get; set; } = string.Empty;

        [Required(ErrorMessage = "Gentag den nye adgangskode.")]
        [DataType(DataType.Password)]
        [Display(Name = "Gentag ny adgangskode")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}

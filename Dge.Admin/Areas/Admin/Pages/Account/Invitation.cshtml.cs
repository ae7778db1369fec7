using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Account;

/// <summary>An invited person chooses their first password with the one-time code an admin gave them, and is signed in.</summary>
[AllowAnonymous]
[TakesPassword]
public sealed class InvitationModel(IAdminAccount account) : PageModel
{
    [BindProperty]
    public InvitationInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Input.Password != Input.ConfirmPassword)
        {
            ModelState.AddModelError("Input.ConfirmPassword", "Gentag adgangskoden præcis.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await account.AcceptInvitationAsync(Input.Email.Trim(), Input.Code, Input.Password, cancellationToken);
        switch (outcome.Result)
        {
            case InvitationResult.Accepted:
                TempData["StatusMessage"] = "Velkommen. Din adgangskode er gemt, og du er logget ind.";
                return LocalRedirect("/admin");
            case InvitationResult.PasswordRejected:
                foreach (var problem in outcome.PasswordProblems)
                {
                    ModelState.AddModelError("Input.Password", problem);
                }

                return Page();
            default:
                ModelState.AddModelError("Input.Code", "E-mailen og koden passer ikke sammen, koden er brugt, eller den er udløbet. Bed en administrator om en ny invitation.");
                return Page();
        }
    }

    /// <summary>The form: the e-mail and the code are kept on an error, the passwords are never sent back.</summary>
    public sealed class InvitationInput
    {
        [Required(ErrorMessage = "Skriv din e-mail.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Skriv koden fra din invitation.")]
        [StringLength(100, ErrorMessage = "Koden er for lang.")]
        [Display(Name = "Engangskode")]
        public string Code { get; set; } = string.Empty;

        [Required(ErrorMessage = "Vælg en adgangskode.")]
        [DataType(DataType.Password)]
        [Display(Name = "Ny adgangskode")]
        public string Password { get; set; } = string.Empty;

        [Required(ErrorMessage = "Gentag adgangskoden.")]
        [DataType(DataType.Password)]
        [Display(Name = "Gentag adgangskoden")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}

using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Users;

/// <summary>The people who sign in: invite (a one-time code to pass on), set the role, lock and unlock. Admins only.</summary>
[Authorize(Policy = AdminPolicies.Manage)]
public sealed class IndexModel(IAdminGraphQLClient client) : PageModel
{
    private static readonly string ListQuery = AdminOperations.Read("AdminUsers");

    public static IReadOnlyList<(string Role, string Description)> RoleChoices { get; } =
    [
        ("Reader", "Reader – læser, også e-mail og telefon"),
        ("Editor", "Editor – læser og skriver"),
        ("Admin", "Admin – også brugere, nøgler og revisionslog"),
    ];

    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    /// <summary>The invitation just made: its code is in this one answer only.</summary>
    public InvitationResult? Invitation { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    [TempData]
    public string? ErrorMessage { get; set; }

    public string? LoadError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await client.MutateAsync<InvitationResult>("AdminInviteUser", new { email = Input.Email.Trim(), role = Input.Role }, cancellationToken);
            if (!outcome.Succeeded)
            {
                ModelState.AddPayloadErrors(outcome.Errors);
            }
            else
            {
                Invitation = outcome.Result;
                Input = new InviteInput();
                ModelState.Clear();
                Response.Headers.CacheControl = "no-store";
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostRoleAsync(string id, string email, int version, string role, CancellationToken cancellationToken) =>
        ActAsync("AdminSetUserRole", new { id, expectedVersion = version, role }, $"{email} har nu rollen {role}.", cancellationToken);

    public Task<IActionResult> OnPostLockAsync(string id, string email, int version, CancellationToken cancellationToken) =>
        ActAsync("AdminLockUser", new { id, expectedVersion = version }, $"{email} er låst og kan ikke logge ind, før kontoen låses op.", cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(string id, string email, int version, CancellationToken cancellationToken) =>
        ActAsync("AdminUnlockUser", new { id, expectedVersion = version }, $"{email} er låst op.", cancellationToken);

    /// <summary>A row's action; the list is read again afterwards (post-redirect-get), so a conflict shows the current state.</summary>
    private async Task<IActionResult> ActAsync(string operation, object input, string success, CancellationToken cancellationToken)
    {
        var outcome = await client.MutateAsync<object>(operation, input, cancellationToken);
        if (outcome.Succeeded)
        {
            StatusMessage = success;
        }
        else if (outcome.Conflict is not null)
        {
            ErrorMessage = "Brugeren er ændret af en anden i mellemtiden. Listen herunder viser den nuværende tilstand; prøv igen.";
        }
        else
        {
            ErrorMessage = string.Join(" ", outcome.Errors.Select(e => e.Message));
        }

        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var response = await client.ExecuteAsync(new GraphQLRequest(ListQuery, OperationName: "AdminUsers"), cancellationToken);
        if (!response.IsSuccess)
        {
            LoadError = string.Join(" ", response.Errors.Select(e => e.Message));
            return;
        }

        Users = response.Read<ListData>().Users ?? [];
    }

    public sealed class InviteInput
    {
        [Required(ErrorMessage = "Skriv personens e-mail.")]
        [StringLength(256, ErrorMessage = "E-mailen må højst have 256 tegn.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Vælg en rolle.")]
        [Display(Name = "Rolle")]
        public string Role { get; set; } = "Reader";
    }

    public sealed record UserRow(string Id, string Email, string? Role, DateTime? LockedOutUntil, bool InvitationPending, DateTime? InvitationExpiresAt, int Version)
    {
        public bool IsLocked(DateTime now) => LockedOutUntil > now;

        /// <summary>Locked by an admin: until an admin unlocks, not until a time.</summary>
        public bool IsLockedByAdmin => LockedOutUntil?.Year == 9999;
    }

    public sealed record InvitationResult(string Code, DateTime ExpiresAt, InvitedUser User);

    public sealed record InvitedUser(string Id, string Email);

    private sealed record ListData(IReadOnlyList<UserRow>? Users);
}

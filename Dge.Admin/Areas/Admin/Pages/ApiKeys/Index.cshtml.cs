using System.ComponentModel.DataAnnotations;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.ApiKeys;

/// <summary>API keys for programs: the list with last use, a new key (its secret shown this once), revocation. Admins only.</summary>
[Authorize(Policy = AdminPolicies.Manage)]
public sealed class IndexModel(IAdminGraphQLClient client) : PageModel
{
    private static readonly string ListQuery = AdminOperations.Read("AdminApiKeys");

    public static IReadOnlyList<(string Role, string Description)> RoleChoices { get; } =
    [
        ("Reader", "Reader – læser, også e-mail og telefon"),
        ("Editor", "Editor – læser og skriver"),
        ("Admin", "Admin – også brugere, nøgler og revisionslog"),
    ];

    [BindProperty]
    public NewKeyInput Input { get; set; } = new();

    public IReadOnlyList<ApiKeyRow> Keys { get; private set; } = [];

    /// <summary>The secret of the key just made: in this one answer, never stored or redirected.</summary>
    public CreatedKey? Created { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public string? LoadError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await client.MutateAsync<CreatedKey>("AdminCreateApiKey", new
            {
                name = Input.Name.Trim(),
                role = Input.Role,
                expiresAt = Input.ExpiresAt?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            }, cancellationToken);
            if (!outcome.Succeeded)
            {
                ModelState.AddPayloadErrors(outcome.Errors);
            }
            else
            {
                Created = outcome.Result;
                Input = new NewKeyInput();
                ModelState.Clear();

                // The secret is on this page only: no cache may keep it.
                Response.Headers.CacheControl = "no-store";
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string id, string name, CancellationToken cancellationToken)
    {
        var outcome = await client.MutateAsync<object>("AdminRevokeApiKey", new { id }, cancellationToken);
        StatusMessage = outcome.Succeeded
            ? $"API-nøglen »{name}« er tilbagekaldt og afvises fra nu af."
            : $"API-nøglen »{name}« blev ikke tilbagekaldt: {string.Join(" ", outcome.Errors.Select(e => e.Message))}";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var response = await client.ExecuteAsync(new GraphQLRequest(ListQuery, OperationName: "AdminApiKeys"), cancellationToken);
        if (!response.IsSuccess)
        {
            LoadError = string.Join(" ", response.Errors.Select(e => e.Message));
            return;
        }

        Keys = response.Read<ListData>().ApiKeys ?? [];
    }

    public sealed class NewKeyInput
    {
        [Required(ErrorMessage = "Giv nøglen et navn, fx programmet eller teamet.")]
        [StringLength(100, ErrorMessage = "Navnet må højst have 100 tegn.")]
        [Display(Name = "Navn")]
        public string Name { get; set; } = string.Empty;

        [Required(ErrorMessage = "Vælg en rolle.")]
        [Display(Name = "Rolle")]
        public string Role { get; set; } = "Reader";

        [DataType(DataType.Date)]
        [Display(Name = "Udløber (valgfri)")]
        public DateOnly? ExpiresAt { get; set; }
    }

    public sealed record ApiKeyRow(string Id, string Name, string Role, string Hint, DateTime CreatedAt, string CreatedBy, DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt)
    {
        public bool IsActive(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
    }

    public sealed record CreatedKey(string Secret, CreatedKeyInfo ApiKey);

    public sealed record CreatedKeyInfo(string Id, string Name, string Role, DateTime? ExpiresAt);

    private sealed record ListData(IReadOnlyList<ApiKeyRow>? ApiKeys);

}

using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Dge.Admin.Access;

/// <summary>
/// What a page needs of its visitor. The host defines the policies from its roles, so who may do what is decided once,
/// in the API; a page only names the policy it needs.
/// </summary>
public static class AdminPolicies
{
    /// <summary>Sees the pages (every admin page asks at least this).</summary>
    public const string Read = "dge-admin-read";

    /// <summary>Changes the graph: the create, edit and action pages.</summary>
    public const string Edit = "dge-admin-edit";

    /// <summary>Manages users and API keys and reads the audit log.</summary>
    public const string Manage = "dge-admin-manage";

    /// <summary>Whether <paramref name="user"/> meets <paramref name="policy"/>: pages show a button only to those who may use it.</summary>
    public static async Task<bool> AllowsAsync(this IAuthorizationService authorization, ClaimsPrincipal user, string policy) =>
        (await authorization.AuthorizeAsync(user, policy)).Succeeded;
}

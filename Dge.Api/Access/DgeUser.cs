using Microsoft.AspNetCore.Identity;

namespace Dge.Api.Access;

/// <summary>A person who signs in to the admin shell: an ASP.NET Core Identity user whose user name is their e-mail address.</summary>
public sealed class DgeUser : IdentityUser
{
    /// <summary>Moves with every change an admin makes (role, lock) or the person makes (password): the optimistic-concurrency token of the account mutations.</summary>
    public long Version { get; set; }
}

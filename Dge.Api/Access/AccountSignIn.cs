using Dge.Admin.Access;
using Microsoft.AspNetCore.Identity;

namespace Dge.Api.Access;

/// <summary>Sign-in with e-mail and password, for <c>POST /account/signin</c> and the admin shell's page alike: Identity's accounts, password rules and lockout.</summary>
internal sealed class AccountSignIn(SignInManager<DgeUser> signIn) : IAdminAccount
{
    public async Task<SignInOutcome> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var result = await signIn.PasswordSignInAsync(email, password, isPersistent: false, lockoutOnFailure: true);
        return result.Succeeded ? SignInOutcome.SignedIn
            : result.IsLockedOut ? SignInOutcome.LockedOut
            : SignInOutcome.WrongEmailOrPassword;
    }

    public Task SignOutAsync(CancellationToken cancellationToken) => signIn.SignOutAsync();
}

using Dge.Admin.Access;
using Dge.Api.Data;
using Dge.Api.GraphQL;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Access;

/// <summary>Sign-in with e-mail and password, for <c>POST /account/signin</c> and the admin shell's pages alike: Identity's accounts, password rules and lockout.</summary>
internal sealed class AccountSignIn(SignInManager<DgeUser> signIn, IDbContextFactory<DgeDbContext> factory, DgeDbContext identityDb, TimeProvider clock) : IAdminAccount
{
    public async Task<SignInOutcome> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        // No account's e-mail holds NUL, and PostgreSQL would refuse to look one up.
        if (NulText.Holds(email))
        {
            return SignInOutcome.WrongEmailOrPassword;
        }

        var result = await signIn.PasswordSignInAsync(email, password, isPersistent: false, lockoutOnFailure: true);
        return result.Succeeded ? SignInOutcome.SignedIn
            : result.IsLockedOut ? SignInOutcome.LockedOut
            : SignInOutcome.WrongEmailOrPassword;
    }

    public Task SignOutAsync(CancellationToken cancellationToken) => signIn.SignOutAsync();

    public async Task<InvitationOutcome> AcceptInvitationAsync(string email, string code, string password, CancellationToken cancellationToken)
    {
        if (NulText.Holds(email) || NulText.Holds(code))
        {
            return new InvitationOutcome(InvitationResult.CodeInvalid, []);
        }

        var outcome = await Invitations.AcceptAsync(factory, signIn.UserManager, email, code, password, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (outcome.Result == InvitationResult.Accepted && await signIn.UserManager.FindByEmailAsync(email.Trim()) is { } user)
        {
            await signIn.SignInAsync(user, isPersistent: false);
        }

        return outcome;
    }

    public async Task RefreshSignInAsync(CancellationToken cancellationToken)
    {
        if (await signIn.UserManager.GetUserAsync(signIn.Context.User) is { } user)
        {
            // The stamp check may have loaded the account earlier in this request, before the change saved a new stamp
            // through another context: the cookie must carry the new one, or this session ends with the others.
            await identityDb.Entry(user).ReloadAsync(cancellationToken);
            await signIn.RefreshSignInAsync(user);
        }
    }
}

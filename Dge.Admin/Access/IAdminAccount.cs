namespace Dge.Admin.Access;

/// <summary>
/// Signing in to the admin shell with the host's accounts (ASP.NET Core Identity), so the shell holds no password rule,
/// lockout or cookie setting of its own.
/// </summary>
public interface IAdminAccount
{
    /// <summary>Checks the password and, when right, sets the sign-in cookie; wrong passwords count towards the lockout.</summary>
    Task<SignInOutcome> SignInAsync(string email, string password, CancellationToken cancellationToken);

    Task SignOutAsync(CancellationToken cancellationToken);

    /// <summary>Sets an invited person's first password with their one-time code and, when it works, signs them in.</summary>
    Task<InvitationOutcome> AcceptInvitationAsync(string email, string code, string password, CancellationToken cancellationToken);

    /// <summary>Renews the signed-in user's cookie after their password changed (which ends their other sessions).</summary>
    Task RefreshSignInAsync(CancellationToken cancellationToken);
}

public enum InvitationResult
{
    Accepted,

    /// <summary>No pending invitation has this e-mail and code, or it expired: the page says no more, to tell a guesser nothing.</summary>
    CodeInvalid,

    /// <summary>The code is right, but the password breaks the password rules, which <see cref="InvitationOutcome.PasswordProblems"/> name.</summary>
    PasswordRejected,
}

public sealed record InvitationOutcome(InvitationResult Result, IReadOnlyList<string> PasswordProblems);

public enum SignInOutcome
{
    SignedIn,
    WrongEmailOrPassword,
    LockedOut,
}

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
}

public enum SignInOutcome
{
    SignedIn,
    WrongEmailOrPassword,
    LockedOut,
}

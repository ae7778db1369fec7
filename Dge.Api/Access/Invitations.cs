using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dge.Admin.Access;
using Dge.Api.Audit;
using Dge.Api.Data;
using Dge.Api.GraphQL.Mutations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Access;

/// <summary>
/// Invitation codes: 128 random bits, given once to the admin who invites; only their SHA-256 hash and expiry are kept,
/// in Identity's token table. The person sets their first password with the code, once, before it expires.
/// </summary>
public static class Invitations
{
    public const string Provider = "DgeGraph";

    public const string TokenName = "Invitation";

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>A new code for an account, the token row that keeps its hash, and when it expires.</summary>
    public static (string Code, IdentityUserToken<string> Token, DateTime ExpiresAt) New(string userId, DateTime now)
    {
        // Grouped in fours, as a person may have to type it.
        var code = string.Join('-', Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).Chunk(4).Select(c => new string(c)));
        var expiresAt = now + Lifetime;
        var token = new IdentityUserToken<string>
        {
            UserId = userId,
            LoginProvider = Provider,
            Name = TokenName,
            Value = $"{expiresAt.ToString("O", CultureInfo.InvariantCulture)}|{Hash(code)}",
        };
        return (code, token, expiresAt);
    }

    /// <summary>The expiry kept with a code's hash, or null for no (or an unreadable) invitation.</summary>
    public static DateTime? ExpiryOf(string? value) =>
        value?.Split('|') is [var expiry, _] && DateTime.TryParse(expiry, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;

    /// <summary>Refuses a password that breaks Identity's password rules, naming the input field and the rules.</summary>
    public static async Task CheckPasswordAsync(UserManager<DgeUser> manager, DgeUser user, string? password, string field)
    {
        var problems = new List<string>();
        foreach (var validator in manager.PasswordValidators)
        {
            var result = await validator.ValidateAsync(manager, user, password ?? string.Empty);
            problems.AddRange(result.Errors.Select(e => e.Description));
        }

        if (string.IsNullOrEmpty(password) || problems.Count > 0)
        {
            throw MutationRefusedException.Invalid(field, "WEAK_PASSWORD", problems.Count > 0 ? string.Join(" ", problems) : $"{field} is empty.");
        }
    }

    /// <summary>
    /// Sets the first password of an invited account with its code, in one transaction with the audit entry; the code then
    /// stops working. A wrong e-mail, a wrong code and an expired code look alike, so the page tells a guesser nothing.
    /// </summary>
    public static async Task<InvitationOutcome> AcceptAsync(
        IDbContextFactory<DgeDbContext> factory, UserManager<DgeUser> manager, string email, string code, string password, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var normalized = manager.NormalizeEmail(email.Trim());
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        var token = user is null ? null : await db.UserTokens.FirstOrDefaultAsync(t => t.UserId == user.Id && t.LoginProvider == Provider && t.Name == TokenName, cancellationToken);
        // An account an admin locked cannot be opened by its invitation. A lock from failed sign-ins can: anyone who knows
        // the address could cause one, and the code proves more than any password guess.
        if (user is null || token?.Value?.Split('|') is not [_, var hash] || ExpiryOf(token.Value) <= now || user.PasswordHash is not null
            || user.LockoutEnd == DateTimeOffset.MaxValue
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(Hash(code))))
        {
            return new InvitationOutcome(InvitationResult.CodeInvalid, []);
        }

        try
        {
            await CheckPasswordAsync(manager, user, password, "password");
        }
        catch (MutationRefusedException refused)
        {
            return new InvitationOutcome(InvitationResult.PasswordRejected, [refused.Error.Message]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.PasswordHash = manager.PasswordHasher.HashPassword(user, password);
        user.EmailConfirmed = true;
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        user.SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        user.Version++;
        db.UserTokens.Remove(token);
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            ActorKind = AuditActorKind.User,
            ActorId = user.Id,
            ActorName = user.Email ?? user.Id,
            Operation = "acceptInvitation",
            EntityType = UserAccount.TypeName,
            EntityKey = 0,
            EntityId = new UserAccount(user.Id, user.Email ?? string.Empty, null, null, false, null, user.Version).Id,
            Before = JsonSerializer.Serialize(new { invitationPending = true }),
            After = JsonSerializer.Serialize(new { invitationPending = false }),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The code was used, or an admin changed the account, at the same moment: the code counts as spent.
            return new InvitationOutcome(InvitationResult.CodeInvalid, []);
        }

        await transaction.CommitAsync(cancellationToken);
        return new InvitationOutcome(InvitationResult.Accepted, []);
    }

    // Dashes, spaces and case do not matter: a person may type the code as they read it.
    private static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(new string(code.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant())));
}

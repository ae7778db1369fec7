using System.Buffers.Text;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Dge.Api.Audit;
using Dge.Api.Data;
using Dge.Api.GraphQL;
using Dge.Api.GraphQL.Mutations;
using GraphQL.Types;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Access;

public sealed record InviteUserInput
{
    public required string Email { get; init; }

    public required string Role { get; init; }
}

public sealed record SetUserRoleInput
{
    public required string Id { get; init; }

    public required int ExpectedVersion { get; init; }

    public required string Role { get; init; }
}

public sealed record LockUserInput
{
    public required string Id { get; init; }

    public required int ExpectedVersion { get; init; }
}

public sealed record ChangeMyPasswordInput
{
    public required string CurrentPassword { get; init; }

    public required string NewPassword { get; init; }
}

/// <summary>A person's account as admins see it: never a password hash, a security stamp or an invitation code.</summary>
public sealed record UserAccount(string Key, string Email, string? Role, DateTime? LockedOutUntil, bool InvitationPending, DateTime? InvitationExpiresAt, long Version)
{
    public const string TypeName = "User";

    /// <summary>The global id, <c>base64("User:" + key)</c> like every other id, with Identity's string key.</summary>
    public string Id => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TypeName}:{Key}"));

    /// <summary>The key of a user's global id, or null for anything else.</summary>
    public static string? KeyOf(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 200 || !Base64.IsValid(id))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(Convert.FromBase64String(id));
        return text.StartsWith(TypeName + ":", StringComparison.Ordinal) && text.Length > TypeName.Length + 1 ? text[(TypeName.Length + 1)..] : null;
    }
}

/// <summary>A new account's invitation: the code is in this answer only; DgeGraph keeps its hash.</summary>
public sealed record UserInvitation(string Code, DateTime ExpiresAt, UserAccount User);

/// <summary>
/// The people who sign in to the admin shell: admins list them, invite them with a role, change the role, and lock and
/// unlock them; anyone signed in changes their own password. A change of role or a lock renews the account's security
/// stamp, so its open sessions end within a minute. The changes are audited as entity type <c>User</c>, without secrets.
/// </summary>
public static class UserAccounts
{
    public static void AddUserQueries(this QueryType query) =>
        query.AddField(new FieldType
        {
            Name = "users",
            Description = $"Every account that can sign in to the admin shell, by e-mail. Needs the {Roles.Admin} role.",
            ResolvedType = new NonNullGraphType(new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(UserAccount.TypeName)))),
            Resolver = new global::GraphQL.Resolvers.FuncFieldResolver<object>(async context =>
            {
                await using var db = await context.RequestServices!.GetRequiredService<IDbContextFactory<DgeDbContext>>().CreateDbContextAsync(context.CancellationToken);
                var users = await db.Users.AsNoTracking().OrderBy(u => u.NormalizedEmail).ToListAsync(context.CancellationToken);
                var roles = await db.UserRoles.AsNoTracking().ToListAsync(context.CancellationToken);
                var invitations = await db.UserTokens.AsNoTracking().Where(t => t.LoginProvider == Invitations.Provider && t.Name == Invitations.TokenName).ToListAsync(context.CancellationToken);
                var now = context.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                return users.Select(user => Account(
                    user,
                    Highest(roles.Where(r => r.UserId == user.Id).Select(r => r.RoleId)),
                    Invitations.ExpiryOf(invitations.FirstOrDefault(t => t.UserId == user.Id)?.Value),
                    now)).ToList();
            }),
        }.RequireRole(Roles.Admin));

    public static MutationType AddUserMutations(this MutationType mutation)
    {
        var roleChoices = string.Join(", ", Roles.All);
        mutation.Add(new MutationDefinition<InviteUserInput, UserInvitation>
        {
            Name = "inviteUser",
            Description = $"Creates an account with a role and no password, and an invitation code valid for {Invitations.Lifetime.TotalDays:0} days. " +
                $"The person sets their password with the code on the admin shell's invitation page. The code is in this answer only. Needs the {Roles.Admin} role.",
            ResultField = "invitation",
            ResultType = "Invitation",
            Input =
            [
                new("email", "String!", "The person's e-mail address: their user name. One account per address."),
                new("role", "String!", $"What they may do: {roleChoices} (each includes the ones before it)."),
            ],
            Role = Roles.Admin,
            Run = InviteAsync,
        });
        mutation.Add(new MutationDefinition<SetUserRoleInput, UserAccount>
        {
            Name = "setUserRole",
            Description = $"Gives an account another role; its open sessions end within a minute. An admin cannot take the {Roles.Admin} role from themselves. Needs the {Roles.Admin} role.",
            ResultField = "user",
            ResultType = UserAccount.TypeName,
            Input =
            [
                new("id", "ID!", "The account."),
                new("expectedVersion", "Int!", "The account's version as last read."),
                new("role", "String!", $"The new role: {roleChoices}."),
            ],
            Errors = [MutationErrorGraphTypes.NotFound, MutationErrorGraphTypes.Conflict],
            Role = Roles.Admin,
            Run = SetRoleAsync,
        });
        mutation.Add(new MutationDefinition<LockUserInput, UserAccount>
        {
            Name = "lockUser",
            Description = $"Locks an account until it is unlocked: it cannot sign in, and its open sessions end within a minute. An admin cannot lock themselves. Needs the {Roles.Admin} role.",
            ResultField = "user",
            ResultType = UserAccount.TypeName,
            Input = [new("id", "ID!", "The account."), new("expectedVersion", "Int!", "The account's version as last read.")],
            Errors = [MutationErrorGraphTypes.NotFound, MutationErrorGraphTypes.Conflict],
            Role = Roles.Admin,
            Run = LockAsync,
        });
        mutation.Add(new MutationDefinition<LockUserInput, UserAccount>
        {
            Name = "unlockUser",
            Description = $"Unlocks an account, whether an admin locked it or failed sign-ins did, and forgets its failed sign-ins. Needs the {Roles.Admin} role.",
            ResultField = "user",
            ResultType = UserAccount.TypeName,
            Input = [new("id", "ID!", "The account."), new("expectedVersion", "Int!", "The account's version as last read.")],
            Errors = [MutationErrorGraphTypes.NotFound, MutationErrorGraphTypes.Conflict],
            Role = Roles.Admin,
            Run = UnlockAsync,
        });
        mutation.Add(new MutationDefinition<ChangeMyPasswordInput, UserAccount>
        {
            Name = "changeMyPassword",
            Description = "Changes the signed-in user's own password, given the current one; their other sessions end within a minute. " +
                $"For people signed in with the cookie (an API key has no password): needs the {Roles.Reader} role.",
            ResultField = "user",
            ResultType = UserAccount.TypeName,
            Input =
            [
                new("currentPassword", "String!", "The password used to sign in."),
                new("newPassword", "String!", "The new password: at least 12 characters, with upper and lower case letters, a digit and a symbol."),
            ],
            Role = Roles.Reader,
            Run = ChangeMyPasswordAsync,
        });
        return mutation;
    }

    /// <summary>The graph types of accounts and invitations.</summary>
    public static IEnumerable<IGraphType> Types()
    {
        var user = new ObjectGraphType<UserAccount> { Name = UserAccount.TypeName, Description = "An account that signs in to the admin shell with e-mail and password." };
        user.Field<NonNullGraphType<IdGraphType>>("id").Description("Global id of the account.").Resolve(context => context.Source.Id);
        user.Field<NonNullGraphType<StringGraphType>>("email").Description("The e-mail address, which is also the user name.").Resolve(context => context.Source.Email);
        user.Field<StringGraphType>("role").Description($"The account's role ({string.Join(", ", Roles.All)}); null: none.").Resolve(context => context.Source.Role);
        user.Field<DateTimeGraphType>("lockedOutUntil")
            .Description("Until when the account cannot sign in (UTC), after failed sign-ins or an admin's lock; null: not locked.")
            .Resolve(context => context.Source.LockedOutUntil);
        user.Field<NonNullGraphType<BooleanGraphType>>("invitationPending").Description("Whether the person has yet to set a password with their invitation.")
            .Resolve(context => context.Source.InvitationPending);
        user.Field<DateTimeGraphType>("invitationExpiresAt").Description("When the pending invitation's code stops working (UTC); null: none pending.")
            .Resolve(context => context.Source.InvitationExpiresAt);
        user.Field<NonNullGraphType<IntGraphType>>("version").Description("Changes with every change an admin makes; send it back as expectedVersion.")
            .Resolve(context => checked((int)context.Source.Version));
        yield return user;

        var invitation = new ObjectGraphType<UserInvitation> { Name = "Invitation", Description = "An invitation to set a password: give the code to the person, by a channel you trust." };
        invitation.Field<NonNullGraphType<StringGraphType>>("code").Description("The one-time code, shown this once: DgeGraph keeps only its hash.").Resolve(context => context.Source.Code);
        invitation.Field<NonNullGraphType<DateTimeGraphType>>("expiresAt").Description("When the code stops working (UTC).").Resolve(context => context.Source.ExpiresAt);
        invitation.Field("user", new NonNullGraphType(new GraphQLTypeReference(UserAccount.TypeName))).Description("The new account.").Resolve(context => context.Source.User);
        yield return invitation;
    }

    private static async Task<UserInvitation> InviteAsync(WriteTransaction write, InviteUserInput input, CancellationToken cancellationToken)
    {
        var email = InputRules.Email(input.Email, "email", 256);
        var role = KnownRole(input.Role);
        var normalizer = write.Services.GetRequiredService<ILookupNormalizer>();
        var normalized = normalizer.NormalizeEmail(email);
        if (await write.Db.Users.AnyAsync(u => u.NormalizedEmail == normalized || u.NormalizedUserName == normalized, cancellationToken))
        {
            throw MutationRefusedException.Invalid("email", "EMAIL_TAKEN", $"An account for {email} exists already.");
        }

        var user = new DgeUser
        {
            UserName = email,
            NormalizedUserName = normalizer.NormalizeName(email),
            Email = email,
            NormalizedEmail = normalized,
            SecurityStamp = NewStamp(),
            LockoutEnabled = true,
            Version = 1,
        };
        var (code, token, expiresAt) = Invitations.New(user.Id, write.Now);
        write.Db.Users.Add(user);
        write.Db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role });
        write.Db.UserTokens.Add(token);
        var account = Account(user, role, expiresAt, write.Now);
        Audit(write, account, before: null, after: new { email, role, invitationExpiresAt = expiresAt });
        return new UserInvitation(code, expiresAt, account);
    }

    private static async Task<UserAccount> SetRoleAsync(WriteTransaction write, SetUserRoleInput input, CancellationToken cancellationToken)
    {
        var user = await FindAsync(write, input.Id, input.ExpectedVersion, cancellationToken);
        var role = KnownRole(input.Role);
        if (IsCaller(write.User, user) && role != Roles.Admin)
        {
            throw MutationRefusedException.Invalid("role", "OWN_ADMIN_ROLE", $"You cannot take the {Roles.Admin} role from yourself: ask another admin.");
        }

        var current = await write.Db.UserRoles.Where(r => r.UserId == user.Id).ToListAsync(cancellationToken);
        var before = Highest(current.Select(r => r.RoleId));
        if (before == Roles.Admin && role != Roles.Admin)
        {
            await KeepAnAdminAsync(write, user, "role", cancellationToken);
        }

        write.Db.UserRoles.RemoveRange(current);
        write.Db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role });
        Changed(user);
        var account = await AccountAsync(write, user, role, cancellationToken);
        Audit(write, account, new { role = before }, new { role });
        return account;
    }

    private static async Task<UserAccount> LockAsync(WriteTransaction write, LockUserInput input, CancellationToken cancellationToken)
    {
        var user = await FindAsync(write, input.Id, input.ExpectedVersion, cancellationToken);
        if (IsCaller(write.User, user))
        {
            throw MutationRefusedException.Invalid("id", "OWN_ACCOUNT", "You cannot lock yourself out: ask another admin.");
        }

        if (await write.Db.UserRoles.AnyAsync(r => r.UserId == user.Id && r.RoleId == Roles.Admin, cancellationToken))
        {
            await KeepAnAdminAsync(write, user, "id", cancellationToken);
        }

        var before = user.LockoutEnd;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        Changed(user);
        var account = await AccountAsync(write, user, role: null, cancellationToken);
        Audit(write, account, new { lockedOutUntil = before }, new { lockedOutUntil = user.LockoutEnd });
        return account;
    }

    private static async Task<UserAccount> UnlockAsync(WriteTransaction write, LockUserInput input, CancellationToken cancellationToken)
    {
        var user = await FindAsync(write, input.Id, input.ExpectedVersion, cancellationToken);
        var before = user.LockoutEnd;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        user.Version++;
        var account = await AccountAsync(write, user, role: null, cancellationToken);
        Audit(write, account, new { lockedOutUntil = before }, new { lockedOutUntil = (DateTimeOffset?)null });
        return account;
    }

    private static async Task<UserAccount> ChangeMyPasswordAsync(WriteTransaction write, ChangeMyPasswordInput input, CancellationToken cancellationToken)
    {
        var id = write.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var user = AccessServiceCollectionExtensions.IsCookieAuthenticated(write.User) && id is not null
            ? await write.Db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
            : null;
        if (user is null)
        {
            throw new MutationRefusedException(new ForbiddenError("Only a person signed in with e-mail and password has a password to change; an API key has none."));
        }

        var manager = write.Services.GetRequiredService<UserManager<DgeUser>>();
        if (user.LockoutEnd > write.Now)
        {
            throw MutationRefusedException.Invalid("currentPassword", "LOCKED_OUT", "Too many wrong passwords: the account is locked for a while; try again later.");
        }

        if (user.PasswordHash is null || manager.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash, input.CurrentPassword ?? string.Empty) == PasswordVerificationResult.Failed)
        {
            // A wrong guess counts toward the lockout like one at sign-in, so a borrowed session cannot try passwords
            // without end. It is counted after the refusal has rolled the transaction back, or it would be undone with it.
            write.AfterRefusal(async () =>
            {
                if (await manager.FindByIdAsync(user.Id) is { } account)
                {
                    await manager.AccessFailedAsync(account);
                }
            });
            throw MutationRefusedException.Invalid("currentPassword", "WRONG_PASSWORD", "currentPassword is not your current password.");
        }

        await Invitations.CheckPasswordAsync(manager, user, input.NewPassword, "newPassword");
        if (input.NewPassword == input.CurrentPassword)
        {
            throw MutationRefusedException.Invalid("newPassword", "SAME_PASSWORD", "newPassword must differ from the current password.");
        }

        user.PasswordHash = manager.PasswordHasher.HashPassword(user, input.NewPassword!);
        user.AccessFailedCount = 0;
        user.SecurityStamp = NewStamp();
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        var account = await AccountAsync(write, user, role: null, cancellationToken);
        Audit(write, account, new { password = "(changed)" }, new { password = "(changed)" });
        return account;
    }

    /// <summary>
    /// Refuses a change that would leave no admin who can sign in: an admin's API key, or two admins at once, must not
    /// shut everyone out of user management (the start-up step restores the role of the configured admin, not a lock).
    /// </summary>
    private static async Task KeepAnAdminAsync(WriteTransaction write, DgeUser user, string field, CancellationToken cancellationToken)
    {
        var others = await (
            from role in write.Db.UserRoles
            where role.RoleId == Roles.Admin && role.UserId != user.Id
            join account in write.Db.Users on role.UserId equals account.Id
            where account.PasswordHash != null
            select account.LockoutEnd).ToListAsync(cancellationToken);
        if (!others.Any(lockedUntil => lockedUntil is null || lockedUntil <= write.Now))
        {
            throw MutationRefusedException.Invalid(field, "LAST_ADMIN", "This is the last admin who can sign in: make another account Admin first.");
        }
    }

    /// <summary>The account a global id names, checked against the version the caller read.</summary>
    private static async Task<DgeUser> FindAsync(WriteTransaction write, string id, int expectedVersion, CancellationToken cancellationToken)
    {
        var key = UserAccount.KeyOf(id) ?? throw MutationRefusedException.Invalid("id", "INVALID_ID", $"'{id}' is not the id of a {UserAccount.TypeName}.");
        var user = await write.Db.Users.FirstOrDefaultAsync(u => u.Id == key, cancellationToken) ?? throw MutationRefusedException.NotFound(id, UserAccount.TypeName);
        if (user.Version != expectedVersion)
        {
            throw MutationRefusedException.Conflict(UserAccount.TypeName, user.Version);
        }

        return user;
    }

    private static string KnownRole(string? role) => role is not null && Roles.IsKnown(role)
        ? role
        : throw MutationRefusedException.Invalid("role", "UNKNOWN_ROLE", $"role must be one of {string.Join(", ", Roles.All)}.");

    private static bool IsCaller(ClaimsPrincipal caller, DgeUser user) =>
        AccessServiceCollectionExtensions.IsCookieAuthenticated(caller) && caller.FindFirstValue(ClaimTypes.NameIdentifier) == user.Id;

    /// <summary>A change to who the person is or may be: a new version, and a new security stamp that ends their sessions.</summary>
    private static void Changed(DgeUser user)
    {
        user.Version++;
        user.SecurityStamp = NewStamp();
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
    }

    private static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));

    private static string? Highest(IEnumerable<string> roles) => Roles.All.LastOrDefault(roles.Contains);

    private static UserAccount Account(DgeUser user, string? role, DateTime? invitationExpiresAt, DateTime now) => new(
        user.Id,
        user.Email ?? user.UserName ?? string.Empty,
        role,
        user.LockoutEnd is { } end && end.UtcDateTime > now ? (end == DateTimeOffset.MaxValue ? DateTime.MaxValue : end.UtcDateTime) : null,
        user.PasswordHash is null,
        user.PasswordHash is null ? invitationExpiresAt : null,
        user.Version);

    private static async Task<UserAccount> AccountAsync(WriteTransaction write, DgeUser user, string? role, CancellationToken cancellationToken)
    {
        role ??= Highest(await write.Db.UserRoles.Where(r => r.UserId == user.Id).Select(r => r.RoleId).ToListAsync(cancellationToken));
        var token = await write.Db.UserTokens.FirstOrDefaultAsync(t => t.UserId == user.Id && t.LoginProvider == Invitations.Provider && t.Name == Invitations.TokenName, cancellationToken);
        return Account(user, role, Invitations.ExpiryOf(token?.Value), write.Now);
    }

    /// <summary>The audit entry of an account change, in the change's transaction; accounts are not graph entities, so it is written here.</summary>
    private static void Audit(WriteTransaction write, UserAccount account, object? before, object? after)
    {
        var (kind, actorId, actorName) = AuditRecorder.Actor(write.User);
        write.Db.AuditEntries.Add(new AuditEntry
        {
            At = write.Now,
            ActorKind = kind,
            ActorId = actorId,
            ActorName = actorName,
            Operation = write.Operation,
            EntityType = UserAccount.TypeName,
            EntityKey = 0,
            EntityId = account.Id,
            Before = before is null ? null : JsonSerializer.Serialize(before),
            After = after is null ? null : JsonSerializer.Serialize(after),
        });
    }
}

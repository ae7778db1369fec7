using System.Security.Cryptography;
using Dge.Api.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dge.Api.Access;

/// <summary>
/// Before the host reports ready, creates the roles, and creates or updates the admin account from <see cref="AdminAccountOptions"/>. In Development
/// without a password it creates the account with a random one and prints it once on the console (not in the log), when it
/// creates it; elsewhere an account is made only from configured values, so no default password ever works in Production.
/// </summary>
internal sealed partial class AdminAccount(
    IServiceScopeFactory scopes,
    IOptions<AdminAccountOptions> options,
    IHostEnvironment environment,
    ConsoleNotice console,
    ILogger<AdminAccount> logger) : IStartupStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EnsureAsync(cancellationToken);
        }
        catch (AdminAccountException exception)
        {
            // The operator's settings are wrong: say so loudly, and keep serving the read-only graph meanwhile.
            LogNotSetUp(logger, exception.Message);
        }
    }

    private async Task EnsureAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var scope = scopes.CreateAsyncScope();

        // The roles exist whether or not this host keeps an admin account: users are given them later.
        await EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        var configured = options.Value;
        var email = configured.Email ?? (environment.IsDevelopment() ? AdminAccountOptions.DevelopmentEmail : null);
        if (email is null || (configured.Password is null && !environment.IsDevelopment()))
        {
            LogNotConfigured(logger);
            return;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<DgeUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            var password = configured.Password ?? RandomPassword();
            user = new DgeUser { UserName = email, Email = email, EmailConfirmed = true };
            Check(await users.CreateAsync(user, password), email);
            if (configured.Password is null)
            {
                // On the console, not in the log: log entries are kept and exported with their attributes.
                console.WriteLine($"DgeGraph (Development): the admin account {email} has the password {password} (shown this once; set Dge__Admin__Password to choose one).");
                LogGeneratedPassword(logger, email);
            }
            else
            {
                LogCreated(logger, email);
            }
        }
        else if (configured.Password is not null && !await users.CheckPasswordAsync(user, configured.Password))
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            Check(await users.ResetPasswordAsync(user, token, configured.Password), email);
            LogPasswordUpdated(logger, email);
        }

        if (!await users.IsInRoleAsync(user, Roles.Admin))
        {
            Check(await users.AddToRoleAsync(user, Roles.Admin), email);
        }
    }

    private static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                // The role's name is its id, so every database holds the same role rows (and user-role rows read plainly).
                await roles.CreateAsync(new IdentityRole(role) { Id = role, ConcurrencyStamp = role });
            }
        }
    }

    // A configured password that breaks the password rules stops here, with the rules named, instead of starting without an admin.
    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new AdminAccountException($"The admin account {email} could not be set up: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    // 24 characters from four classes, so every password rule holds.
    private static string RandomPassword()
    {
        const string lower = "abcdefghijkmnopqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "-_.!#%+";
        var all = lower + upper + digits + symbols;
        var characters = new[] { lower, upper, digits, symbols }.Select(set => set[RandomNumberGenerator.GetInt32(set.Length)])
            .Concat(Enumerable.Range(0, 20).Select(_ => all[RandomNumberGenerator.GetInt32(all.Length)]))
            .ToArray();
        RandomNumberGenerator.Shuffle(characters.AsSpan());
        return new string(characters);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the Development admin account {Email} with a generated password, printed once on the console (not logged); set Dge__Admin__Password to choose one.")]
    private static partial void LogGeneratedPassword(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the admin account {Email}.")]
    private static partial void LogCreated(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Information, Message = "Set the admin account {Email}'s password from the configuration.")]
    private static partial void LogPasswordUpdated(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Reason} Fix Dge__Admin__Email and Dge__Admin__Password and restart.")]
    private static partial void LogNotSetUp(ILogger logger, string reason);

    private sealed class AdminAccountException(string message) : Exception(message);

    [LoggerMessage(Level = LogLevel.Information, Message = "No admin account is configured (Dge__Admin__Email and Dge__Admin__Password).")]
    private static partial void LogNotConfigured(ILogger logger);
}

using System.Security.Claims;

namespace Dge.Api.Access;

/// <summary>
/// The three roles of DgeGraph, each including the one below it: an <see cref="Admin"/> is also an <see cref="Editor"/>,
/// an Editor is also a <see cref="Reader"/>. Anonymous callers have none.
/// </summary>
public static class Roles
{
    /// <summary>Reads personal data (doctors' and coordinators' e-mail and phone).</summary>
    public const string Reader = "Reader";

    /// <summary>Writes the graph through the mutations.</summary>
    public const string Editor = "Editor";

    /// <summary>Manages users and API keys and reads the audit log.</summary>
    public const string Admin = "Admin";

    /// <summary>The roles from the lowest to the highest.</summary>
    public static IReadOnlyList<string> All { get; } = [Reader, Editor, Admin];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="user"/> holds <paramref name="role"/> or a role above it.</summary>
    public static bool Has(ClaimsPrincipal? user, string role)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        var needed = Rank(role);
        return All.Where(r => Rank(r) >= needed).Any(user.IsInRole);
    }

    private static int Rank(string role) => All.ToList().IndexOf(role) is var rank and >= 0
        ? rank
        : throw new ArgumentException($"'{role}' is not a role.", nameof(role));
}

using System.Security.Claims;

namespace Dge.Tests.Infrastructure;

/// <summary>Callers for in-process execution: anonymous, or signed in with one role.</summary>
public static class TestPrincipals
{
    public static ClaimsPrincipal Anonymous { get; } = new(new ClaimsIdentity());

    public static ClaimsPrincipal WithRole(string role, string name = "test@dge.local") =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.NameIdentifier, name), new Claim(ClaimTypes.Role, role)], authenticationType: "Test"));
}

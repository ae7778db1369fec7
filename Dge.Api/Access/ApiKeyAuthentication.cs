using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dge.Api.Access;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c>. A request without the header is not this handler's; one with a header that is not a
/// usable key fails, and <see cref="AccessServiceCollectionExtensions.UseDgeAccess"/> answers it 401: a bad key is never
/// quietly treated as anonymous.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private const string Bearer = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <API key>'.");
        }

        var key = await keys.AuthenticateAsync(header[Bearer.Length..].Trim(), Context.RequestAborted);
        return key is null
            ? AuthenticateResult.Fail("The API key is unknown, revoked or expired.")
            : AuthenticateResult.Success(new AuthenticationTicket(ApiKeys.PrincipalOf(key), SchemeName));
    }
}

using Dge.Admin.Access;
using Dge.Api.Hosting;

namespace Dge.Api.Access;

/// <summary>
/// <c>POST /account/signin</c> and <c>POST /account/signout</c>: JSON in, the sign-in cookie out. JSON only, so a form on
/// another site cannot sign a visitor in or out.
/// </summary>
public static class AccountEndpoints
{
    public static WebApplication MapDgeAccount(this WebApplication app)
    {
        app.MapPost("/account/signin", SignInAsync).Accepts<SignInRequest>("application/json").RateLimitedPerCaller();
        app.MapPost("/account/signout", SignOutAsync);
        return app;
    }

    public sealed record SignInRequest(string? Email, string? Password);

    private static async Task SignInAsync(HttpContext context, IAdminAccount signIn)
    {
        if (!context.Request.HasJsonContentType())
        {
            await AccessServiceCollectionExtensions.WriteErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "Send the e-mail and password as application/json.");
            return;
        }

        SignInRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync<SignInRequest>(context.RequestAborted);
        }
        catch (System.Text.Json.JsonException)
        {
            request = null;
        }

        if (string.IsNullOrWhiteSpace(request?.Email) || string.IsNullOrEmpty(request.Password))
        {
            await AccessServiceCollectionExtensions.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "INVALID_SIGN_IN", "Give an e-mail and a password as JSON: {\"email\": …, \"password\": …}.");
            return;
        }

        switch (await signIn.SignInAsync(request.Email.Trim(), request.Password, context.RequestAborted))
        {
            case SignInOutcome.SignedIn:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            case SignInOutcome.LockedOut:
                await AccessServiceCollectionExtensions.WriteErrorAsync(context, StatusCodes.Status423Locked, "ACCOUNT_LOCKED", "Too many failed sign-ins: the account is locked for a while.");
                break;
            default:
                await AccessServiceCollectionExtensions.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "AUTH_NOT_AUTHENTICATED", "The e-mail or the password is wrong.");
                break;
        }
    }

    private static async Task SignOutAsync(HttpContext context, IAdminAccount signIn)
    {
        await signIn.SignOutAsync(context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}

using Dge.Admin;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Api.Access;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;

namespace Dge.Api.Hosting;

/// <summary>
/// The admin shell (Razor class library Dge.Admin), mounted at /admin, with its in-process GraphQL client and its
/// policies, made from the API's roles: every page needs a signed-in Reader, edit pages an Editor, user and key pages an Admin.
/// </summary>
public static class AdminHostingExtensions
{
    private const string AdminPath = "/admin";
    private const string SignInPath = "/admin/account/signin";
    private const string StatusPath = "/admin/status";

    public static WebApplicationBuilder AddDgeAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddDgeAdminPages();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<IAdminGraphQLClient, InProcessGraphQLClient>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicies.Read, policy => ShellPolicy(policy, Roles.Reader))
            .AddPolicy(AdminPolicies.Edit, policy => ShellPolicy(policy, Roles.Editor))
            .AddPolicy(AdminPolicies.Manage, policy => ShellPolicy(policy, Roles.Admin));

        // The API answers a missing or short sign-in with 401/403; the shell's pages send a browser to sign in instead.
        builder.Services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, cookie =>
        {
            var toLogin = cookie.Events.OnRedirectToLogin;
            cookie.Events.OnRedirectToLogin = context =>
            {
                if (!IsShell(context.Request))
                {
                    return toLogin(context);
                }

                var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                context.Response.Redirect($"{SignInPath}?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
                return Task.CompletedTask;
            };
        });
        return builder;
    }

    /// <summary>
    /// An admin request that ends in an error status without a body (403 for a role that does not reach the page, 404)
    /// shows the shell's status page in its place: the status and the URL stay.
    /// </summary>
    public static WebApplication UseDgeAdminStatusPages(this WebApplication app)
    {
        app.UseStatusCodePagesWithReExecute(StatusPath, "?code={0}");
        // The API's own answers (JSON errors, empty 404s) stay as they are: the page is for the shell's visitors.
        app.Use((context, next) =>
        {
            if (!IsShell(context.Request) && context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }

            return next(context);
        });
        return app;
    }

    public static WebApplication MapDgeAdmin(this WebApplication app)
    {
        app.MapGet("/", () => Results.Redirect(AdminPath)).ExcludeFromDescription();
        app.MapDgeAdminPages();
        return app;
    }

    // Pages are for people: only the sign-in cookie counts, not an API key.
    private static void ShellPolicy(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy, string role) => policy
        .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
        .RequireAuthenticatedUser()
        .RequireAssertion(context => Roles.Has(context.User, role));

    private static bool IsShell(HttpRequest request) => request.Path.StartsWithSegments(AdminPath, StringComparison.OrdinalIgnoreCase);
}

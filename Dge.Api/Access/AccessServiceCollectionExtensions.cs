using System.Security.Claims;
using Dge.Admin.Access;
using Dge.Api.Data;
using Dge.Api.Data.Providers;
using Dge.Api.GraphQL;
using GraphQL;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dge.Api.Access;

/// <summary>
/// Who the caller is: a signed-in user (ASP.NET Core Identity, cookie) or a program with an API key (bearer), and the
/// admin account the host keeps. What each role may do is checked by the fields (<see cref="FieldAccess"/>).
/// </summary>
public static class AccessServiceCollectionExtensions
{
    /// <summary>The sign-in cookie's name.</summary>
    public const string CookieName = "dge.auth";

    /// <summary>The name the data protection keys are kept under: the same for every instance, wherever it is installed.</summary>
    public const string DataProtectionApplicationName = "DgeGraph";

    private const string CallerScheme = "DgeCaller";

    /// <summary>
    /// On PostgreSQL, data protection would read its keys at start-up, to spare the first request: before the database is
    /// migrated (a new database has no key table yet), failing with an error in the log. There the keys are made or read by
    /// a start-up step after the migration instead (<see cref="SharedDataProtectionKeys"/>). Called last, as every part that
    /// uses data protection (cookies, antiforgery, the admin pages) registers the start-up read again.
    /// </summary>
    public static WebApplicationBuilder LoadDataProtectionKeysAfterMigration(this WebApplicationBuilder builder)
    {
        if (StoreSettings.Of(builder).IsSqlite)
        {
            return builder;
        }

        foreach (var eager in builder.Services.Where(service => service.ServiceType == typeof(IHostedService) && service.ImplementationType?.Name == "DataProtectionHostedService").ToList())
        {
            builder.Services.Remove(eager);
        }

        return builder;
    }

    public static WebApplicationBuilder AddDgeAccess(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AdminAccountOptions>(builder.Configuration.GetSection(AdminAccountOptions.Section));

        // Identity's stores take the context from the request scope; the host otherwise creates contexts from the pool.
        builder.Services.AddScoped(services => services.GetRequiredService<IDbContextFactory<DgeDbContext>>().CreateDbContext());
        builder.Services.AddIdentityCore<DgeUser>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.Password.RequiredLength = 12;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                identity.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DgeDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        // On PostgreSQL the keys that protect the sign-in cookie and the admin shell's antiforgery tokens live in the
        // database, under one application name, so every instance reads the cookies and forms of the others. The first key
        // is made at start-up under the instances' start-up lock, so two instances starting together do not each make
        // their own. On SQLite (one machine) they stay in the user's key folder, out of the database and its backups.
        if (!StoreSettings.Of(builder).IsSqlite)
        {
            builder.Services.AddDataProtection().SetApplicationName(DataProtectionApplicationName).PersistKeysToDbContext<DgeDbContext>();
            builder.Services.AddSingleton<IStartupStep, SharedDataProtectionKeys>();
        }

        // A changed role or a lock reaches a signed-in user within a minute, not after the default half hour.
        builder.Services.Configure<SecurityStampValidatorOptions>(stamp => stamp.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.AddAuthentication(CallerScheme)
            .AddPolicyScheme(CallerScheme, "A bearer API key when the request has an Authorization header, else the sign-in cookie", policy =>
                policy.ForwardDefaultSelector = context => context.Request.Headers.Authorization.Count > 0
                    ? ApiKeyAuthentication.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddCookie(IdentityConstants.ApplicationScheme, cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
                cookie.Events.OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync;
                cookie.Events.OnRedirectToLogin = context => Refuse(context.Response, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => Refuse(context.Response, StatusCodes.Status403Forbidden);
            })
            // When the security stamp check rejects a cookie, Identity signs out of this scheme too; without it the sign-out
            // throws and every request of that browser fails instead of going back to sign-in. No cookie of it is ever issued.
            .AddCookie(IdentityConstants.TwoFactorRememberMeScheme);
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<ApiKeys>();
        builder.Services.AddScoped<IAdminAccount, AccountSignIn>();
        builder.Services.AddSingleton<IStartupStep, AdminAccount>();
        builder.Services.TryAddSingleton<ConsoleNotice>();
        return builder;
    }

    /// <summary>Finds out who each request comes from, before the rate limiter, which gives authenticated callers their own bucket.</summary>
    public static WebApplication UseDgeAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        return app;
    }

    /// <summary>
    /// Refuses two kinds of request outright: one whose Authorization header is not a usable key (401), and one that a
    /// signed-in user's browser sent from another site (403), since its cookie would act for them. After the rate limiter,
    /// so a stream of made-up keys is limited like any other traffic from its address.
    /// </summary>
    public static WebApplication UseDgeAccess(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            // Health probes answer whatever headers a load balancer adds.
            if (context.Request.Headers.Authorization.Count > 0 && context.User.Identity?.IsAuthenticated != true
                && !context.Request.Path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase))
            {
                var failure = (await context.AuthenticateAsync(ApiKeyAuthentication.SchemeName)).Failure?.Message ?? "The API key is not valid.";
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "AUTH_NOT_AUTHENTICATED", failure);
                return;
            }

            if (IsCookieAuthenticated(context.User) && IsCrossSite(context.Request))
            {
                await WriteErrorAsync(context, StatusCodes.Status403Forbidden, "CROSS_SITE_REQUEST", "A signed-in browser request must come from this site.");
                return;
            }

            await next(context);
        });
        app.UseAuthorization();
        return app;
    }

    public static bool IsCookieAuthenticated(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: var type } && type == IdentityConstants.ApplicationScheme;

    /// <summary>The browser says the request comes from another site (Fetch metadata), or its Origin is not this host.</summary>
    private static bool IsCrossSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site")
        {
            return true;
        }

        // The browser vouches for the request's site itself; its Origin may then be "null" (a form post from a page
        // with Referrer-Policy: no-referrer, as this host's pages have).
        if (site is "same-origin")
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0
            && !(Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private static Task Refuse(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    internal static async Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var serializer = context.RequestServices.GetRequiredService<IGraphQLSerializer>();
        await serializer.WriteAsync(context.Response.Body, ErrorResults.Of(code, message), context.RequestAborted);
    }
}

using Dge.Api.GraphQL.Http;
using Microsoft.Net.Http.Headers;

namespace Dge.Api.Hosting;

/// <summary>
/// Cross-origin calls to <c>/graphql</c> from the origins in <c>Dge:Cors:Origins</c> (none by default: no CORS headers at
/// all), so a front-end dev server on another origin can use the API. GET and POST with <c>Content-Type</c>,
/// <c>Accept</c> and <c>Authorization</c>; credentials (cookies) are not allowed: the API reads no cookie, and a page on an
/// allowed origin must not be able to act with a signed-in admin's cookies.
/// </summary>
public static class CorsExtensions
{
    private const string PolicyName = "DgeGraphQL";

    public static WebApplicationBuilder AddDgeCors(this WebApplicationBuilder builder)
    {
        var origins = AllowedOrigins(builder.Configuration);
        if (origins.Length > 0)
        {
            builder.Services.AddCors(cors => cors.AddPolicy(PolicyName, policy => policy
                .WithOrigins(origins)
                .WithMethods(HttpMethods.Get, HttpMethods.Post)
                .WithHeaders("Content-Type", "Accept", "Authorization")
                // Browsers cap this (Chromium at 2 hours); it spares a preflight before every POST.
                .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        }

        return builder;
    }

    /// <summary>Only on <c>/graphql</c>: the admin shell and the health checks are not for other origins.</summary>
    public static WebApplication UseDgeCors(this WebApplication app)
    {
        if (AllowedOrigins(app.Configuration).Length > 0)
        {
            app.UseWhen(context => context.Request.Path.StartsWithSegments(GraphQLHttpEndpoint.Path), branch => branch.Use(VaryByOrigin).UseCors(PolicyName));
        }

        return app;
    }

    /// <summary>
    /// Every answer varies by origin, not only those to a request that sent one: else a shared cache could keep an
    /// answer without the CORS headers and hand it to a page on an allowed origin.
    /// </summary>
    private static Task VaryByOrigin(HttpContext context, Func<Task> next)
    {
        context.Response.OnStarting(() =>
        {
            var vary = context.Response.Headers.Vary;
            if (!vary.Any(value => value?.Contains(HeaderNames.Origin, StringComparison.OrdinalIgnoreCase) == true))
            {
                context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Origin);
            }

            return Task.CompletedTask;
        });
        return next();
    }

    /// <summary>
    /// The configured origins, each <c>scheme://host[:port]</c> as a browser sends it in <c>Origin</c>; anything else
    /// stops the host at start-up rather than silently never matching.
    /// </summary>
    private static string[] AllowedOrigins(IConfiguration configuration)
    {
        var origins = configuration.GetSection("Dge:Cors:Origins").Get<string[]>() ?? [];
        foreach (var origin in origins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.GetLeftPart(UriPartial.Authority) != origin.TrimEnd('/'))
            {
                throw new InvalidOperationException($"Dge:Cors:Origins: '{origin}' is not an origin; give scheme, host and port only, e.g. http://localhost:5173.");
            }
        }

        return [.. origins.Select(origin => origin.TrimEnd('/'))];
    }
}

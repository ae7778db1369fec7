using Dge.Api.GraphQL.Http;

namespace Dge.Api.Hosting;

/// <summary>Configuration section <c>Dge:SecurityHeaders</c>.</summary>
public sealed class SecurityHeadersOptions
{
    public const string Section = "Dge:SecurityHeaders";

    /// <summary>
    /// The policy of the HTML pages (the admin shell, error pages): everything from this host, inline styles (the admin
    /// layout has its style sheet inline), no script but this host's, no framing.
    /// </summary>
    public const string DefaultContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; worker-src 'self' blob:; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>
    /// The IDE page's policy: the pages' policy plus <c>'unsafe-eval'</c>, because Banana Cake Pop compiles its JSON
    /// schemas into functions (Ajv, <c>new Function</c>) and does not start without it. Its scripts still come only
    /// from this host; the real-browser test checks that the IDE runs with no violation.
    /// </summary>
    public const string DefaultIdeContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; worker-src 'self' blob:; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>Whether the headers are sent; off only behind a proxy that sets its own.</summary>
    public bool Enabled { get; set; } = true;

    public string ContentSecurityPolicy { get; set; } = DefaultContentSecurityPolicy;

    public string IdeContentSecurityPolicy { get; set; } = DefaultIdeContentSecurityPolicy;
}

/// <summary>
/// Security headers on every response: <c>X-Content-Type-Options: nosniff</c>, <c>X-Frame-Options: DENY</c> and
/// <c>Referrer-Policy: no-referrer</c>; HTML pages get the configured Content-Security-Policy (the IDE its own), and every other
/// answer but scripts (JSON, the SDL, CSV, redirects, errors) a policy that lets a browser run nothing in them. And no <c>Server</c> header, which only helps an attacker
/// pick exploits.
/// </summary>
public static class SecurityHeadersExtensions
{
    /// <summary>For everything but pages and scripts, which a browser should never treat as a page with active content.</summary>
    private const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static WebApplicationBuilder AddDgeSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddSingleton(builder.Configuration.GetSection(SecurityHeadersOptions.Section).Get<SecurityHeadersOptions>() ?? new SecurityHeadersOptions());
        return builder;
    }

    /// <summary>Before the IDE's static files and every endpoint, so all their responses carry the headers.</summary>
    public static WebApplication UseDgeSecurityHeaders(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<SecurityHeadersOptions>();
        if (!options.Enabled)
        {
            return app;
        }

        app.Use((context, next) =>
        {
            // Set as the response starts, once its content type is known.
            context.Response.OnStarting(() =>
            {
                var isIde = context.Request.Path.StartsWithSegments(GraphQLHttpEndpoint.Path);
                AddHeaders(context.Response, isIde ? options.IdeContentSecurityPolicy : options.ContentSecurityPolicy);
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    private static void AddHeaders(HttpResponse response, string pagePolicy)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        var mediaType = response.ContentType?.Split(';')[0].Trim();
        if (string.Equals(mediaType, "text/html", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentSecurityPolicy = pagePolicy;
        }
        else if (!IsScript(mediaType))
        {
            // API answers, CSV downloads, redirects and errors alike: nothing in them may run. Scripts are left alone, as
            // a worker script's own policy would bind the IDE's workers.
            headers.ContentSecurityPolicy = ApiContentSecurityPolicy;
        }
    }

    private static bool IsScript(string? mediaType) =>
        mediaType is not null && (mediaType.EndsWith("/javascript", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("/ecmascript", StringComparison.OrdinalIgnoreCase));
}

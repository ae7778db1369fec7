using Microsoft.AspNetCore.Http;

namespace Dge.Admin;

/// <summary>
/// The pages' scripts and styles (<c>Assets/</c>, embedded at build time), served at <c>/admin/assets/{name}</c>: the
/// Content-Security-Policy allows scripts from this origin only, never inline. Every page also works without them.
/// </summary>
public static class AdminAssets
{
    private const string ResourcePrefix = "AdminAssets/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    /// <summary>The asset's bytes with its content type, or 404 for a name that is not an embedded asset.</summary>
    public static IResult Serve(string name, HttpContext context)
    {
        if (!ContentTypes.TryGetValue(Path.GetExtension(name), out var contentType)
            || typeof(AdminAssets).Assembly.GetManifestResourceStream(ResourcePrefix + name) is not { } stream)
        {
            return Results.NotFound();
        }

        // An hour is short enough for a new version to reach every secretary the same day.
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Stream(stream, contentType);
    }
}

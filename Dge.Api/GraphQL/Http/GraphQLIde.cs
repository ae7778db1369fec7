using System.Net.Mime;

namespace Dge.Api.GraphQL.Http;

/// <summary>
/// Banana Cake Pop, the GraphQL IDE at <c>/graphql/</c>: the npm package installed by the build into
/// <c>GraphQL/Ide/node_modules</c> (never committed), served as it is, licence file included, when configured on
/// (<c>Dge:GraphQL:Ide</c>).
/// </summary>
public sealed class GraphQLIde(string packageDirectory, bool isServed = true)
{
    /// <summary>Where the build installs the package, under the content root (the Dge.Api project folder).</summary>
    public static GraphQLIde Locate(IHostEnvironment environment, bool isServed = true) =>
        new(Path.Combine(environment.ContentRootPath, "GraphQL", "Ide", "node_modules", "@chillicream", "bananacakepop-graphql-ide"), isServed);

    public string PackageDirectory { get; } = packageDirectory;

    /// <summary>Whether the IDE is configured on; when off, <c>/graphql/</c> and its assets are 404.</summary>
    public bool IsServed { get; } = isServed;

    public bool IsInstalled => File.Exists(IndexPath);

    /// <summary>The licence the package ships, which its terms require to stay alongside the files.</summary>
    public string LicensePath => Path.Combine(PackageDirectory, "LICENSE");

    private string IndexPath => Path.Combine(PackageDirectory, "index.html");

    /// <summary>
    /// What the IDE reads from <c>bcp-config.json</c> next to its index: the endpoint, resolved against the page's URL,
    /// so it works behind any host name; and no usage telemetry, which would call out to the vendor.
    /// </summary>
    public static IdeConfiguration Configuration(string endpoint) => new(endpoint, UseBrowserUrlAsEndpoint: true, DisableTelemetry: true);

    /// <summary>The IDE's page, or a page that says how to install it.</summary>
    public async Task WriteIndexAsync(HttpContext context)
    {
        var response = context.Response;
        if (!IsServed)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // The page names its hashed scripts: revalidate it so an upgraded package is picked up at once.
        response.Headers.CacheControl = "no-cache";
        response.ContentType = $"{MediaTypeNames.Text.Html}; charset=utf-8";
        if (IsInstalled)
        {
            await response.SendFileAsync(IndexPath, context.RequestAborted);
            return;
        }

        response.StatusCode = StatusCodes.Status404NotFound;
        await response.WriteAsync(NotInstalledPage, context.RequestAborted);
    }

    private const string NotInstalledPage = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>DgeGraph: GraphQL IDE not installed</title></head>
        <body>
        <h1>The GraphQL IDE is not installed</h1>
        <p>Banana Cake Pop (npm package <code>@chillicream/bananacakepop-graphql-ide</code>) is installed by the build when
        <code>npm</code> is on the PATH. To install it, either run <code>npm ci</code> in <code>Dge.Api/GraphQL/Ide</code>,
        or rebuild (<code>dotnet build Dge.Api</code>) with Node.js and npm installed, then restart the host.</p>
        <p>The GraphQL API works without it: send operations to <code>/graphql</code>; its schema is at
        <a href="../graphql?sdl"><code>/graphql?sdl</code></a>.</p>
        </body>
        </html>
        """;
}

/// <summary>The shape of Banana Cake Pop 18's <c>bcp-config.json</c> (camelCase on the wire).</summary>
public sealed record IdeConfiguration(string Endpoint, bool UseBrowserUrlAsEndpoint, bool DisableTelemetry);

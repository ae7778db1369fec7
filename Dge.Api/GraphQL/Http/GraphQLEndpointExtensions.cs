using Dge.Api.GraphQL.Exposure;
using Dge.Api.Hosting;
using Microsoft.Extensions.FileProviders;

namespace Dge.Api.GraphQL.Http;

public static partial class GraphQLEndpointExtensions
{
    /// <summary>
    /// The GraphQL API at <c>/graphql</c> (GET and POST; other methods get 405 from routing), its SDL at
    /// <c>/graphql?sdl</c>, and the Banana Cake Pop IDE at <c>/graphql/</c> with its <c>bcp-config.json</c>.
    /// </summary>
    public static WebApplication MapDgeGraphQL(this WebApplication app)
    {
        var ide = GraphQLIde.Locate(app.Environment, app.Services.GetRequiredService<GraphQLExposureOptions>().Ide);
        if (ide.IsServed)
        {
            MapIde(app, ide);
        }

        var endpoint = ActivatorUtilities.CreateInstance<GraphQLHttpEndpoint>(app.Services, ide);
        app.MapMethods(GraphQLHttpEndpoint.Path, [HttpMethods.Get, HttpMethods.Post], endpoint.HandleAsync)
            .ExcludeFromDescription()
            .RateLimitedPerCaller();
        return app;
    }

    /// <summary>The IDE's assets as the package ships them, and its configuration.</summary>
    private static void MapIde(WebApplication app, GraphQLIde ide)
    {
        if (ide.IsInstalled)
        {
            // Routing has run by now, so /graphql itself never gets here.
            app.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = GraphQLHttpEndpoint.Path,
                FileProvider = new PhysicalFileProvider(ide.PackageDirectory),
            });
            app.MapGet($"{GraphQLHttpEndpoint.Path}/LICENSE", () => Results.File(ide.LicensePath, "text/plain; charset=utf-8"))
                .ExcludeFromDescription();
        }
        else
        {
            LogIdeNotInstalled(app.Logger, ide.PackageDirectory);
        }

        app.MapGet($"{GraphQLHttpEndpoint.Path}/bcp-config.json", () => Results.Json(GraphQLIde.Configuration(GraphQLHttpEndpoint.Path)))
            .ExcludeFromDescription();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The GraphQL IDE is not installed at {Directory}: /graphql/ shows how to install it (npm ci in Dge.Api/GraphQL/Ide).")]
    private static partial void LogIdeNotInstalled(ILogger logger, string directory);
}

using Dge.Admin;
using Dge.Admin.Client;

namespace Dge.Api.Hosting;

/// <summary>The admin shell (Razor class library Dge.Admin), mounted at /admin, with its in-process GraphQL client.</summary>
public static class AdminHostingExtensions
{
    public static WebApplicationBuilder AddDgeAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddDgeAdminPages();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<IAdminGraphQLClient, InProcessGraphQLClient>();
        return builder;
    }

    public static WebApplication MapDgeAdmin(this WebApplication app)
    {
        app.MapGet("/", () => Results.Redirect("/admin")).ExcludeFromDescription();
        app.MapDgeAdminPages();
        return app;
    }
}

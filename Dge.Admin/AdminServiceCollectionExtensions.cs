using Dge.Admin.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Admin;

public static class AdminServiceCollectionExtensions
{
    /// <summary>The admin shell's pages, under the area <c>Admin</c>, served at <c>/admin</c>.</summary>
    public static IServiceCollection AddDgeAdminPages(this IServiceCollection services)
    {
        // Every page needs a signed-in Reader unless it says otherwise (sign-in, the status page).
        services.AddRazorPages(pages => pages.Conventions.AuthorizeAreaFolder("Admin", "/", AdminPolicies.Read));
        return services;
    }

    public static IEndpointRouteBuilder MapDgeAdminPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRazorPages();
        endpoints.MapMethods("/admin/assets/{name}", [HttpMethods.Get, HttpMethods.Head], AdminAssets.Serve).ExcludeFromDescription();
        return endpoints;
    }
}

using Dge.Api.Access;
using Dge.Api.Backup;
using Dge.Api.Composition;
using Dge.Api.Data;
using Dge.Api.GraphQL;
using Dge.Api.GraphQL.Documents;
using Dge.Api.GraphQL.Http;
using Dge.Api.Hosting.Telemetry;
using Dge.Api.Views;

namespace Dge.Api.Hosting;

/// <summary>
/// The host as one recipe: the services, then the pipeline and endpoints. <c>Program</c> runs it; the performance suite's
/// benchmark host runs the same recipe and maps its baseline endpoints beside it, so what it measures is the product.
/// </summary>
public static class DgeApplication
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddDgeThreadPool();
        builder.AddDgeTelemetry();
        builder.AddDgeData();
        builder.AddDgeBackup();
        builder.AddDgeAccess();
        builder.AddDgeGraphQL(DgeAreas.All);
        builder.AddDgeTrustedDocuments();
        builder.AddDgeViews();
        builder.AddDgeAdmin();
        builder.AddDgeSecurityHeaders();
        builder.AddDgeCors();
        builder.AddDgeRateLimiting();
        builder.LoadDataProtectionKeysAfterMigration();
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.UseDgeSecurityHeaders();
        app.UseDgeMetricsEndpoint();
        app.UseDgeAdminStatusPages();
        app.UseDgeCors();
        app.UseDgeAuthentication();
        app.UseDgeRateLimiting();
        app.UseDgeAccess();
        app.MapDgeHealth();
        app.MapDgeAccount();
        app.MapDgeReports();
        app.MapDgeGraphQL();
        app.MapDgeAdmin();
        app.LogDgeAddresses();
        return app;
    }
}

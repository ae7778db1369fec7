using Dge.Api.Data.Durability;
using Dge.Api.Data.Interruption;
using Dge.Api.Data.Providers;
using Dge.Api.Data.Seed;
using Dge.Api.Hosting.Telemetry;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dge.Api.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the store: a pooled <see cref="DgeDbContext"/> factory (resolvers and batch loaders each take their own
    /// context from it) whose statements stop when their request is cancelled, whose connections sort names in Danish, commit durably and wait
    /// their turn to write (<see cref="DurabilityOptions"/>), and the start-up migration and seed.
    /// </summary>
    public static WebApplicationBuilder AddDgeData(this WebApplicationBuilder builder)
    {
        var store = StoreSettings.Of(builder);
        builder.Services.AddSingleton(store);

        builder.Services.Configure<SeedOptions>(builder.Configuration.GetSection(SeedOptions.Section));
        var durability = builder.Configuration.GetSection(DurabilityOptions.Section).Get<DurabilityOptions>() ?? new DurabilityOptions();
        builder.Services.AddSingleton(durability);
        builder.Services.AddSingleton<WriterQueue>();
        builder.Services.AddPooledDbContextFactory<DgeDbContext>((services, options) =>
        {
            options.UseStore(store);
            if (store.IsSqlite)
            {
                options.UseCompiledModel().InterruptOnCancellation();
                options.AddInterceptors(new SqliteDurabilityInterceptor(durability));
            }

            options.AddInterceptors(new SqlTime.Interceptor());
            options.AddInterceptors(services.GetServices<IInterceptor>());

            // A failed statement or save is reported by whoever handles it: a busy database and a refused row are answered
            // (SERVER_BUSY, DUPLICATE, CONSTRAINT) and logged as warnings, anything unexpected as an error by the request's
            // unhandled-error handler. EF Core's own entries would add an error-level line for load or a client's mistake.
            options.ConfigureWarnings(warnings => warnings.Log(
                (RelationalEventId.CommandError, LogLevel.Warning),
                (CoreEventId.SaveChangesFailed, LogLevel.Warning)));
        });
        builder.Services.AddSingleton<DatabaseReadiness>();
        builder.Services.AddSingleton<DatabaseProbe>();

        // Registered before the initializer, as hosted services start in order: the host holds its lock before it opens the
        // database. It keeps a restore of the file out while the host runs; a PostgreSQL server has no file to protect.
        if (store.IsSqlite)
        {
            builder.Services.AddHostedService(services => new HostLock(store.ConnectionString, services.GetRequiredService<ILogger<HostLock>>()));
        }

        builder.Services.AddHostedService<DatabaseInitializer>();

        // Checks the file once the host has stopped, so the next start need not (SQLite; see CleanStop).
        builder.Services.AddHostedService<CleanStop>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [DatabaseHealthCheck.ReadinessTag]);
        return builder;
    }
}

using Dge.Api.Data.Collation;
using Dge.Api.Data.Durability;
using Dge.Api.Data.Interruption;
using Dge.Api.Data.Seed;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dge.Api.Data;

public static class DataServiceCollectionExtensions
{
    public const string ConnectionStringName = "Dge";

    private const string DefaultConnectionString = "Data Source=App_Data/dge.db";

    /// <summary>
    /// Registers the store: a pooled <see cref="DgeDbContext"/> factory (resolvers and batch loaders each take their own
    /// context from it) whose statements stop when their request is cancelled, whose connections sort names in Danish, commit durably and wait
    /// their turn to write (<see cref="DurabilityOptions"/>), and the start-up migration and seed.
    /// </summary>
    public static WebApplicationBuilder AddDgeData(this WebApplicationBuilder builder)
    {
        var connectionString = ConnectionString(builder.Configuration, builder.Environment);

        builder.Services.Configure<SeedOptions>(builder.Configuration.GetSection(SeedOptions.Section));
        var durability = builder.Configuration.GetSection(DurabilityOptions.Section).Get<DurabilityOptions>() ?? new DurabilityOptions();
        builder.Services.AddSingleton(durability);
        builder.Services.AddSingleton<WriterQueue>();
        builder.Services.AddPooledDbContextFactory<DgeDbContext>((services, options) =>
        {
            options.UseCompiledModel().UseSqlite(connectionString).InterruptOnCancellation().UseDanishCollation();
            options.AddInterceptors(new SqliteDurabilityInterceptor(durability));
            options.AddInterceptors(services.GetServices<IInterceptor>());
        });
        builder.Services.AddSingleton<DatabaseReadiness>();
        builder.Services.AddSingleton<DatabaseProbe>();

        // Registered before the initializer, as hosted services start in order: the host holds its lock before it opens the database.
        builder.Services.AddHostedService(services => new HostLock(connectionString, services.GetRequiredService<ILogger<HostLock>>()));
        builder.Services.AddHostedService<DatabaseInitializer>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [DatabaseHealthCheck.ReadinessTag]);
        return builder;
    }

    /// <summary>
    /// The connection string of the configured database (<c>ConnectionStrings:Dge</c>, default App_Data/dge.db), resolved
    /// as the host resolves it; the backup and restore commands use it too, so they act on the host's database.
    /// </summary>
    internal static string ConnectionString(IConfiguration configuration, IHostEnvironment environment) =>
        ResolveSqliteConnectionString(configuration.GetConnectionString(ConnectionStringName) ?? DefaultConnectionString, environment.ContentRootPath);

    /// <summary>A relative SQLite path is relative to the host's content root, and its folder is created.</summary>
    internal static string ResolveSqliteConnectionString(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (DatabaseFile(connectionString) is { } dataSource)
        {
            if (!Path.IsPathRooted(dataSource))
            {
                dataSource = Path.GetFullPath(Path.Combine(contentRoot, dataSource));
                csb.DataSource = dataSource;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(dataSource)!);
        }

        return csb.ToString();
    }

    /// <summary>The database file a SQLite connection string names, or null for an in-memory database.</summary>
    internal static string? DatabaseFile(string connectionString)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        var inMemory = string.IsNullOrEmpty(csb.DataSource) || csb.DataSource == ":memory:" || csb.Mode == SqliteOpenMode.Memory;
        return inMemory ? null : csb.DataSource;
    }
}

using Microsoft.Data.Sqlite;

namespace Dge.Api.Data.Providers;

/// <summary>
/// Which database the host uses: the provider (<c>Dge:Database:Provider</c>, SQLite unless it says Postgres) and its
/// connection string (<c>ConnectionStrings:Dge</c>). Resolved once, the same way by the host and its commands (migrate,
/// backup, restore), so they all act on the host's database.
/// </summary>
public sealed record StoreSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Dge:Database:Provider";

    public const string ConnectionStringName = "Dge";

    private const string DefaultSqliteConnectionString = "Data Source=App_Data/dge.db";

    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    /// <summary>PostgreSQL: whether a starting host creates its database when it is missing (<see cref="PostgresMigrator.CreateIfMissingKey"/>).</summary>
    public bool CreatesMissingDatabase { get; init; }

    /// <summary>The settings of the host being built, read from its configuration once and kept with the builder for the parts that register after.</summary>
    public static StoreSettings Of(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Properties.TryGetValue(typeof(StoreSettings), out var kept) && kept is StoreSettings store)
        {
            return store;
        }

        store = From(builder.Configuration, builder.Environment);
        builder.Properties[typeof(StoreSettings)] = store;
        return store;
    }

    /// <summary>The settings of <paramref name="configuration"/>; a relative SQLite path is relative to the content root.</summary>
    /// <exception cref="InvalidOperationException">The provider is not one of <see cref="DatabaseProvider"/>, or PostgreSQL has no connection string.</exception>
    /// <exception cref="InvalidOperationException">
    /// Also when <see cref="PostgresMigrator.CreateIfMissingKey"/> is not true or false: the host does not start on a setting it cannot read.
    /// </exception>
    public static StoreSettings From(IConfiguration configuration, IHostEnvironment environment) =>
        From(configuration, environment.ContentRootPath) with { CreatesMissingDatabase = PostgresMigrator.CreatesMissingDatabase(configuration, environment) };

    /// <inheritdoc cref="From(IConfiguration, IHostEnvironment)"/>
    public static StoreSettings From(IConfiguration configuration, string contentRoot)
    {
        var provider = ParseProvider(configuration[ProviderKey]);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (provider == DatabaseProvider.Sqlite)
        {
            try
            {
                return new(provider, ResolveSqliteConnectionString(connectionString ?? DefaultSqliteConnectionString, contentRoot));
            }
            catch (ArgumentException wrong)
            {
                throw new InvalidOperationException(
                    $"ConnectionStrings:{ConnectionStringName} is not a SQLite connection string ({wrong.Message}); for a PostgreSQL server set {ProviderKey} to Postgres.", wrong);
            }
        }

        try
        {
            var npgsql = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(npgsql.Host) || string.IsNullOrWhiteSpace(npgsql.Database))
            {
                throw new ArgumentException("it names no Host or no Database");
            }
        }
        catch (ArgumentException wrong)
        {
            throw new InvalidOperationException(
                $"{ProviderKey} is {provider}, but ConnectionStrings:{ConnectionStringName} is not an Npgsql connection string ({wrong.Message}); " +
                "for example Host=db.example;Database=dge;Username=dge;Password=….", wrong);
        }

        return new(provider, WithAutoPrepare(connectionString!));
    }

    /// <summary>How many statements each PostgreSQL connection keeps prepared when the connection string does not say.</summary>
    public const int DefaultMaxAutoPrepare = 250;

    /// <summary>
    /// PostgreSQL plans a statement on every execution unless it is prepared, and for the views planning took as long as
    /// running them (7 ms for a coverage statement). Npgsql prepares a statement on the server once it has run a few times on
    /// a connection (<c>Max Auto Prepare</c>, off by default), so the host turns that on unless the connection string sets it:
    /// <c>Max Auto Prepare=0</c> turns it off again, as a pooler in transaction mode (PgBouncer before 1.21) needs.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.Keys.Cast<string>().Any(k => k.Replace(" ", string.Empty, StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
            ? connectionString
            : $"{connectionString.TrimEnd().TrimEnd(';')};Max Auto Prepare={DefaultMaxAutoPrepare}";
    }

    /// <summary>The provider named by a setting: case does not matter, and no value means SQLite.</summary>
    public static DatabaseProvider ParseProvider(string? value) =>
        string.IsNullOrWhiteSpace(value) ? DatabaseProvider.Sqlite
        : value.Trim().ToUpperInvariant() switch
        {
            "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
            _ => throw new InvalidOperationException($"{ProviderKey} is '{value}'; it must be Sqlite (the default) or Postgres."),
        };

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

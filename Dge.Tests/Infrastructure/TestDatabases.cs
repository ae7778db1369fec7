using Dge.Api.Data;
using Dge.Api.Data.Providers;
using Dge.Api.Data.Seed;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dge.Tests.Infrastructure;

/// <summary>
/// Seeded template databases, built once per test run and copied per test, so each test owns its data without paying for
/// the seed again. A database is named by a string: on SQLite the path of its file, on PostgreSQL <c>postgres:</c> and the
/// database's name (<see cref="ConnectionString"/>, <see cref="Open"/> and <see cref="DgeAppFactory"/> take either).
/// The provider is the run's (<see cref="Provider"/>, from <c>DGE_TEST_PROVIDER</c>), so the whole suite runs on each; a
/// test of something only SQLite has (its file, its backups) asks for SQLite by name.
/// </summary>
public static class TestDatabases
{
    /// <summary>The environment variable that chooses the run's provider: Sqlite (the default) or Postgres.</summary>
    public const string ProviderVariable = "DGE_TEST_PROVIDER";

    /// <summary>The host's default seed, so tests see the database a developer sees.</summary>
    public static readonly int RandomSeed = new SeedOptions().RandomSeed;

    private const string PostgresPrefix = "postgres:";

    private static readonly string Parent = Path.Combine(Path.GetTempPath(), "dge-tests");
    private static readonly string Root = Path.Combine(Parent, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    private static readonly Dictionary<(DatabaseProvider, int), Lazy<Task<string>>> Templates = [];

    /// <summary>
    /// The test run's databases are deleted when it ends, and those of earlier runs whose process is gone (killed or
    /// crashed before it could clean up) when the next run starts. PostgreSQL's go the same way (see
    /// <see cref="PostgresServer"/>), or with the server the run started.
    /// </summary>
    static TestDatabases()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            SqliteConnection.ClearAllPools();
            TryDelete(Root);
        };
        if (Directory.Exists(Parent))
        {
            foreach (var folder in Directory.EnumerateDirectories(Parent))
            {
                if (int.TryParse(Path.GetFileName(folder), out var processId) && !IsRunning(processId))
                {
                    TryDelete(folder);
                }
            }
        }
    }

    /// <summary>The provider this test run runs on.</summary>
    public static DatabaseProvider Provider { get; } = StoreSettings.ParseProvider(Environment.GetEnvironmentVariable(ProviderVariable));

    /// <summary>The provider of a database named as this class names them.</summary>
    public static DatabaseProvider ProviderOf(string database) =>
        database.StartsWith(PostgresPrefix, StringComparison.Ordinal) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    /// <summary>A private copy of the national (scale 1) database, on the run's provider or the one named.</summary>
    public static Task<string> CopyNationalAsync(DatabaseProvider? provider = null) => CopyAsync(provider ?? Provider, scale: 1);

    /// <summary>A private copy of a scale-2 database: twice the people and groups of the national one.</summary>
    public static Task<string> CopyDoubleAsync(DatabaseProvider? provider = null) => CopyAsync(provider ?? Provider, scale: 2);

    /// <summary>A private copy of a database holding only the reference data (geography, themes).</summary>
    public static Task<string> CopyReferenceOnlyAsync(DatabaseProvider? provider = null) => CopyAsync(provider ?? Provider, scale: 0);

    /// <summary>A fresh database name where no database exists yet: a file path on SQLite.</summary>
    public static string NewPath(DatabaseProvider? provider = null)
    {
        if ((provider ?? Provider) == DatabaseProvider.Postgres)
        {
            return PostgresPrefix + $"dge_{Environment.ProcessId}_{Guid.NewGuid():N}";
        }

        Directory.CreateDirectory(Root);
        return Path.Combine(Root, $"{Guid.NewGuid():N}.db");
    }

    /// <summary>The connection string of <paramref name="database"/>, for its provider; unpooled on SQLite.</summary>
    public static string ConnectionString(string database) => ProviderOf(database) == DatabaseProvider.Postgres
        ? PostgresServer.ConnectionStringFor(database[PostgresPrefix.Length..])
        : new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString();

    /// <summary>The settings the host reads for <paramref name="database"/>.</summary>
    public static StoreSettings Store(string database) => new(ProviderOf(database), ConnectionString(database));

    public static DgeDbContext Open(string database) => new(new DbContextOptionsBuilder<DgeDbContext>().UseStore(Store(database)).Options);

    /// <summary>Migrates and seeds a new database the way the host does.</summary>
    public static async Task<string> CreateSeededAsync(int scale, int? randomSeed = null, DatabaseProvider? provider = null)
    {
        var database = NewPath(provider);
        await using var db = Open(database);
        await db.Database.MigrateAsync();
        await DatabaseSeeder.SeedAsync(db, new SeedOptions { Scale = scale, RandomSeed = randomSeed ?? RandomSeed }, CancellationToken.None);
        return database;
    }

    private static async Task<string> CopyAsync(DatabaseProvider provider, int scale)
    {
        Lazy<Task<string>> template;
        lock (Templates)
        {
            if (!Templates.TryGetValue((provider, scale), out template!))
            {
                template = new(() => BuildTemplateAsync(provider, scale));
                Templates.Add((provider, scale), template);
            }
        }

        var source = await template.Value;
        var copy = NewPath(provider);
        if (provider == DatabaseProvider.Postgres)
        {
            // PostgreSQL copies a database that nobody is connected to; only the template's build connected to it.
            await PostgresServer.ExecuteAsync($"CREATE DATABASE \"{Name(copy)}\" TEMPLATE \"{Name(source)}\"");
        }
        else
        {
            File.Copy(source, copy);
        }

        return copy;
    }

    private static async Task<string> BuildTemplateAsync(DatabaseProvider provider, int scale)
    {
        var database = await CreateSeededAsync(scale, provider: provider);
        if (provider == DatabaseProvider.Postgres)
        {
            // The build's pooled connections would keep the template from being copied.
            NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString(database)));
        }

        return database;
    }

    private static string Name(string database) => database[PostgresPrefix.Length..];

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A file still open or made immutable by a test that failed half-way: the next run tries again.
        }
    }
}

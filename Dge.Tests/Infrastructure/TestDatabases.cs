using Dge.Api.Data;
using Dge.Api.Data.Seed;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Infrastructure;

/// <summary>
/// Seeded template databases, built once per test run and copied per test, so each test owns its data
/// without paying for the seed again.
/// </summary>
public static class TestDatabases
{
    /// <summary>The host's default seed, so tests see the database a developer sees.</summary>
    public static readonly int RandomSeed = new SeedOptions().RandomSeed;

    private static readonly string Parent = Path.Combine(Path.GetTempPath(), "dge-tests");
    private static readonly string Root = Path.Combine(Parent, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    private static readonly Lazy<Task<string>> NationalTemplate = new(() => BuildTemplateAsync(scale: 1));
    private static readonly Lazy<Task<string>> ReferenceOnlyTemplate = new(() => BuildTemplateAsync(scale: 0));
    private static readonly Lazy<Task<string>> DoubleTemplate = new(() => BuildTemplateAsync(scale: 2));

    /// <summary>
    /// The test run's databases are deleted when it ends, and those of earlier runs whose process is gone (killed or
    /// crashed before it could clean up) when the next run starts.
    /// </summary>
    static TestDatabases()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(Root);
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

    /// <summary>A private copy of the national (scale 1) database.</summary>
    public static async Task<string> CopyNationalAsync() => Copy(await NationalTemplate.Value);

    /// <summary>A private copy of a scale-2 database: twice the people and groups of the national one.</summary>
    public static async Task<string> CopyDoubleAsync() => Copy(await DoubleTemplate.Value);

    /// <summary>A private copy of a database holding only the reference data (geography, themes).</summary>
    public static async Task<string> CopyReferenceOnlyAsync() => Copy(await ReferenceOnlyTemplate.Value);

    /// <summary>A fresh path where no database exists yet.</summary>
    public static string NewPath()
    {
        Directory.CreateDirectory(Root);
        return Path.Combine(Root, $"{Guid.NewGuid():N}.db");
    }

    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();

    public static DgeDbContext Open(string path) =>
        new(new DbContextOptionsBuilder<DgeDbContext>().UseSqlite(ConnectionString(path)).Options);

    /// <summary>Migrates and seeds a new database file the way the host does.</summary>
    public static async Task<string> CreateSeededAsync(int scale, int? randomSeed = null)
    {
        var path = NewPath();
        await using var db = Open(path);
        await db.Database.MigrateAsync();
        await DatabaseSeeder.SeedAsync(db, new SeedOptions { Scale = scale, RandomSeed = randomSeed ?? RandomSeed }, CancellationToken.None);
        return path;
    }

    private static Task<string> BuildTemplateAsync(int scale) => CreateSeededAsync(scale);

    private static string Copy(string template)
    {
        var path = NewPath();
        File.Copy(template, path);
        return path;
    }

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

using Dge.Api.Data;
using Dge.Api.Data.Collation;
using Dge.Api.Data.Seed;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Dge.Benchmarks;

/// <summary>The national (scale 1) database the benchmarks read: seeded once per run, the way the host seeds it.</summary>
public static class BenchmarkDatabase
{
    public const int RandomSeed = 20261124;

    public static string Path { get; private set; } = string.Empty;

    public static string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path }.ToString();

    public static async Task SeedAsync()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dge-benchmarks", $"national-{RandomSeed}.db");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        if (File.Exists(Path))
        {
            File.Delete(Path);
        }

        await using var db = new DgeDbContext(new DbContextOptionsBuilder<DgeDbContext>().UseSqlite(ConnectionString).Options);
        await db.Database.MigrateAsync();
        await DatabaseSeeder.SeedAsync(db, new SeedOptions { Scale = 1, RandomSeed = RandomSeed }, CancellationToken.None);
    }

    /// <summary>A pooled factory, as the host registers one: each view call gets its own short-lived context.</summary>
    public static IDbContextFactory<DgeDbContext> CreateFactory() =>
        new PooledDbContextFactory<DgeDbContext>(new DbContextOptionsBuilder<DgeDbContext>().UseSqlite(ConnectionString).UseDanishCollation().Options);
}

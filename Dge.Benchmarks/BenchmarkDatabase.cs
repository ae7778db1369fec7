using Dge.Api.Data;
using Dge.Api.Data.Providers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Dge.Benchmarks;

/// <summary>The national (scale 1) database the view benchmarks read: a copy of the suite's cached scale-1 database (<see cref="ScaleDatabases"/>).</summary>
public static class BenchmarkDatabase
{
    public static string Path { get; private set; } = string.Empty;

    public static string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path }.ToString();

    public static async Task SeedAsync()
    {
        var (cached, _) = await ScaleDatabases.EnsureAsync(1);
        Path = ScaleDatabases.WorkingCopy(cached, "views");
    }

    /// <summary>A pooled factory, as the host registers one: each view call gets its own short-lived context.</summary>
    public static IDbContextFactory<DgeDbContext> CreateFactory() =>
        new PooledDbContextFactory<DgeDbContext>(new DbContextOptionsBuilder<DgeDbContext>().UseStore(new StoreSettings(DatabaseProvider.Sqlite, ConnectionString)).Options);
}

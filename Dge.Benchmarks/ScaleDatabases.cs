using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dge.Api.Data;
using Dge.Api.Data.Providers;
using Dge.Api.Data.Seed;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dge.Benchmarks;

/// <summary>
/// The seeded databases the suite runs on, one per scale, cached between runs in <c>~/.cache/dge-benchmarks</c>
/// (<c>DGE_BENCHMARK_CACHE</c> elsewhere). A file's name carries a hash of the seed's source, the reference data and the
/// migrations, so a change to any of them seeds again. Each seed runs in a child process, which reports its time and peak
/// memory; a run works on a copy, so the mutations it sends never change the cached file.
/// </summary>
public static class ScaleDatabases
{
    public const int RandomSeed = 20261124;

    public static string CacheFolder =>
        Environment.GetEnvironmentVariable("DGE_BENCHMARK_CACHE") is { Length: > 0 } folder ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "dge-benchmarks");

    /// <summary>The cached database at <paramref name="scale"/>, seeded first if missing; with the seed's figures when it was seeded now.</summary>
    public static async Task<(string Path, SeedReport? Seeded)> EnsureAsync(int scale)
    {
        Directory.CreateDirectory(CacheFolder);
        var path = Path.Combine(CacheFolder, $"scale-{scale}-seed-{RandomSeed}-{SourceHash()}.db");
        if (File.Exists(path))
        {
            return (path, null);
        }

        var partial = path + ".seeding";
        DeleteDatabase(partial);
        Console.WriteLine($"Seeding scale {scale} (a child process) into {partial} …");
        var report = await SeedInChildAsync(scale, [partial], () => Task.FromResult(new FileInfo(partial).Length));
        File.Move(partial, path);
        return (path, report);
    }

    /// <summary>
    /// The cached PostgreSQL database at <paramref name="scale"/> on <paramref name="server"/> (a connection string to any of
    /// its databases), seeded first if missing: a database named by the scale and the same source hash, never changed after
    /// seeding. A run works on a copy made with <c>CREATE DATABASE … TEMPLATE</c>.
    /// </summary>
    public static async Task<(BenchmarkStore Store, SeedReport? Seeded)> EnsurePostgresAsync(int scale, string server)
    {
        var name = $"dge_bench_scale{scale}_{RandomSeed}_{SourceHash(PostgresSources)}";
        var store = BenchmarkStore.Postgres(server, name);
        if (await PostgresScalarAsync(server, "SELECT COUNT(*) FROM pg_database WHERE datname = @name", name) is 1L)
        {
            return (store, null);
        }

        var partial = BenchmarkStore.Postgres(server, name + "_seeding");
        await DeleteAsync(partial);
        await PostgresCommandAsync(server, $"CREATE DATABASE \"{partial.Name}\"");
        Console.WriteLine($"Seeding scale {scale} (a child process) into {partial} …");
        var report = await SeedInChildAsync(scale, ["--postgres", partial.ConnectionString], async () =>
            (long)(await PostgresScalarAsync(server, "SELECT pg_database_size(@name)", partial.Name))!);
        await PostgresCommandAsync(server, $"ALTER DATABASE \"{partial.Name}\" RENAME TO \"{name}\"");
        return (store, report);
    }

    /// <summary>A working copy of a cached store for one run: a file in the system's temporary folder, or a database copied from the cached one as template.</summary>
    public static async Task<BenchmarkStore> WorkingCopyAsync(BenchmarkStore cached, string label)
    {
        if (cached.Provider == DatabaseProvider.Sqlite)
        {
            return BenchmarkStore.Sqlite(WorkingCopy(cached.Name, label));
        }

        var copy = BenchmarkStore.Postgres(cached.ConnectionString, $"dge_bench_{label}_{Environment.ProcessId}");
        await DeleteAsync(copy);
        await PostgresCommandAsync(cached.ConnectionString, $"CREATE DATABASE \"{copy.Name}\" TEMPLATE \"{cached.Name}\"");
        return copy;
    }

    /// <summary>Deletes a working copy: the file and its companions, or the database (its connections closed first).</summary>
    public static async Task DeleteAsync(BenchmarkStore store)
    {
        store.ClearPools();
        if (store.Provider == DatabaseProvider.Sqlite)
        {
            DeleteDatabase(store.Name);
            return;
        }

        // FORCE ends the sessions still on it; one still running a long statement may take longer than the server waits
        // for it (55006, "being accessed by other users"): then try again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await PostgresCommandAsync(store.ConnectionString, $"DROP DATABASE IF EXISTS \"{store.Name}\" WITH (FORCE)");
                return;
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.ObjectInUse && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
    }

    private static async Task<object?> PostgresScalarAsync(string server, string sql, string name)
    {
        await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync();
    }

    private static async Task PostgresCommandAsync(string server, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A working copy of <paramref name="cached"/> for one run, in the system's temporary folder.</summary>
    public static string WorkingCopy(string cached, string label)
    {
        var copy = Path.Combine(Path.GetTempPath(), $"dge-bench-{label}-{Environment.ProcessId}.db");
        DeleteDatabase(copy);
        File.Copy(cached, copy);
        return copy;
    }

    public static void DeleteDatabase(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal", path + ".host-lock", path + ".startup-lock", path + ".clean-stop", path + ".backups.json" })
        {
            File.Delete(file);
        }
    }

    /// <summary>Seeds an empty database (a file path, or <c>--postgres</c> and a connection string) in this process; the time excludes PostgreSQL's closing <c>VACUUM ANALYZE</c> (the child's side of <see cref="SeedInChildAsync"/>).</summary>
    public static async Task<int> SeedHereAsync(int scale, string[] target)
    {
        var started = Stopwatch.GetTimestamp();
        double seconds;
        var store = target is ["--postgres", var server] ? new StoreSettings(DatabaseProvider.Postgres, server)
            : new StoreSettings(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = target[0] }.ToString());
        var options = new DbContextOptionsBuilder<DgeDbContext>().UseStore(store).Options;
        await using (var db = new DgeDbContext(options))
        {
            await db.Database.MigrateAsync();
            if (store.Provider == DatabaseProvider.Sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }

            await DatabaseSeeder.SeedAsync(db, new SeedOptions { Scale = scale, RandomSeed = RandomSeed }, CancellationToken.None);
            seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (store.Provider == DatabaseProvider.Postgres)
            {
                // The planner's statistics, as autovacuum would gather them soon after a bulk load: the copies inherit them.
                await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE;");
            }
        }

        SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        Console.WriteLine(FormattableString.Invariant($"SEEDED {seconds:F2} {PeakWorkingSetMegabytes():F0}"));
        return 0;
    }

    private static async Task<SeedReport> SeedInChildAsync(int scale, string[] target, Func<Task<long>> bytes)
    {
        var (exit, output) = await ChildProcess.RunAsync(["seed", scale.ToString(CultureInfo.InvariantCulture), .. target]);
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("SEEDED ", StringComparison.Ordinal));
        if (exit != 0 || line is null)
        {
            throw new InvalidOperationException($"Seeding scale {scale} failed (exit {exit}):\n{output}");
        }

        var parts = line.Split(' ');
        var report = new SeedReport(scale, double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture), await bytes());
        Console.WriteLine(report);
        return report;
    }

    /// <summary>The process's peak resident set (VmHWM) in MB, on Linux; the current working set elsewhere.</summary>
    public static double PeakWorkingSetMegabytes()
    {
        const string Status = "/proc/self/status";
        if (File.Exists(Status))
        {
            var line = File.ReadLines(Status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
            {
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
        }

        return Environment.WorkingSet / 1024d / 1024d;
    }

    private static readonly string[] SqliteSources = ["Dge.Api/Data/Seed", "Dge.Api/Data/Reference", "Dge.Api/Data/Migrations"];

    private static readonly string[] PostgresSources = ["Dge.Api/Data/Seed", "Dge.Api/Data/Reference", "Dge.Api/Data/PostgresMigrations"];

    private static string SourceHash(string[]? folders = null)
    {
        var root = Operations.RepositoryRoot();
        folders ??= SqliteSources;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in folders.SelectMany(f => Directory.GetFiles(Path.Combine(root, f))).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file)));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }
}

/// <summary>How long seeding one scale took, its peak memory and the file it made.</summary>
public sealed record SeedReport(int Scale, double Seconds, double PeakMegabytes, long Bytes)
{
    public override string ToString() => FormattableString.Invariant($"Scale {Scale}: seeded in {Seconds:F1} s, peak memory {PeakMegabytes:F0} MB, {Bytes / 1024d / 1024d:F0} MB on disk.");
}

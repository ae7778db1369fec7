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
        var report = await SeedInChildAsync(scale, partial);
        File.Move(partial, path);
        return (path, report);
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
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal", path + ".host-lock", path + ".startup-lock", path + ".backups.json" })
        {
            File.Delete(file);
        }
    }

    /// <summary>Seeds an empty database at <paramref name="path"/> in this process (the child's side of <see cref="SeedInChildAsync"/>).</summary>
    public static async Task<int> SeedHereAsync(int scale, string path)
    {
        var started = Stopwatch.GetTimestamp();
        var options = new DbContextOptionsBuilder<DgeDbContext>().UseStore(new StoreSettings(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path }.ToString())).Options;
        await using (var db = new DgeDbContext(options))
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await DatabaseSeeder.SeedAsync(db, new SeedOptions { Scale = scale, RandomSeed = RandomSeed }, CancellationToken.None);
        }

        SqliteConnection.ClearAllPools();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine(FormattableString.Invariant($"SEEDED {seconds:F2} {PeakWorkingSetMegabytes():F0}"));
        return 0;
    }

    private static async Task<SeedReport> SeedInChildAsync(int scale, string path)
    {
        Console.WriteLine($"Seeding scale {scale} (a child process) into {path} …");
        var (exit, output) = await ChildProcess.RunAsync(["seed", scale.ToString(CultureInfo.InvariantCulture), path]);
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("SEEDED ", StringComparison.Ordinal));
        if (exit != 0 || line is null)
        {
            throw new InvalidOperationException($"Seeding scale {scale} failed (exit {exit}):\n{output}");
        }

        var parts = line.Split(' ');
        var report = new SeedReport(scale, double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture), new FileInfo(path).Length);
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

    private static string SourceHash()
    {
        var root = Operations.RepositoryRoot();
        var folders = new[] { "Dge.Api/Data/Seed", "Dge.Api/Data/Reference", "Dge.Api/Data/Migrations" };
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

using System.Diagnostics;
using Dge.Api.Data.Providers;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Dge.Tests.Hosting;

/// <summary>
/// kill -9 of the real host process at random moments of its first start (migrating and seeding a new database), then a
/// restart: each restart must reach ready with exactly the database an uninterrupted start gives.
/// </summary>
[Collection(SqlitePoolsCollection.Name)]
public sealed class StartupRecoveryTests(ITestOutputHelper output)
{
    private const int Kills = 20;

    // Scale 1 seeds in about a second, so the kills land inside the seed as well as in the migration before it.
    private const int Scale = 1;

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Start_KilledAtRandomMomentsOfMigrationAndSeed_EveryRestartReachesReadyWithTheUninterruptedDatabase()
    {
        var (referenceHash, window) = await StartUninterruptedAsync();
        var random = new Random(20261202);
        int staleLocksCleared = 0, reseeded = 0, foundComplete = 0;

        for (var kill = 0; kill < Kills; kill++)
        {
            var path = TestDatabases.NewPath(DatabaseProvider.Sqlite);
            try
            {
                // Every other kill lands in the first 15% of the window, where the migration runs and holds EF Core's
                // lock, a phase far shorter than the seed that follows.
                var spread = kill % 2 == 0 ? 0.15 : 1.0;
                var killAfter = TimeSpan.FromMilliseconds(random.NextDouble() * spread * window.TotalMilliseconds);
                using (var victim = HostProcess.Start(path, Scale, TestDatabases.RandomSeed))
                {
                    await WaitForFileAsync(path);
                    await Task.Delay(killAfter);
                    await victim.KillAsync();
                }

                string log;
                using (var restarted = HostProcess.Start(path, Scale, TestDatabases.RandomSeed))
                {
                    await restarted.WaitUntilReadyAsync(ReadyTimeout);
                    await restarted.KillAsync();
                    log = restarted.Output;
                }

                staleLocksCleared += log.Contains("Cleared a migration lock", StringComparison.Ordinal) ? 1 : 0;
                reseeded += log.Contains("Seeded the database", StringComparison.Ordinal) ? 1 : 0;
                foundComplete += log.Contains("already holds data", StringComparison.Ordinal) ? 1 : 0;
                await using var db = TestDatabases.Open(path);
                var counts = await DatabaseContent.RowCountsAsync(db);
                Assert.Equal(98, counts["Municipalities"]);
                Assert.Equal(5, counts["KapUnits"]);
                Assert.Equal(37, counts["Themes"]);
                Assert.Equal(0, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"__EFMigrationsLock\"").SingleAsync());
                Assert.True(referenceHash == await DatabaseContent.HashAsync(db), $"Kill {kill} after {killAfter.TotalMilliseconds:F0} ms: the restarted database differs from an uninterrupted seed.");
            }
            finally
            {
                DeleteDatabase(path);
            }
        }

        output.WriteLine($"{Kills} kills over a {window.TotalMilliseconds:F0} ms migrate+seed window; every restart ready with the uninterrupted database. " +
            $"Restarts that cleared a stale migration lock: {staleLocksCleared}; re-seeded an empty database: {reseeded}; found the seed complete: {foundComplete}.");

        // The kills must have landed inside the seed, or the test proved nothing about a half-seeded database.
        Assert.True(reseeded > 0, "No kill landed before the seed committed.");
    }

    // The reference database and the length of the window that kills are spread over: from the moment the database file
    // appears to the moment the host answers ready.
    private static async Task<(string Hash, TimeSpan Window)> StartUninterruptedAsync()
    {
        var path = TestDatabases.NewPath(DatabaseProvider.Sqlite);
        try
        {
            TimeSpan window;
            using (var host = HostProcess.Start(path, Scale, TestDatabases.RandomSeed))
            {
                await WaitForFileAsync(path);
                var stopwatch = Stopwatch.StartNew();
                await host.WaitUntilReadyAsync(ReadyTimeout);
                window = stopwatch.Elapsed;
                await host.KillAsync();
            }

            await using var db = TestDatabases.Open(path);
            return (await DatabaseContent.HashAsync(db), window);
        }
        finally
        {
            DeleteDatabase(path);
        }
    }

    private static async Task WaitForFileAsync(string path)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (!File.Exists(path))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The host did not create {path}.");
            }

            await Task.Delay(2);
        }
    }

    private static void DeleteDatabase(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal", ".startup-lock", ".clean-stop" })
        {
            File.Delete(path + suffix);
        }
    }
}

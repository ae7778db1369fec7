using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Dge.Api.Data;
using Dge.Api.Data.Providers;
using Dge.Tests.Data;
using Dge.Tests.GraphQL.Http;
using Dge.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dge.Tests.Hosting;

public sealed class HealthTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Ready_FreshDatabase_TurnsReadyAfterMigrationAndSeed()
    {
        var path = TestDatabases.NewPath();
        await using var factory = new DgeAppFactory(path, seedScale: 0);

        var client = await factory.CreateReadyClientAsync();
        var (status, body) = await GetAsync(client, "/healthz/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"status":"Healthy","state":"ready"}""", body);
        await using var db = TestDatabases.Open(path);
        Assert.Equal(98, db.Municipalities.Count());
    }

    [Fact]
    public async Task Healthz_KeptForExistingProbes_AnswersAsReadiness()
    {
        await using var factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync());
        var client = await factory.CreateReadyClientAsync();

        var (status, body) = await GetAsync(client, "/healthz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"status":"Healthy","state":"ready"}""", body);
    }

    [Fact]
    public async Task Live_DatabaseUnusable_StillAnswers200()
    {
        var path = TestDatabases.NewPath(DatabaseProvider.Sqlite);
        await File.WriteAllTextAsync(path, "this is not a SQLite database");
        await using var factory = new DgeAppFactory(path);
        var client = factory.CreateClient();
        await WaitForStateAsync(client, "database corrupt");

        var (status, body) = await GetAsync(client, "/healthz/live");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"status":"Healthy","state":"live"}""", body);
    }

    [Fact]
    public async Task Ready_FileThatIsNotADatabase_SaysCorruptWithoutInternalsAndLogsCritical()
    {
        var path = TestDatabases.NewPath(DatabaseProvider.Sqlite);
        await File.WriteAllTextAsync(path, "this is not a SQLite database");
        var logs = new CollectingLoggerProvider();
        await using var factory = Host(path, logs);

        var (status, body) = await WaitForStateAsync(factory.CreateClient(), "database corrupt");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("""{"status":"Unhealthy","state":"database corrupt"}""", body);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Critical && e.Category == typeof(DatabaseInitializer).FullName);
    }

    [Fact]
    public async Task Ready_DatabaseWith64PagesOverwritten_SaysCorruptAndLogsTheIntegrityCheck()
    {
        var path = await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite);

        await OverwriteAndStartAsync(path);
    }

    [Fact]
    public async Task Ready_ReadOnlyDatabaseFile_SaysReadOnlyAndLogsCritical()
    {
        var path = await TestDatabases.CopyReferenceOnlyAsync(DatabaseProvider.Sqlite);
        using var readOnly = ReadOnlyFile.Make(path);
        var logs = new CollectingLoggerProvider();
        await using var factory = Host(path, logs);

        var (status, body) = await WaitForStateAsync(factory.CreateClient(), "database read-only");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("""{"status":"Unhealthy","state":"database read-only"}""", body);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Critical && e.Category == typeof(DatabaseInitializer).FullName);
    }

    [Fact]
    public async Task Ready_DatabaseFromANewerVersion_SaysSoAndNamesTheUnknownMigrationInTheLog()
    {
        var path = await TestDatabases.CopyReferenceOnlyAsync();
        await using (var db = TestDatabases.Open(path))
        {
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "__EFMigrationsHistory" VALUES ('29991231000000_FromANewerHost', '99.0.0')""");
        }

        var logs = new CollectingLoggerProvider();
        await using var factory = Host(path, logs);

        var (status, body) = await WaitForStateAsync(factory.CreateClient(), "database from a newer version");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.DoesNotContain("29991231000000", body, StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Critical && e.Message.Contains("29991231000000_FromANewerHost", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ready_DatabaseOverwrittenAfterStart_TurnsUnhealthyAndLogsAnError()
    {
        var path = await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite);
        var logs = new CollectingLoggerProvider();
        await using var factory = Host(path, logs);
        var client = await factory.CreateReadyClientAsync();

        await CorruptDatabase.OverwritePagesAsync(path, firstPage: 0, pages: 64);
        var (status, body) = await WaitForStateAsync(client, "database corrupt");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("""{"status":"Unhealthy","state":"database corrupt"}""", body);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Category == typeof(DatabaseProbe).FullName);
    }

    [Fact]
    public async Task Start_AfterACleanStop_SkipsTheIntegrityCheckAndRemovesTheRecord()
    {
        var path = await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite);
        await RunUntilReadyAndStopAsync(path, new CollectingLoggerProvider());
        var recorded = File.Exists(CleanStop.PathFor(path));

        var logs = new CollectingLoggerProvider();
        await using var factory = Host(path, logs);
        (await factory.CreateReadyClientAsync()).Dispose();

        Assert.True(recorded, "The clean stop left no record.");
        Assert.Contains(logs.Entries, e => e.Category == typeof(DatabaseInitializer).FullName && e.Message.Contains("integrity check at start is skipped", StringComparison.Ordinal));

        // Removed while the host runs: a crash from here on leaves none, and the next start checks the whole file.
        Assert.False(File.Exists(CleanStop.PathFor(path)));
    }

    [Fact]
    public async Task Start_PagesOverwrittenRightAfterACleanStop_SaysCorrupt()
    {
        var path = await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite);
        await RunUntilReadyAndStopAsync(path, new CollectingLoggerProvider());
        Assert.True(File.Exists(CleanStop.PathFor(path)), "The clean stop left no record.");

        // At once, so within the coarse clock a file's time of change is taken from, had the stop not waited it out.
        await OverwriteAndStartAsync(path);
    }

    [Fact]
    public async Task Stop_WithPooledConnections_FoldsTheLogIntoTheFileBeforeItRecords()
    {
        var path = await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite);
        var pooled = new SqliteConnectionStringBuilder(TestDatabases.ConnectionString(path)) { Pooling = true }.ToString();
        var settings = new Dictionary<string, string> { ["ConnectionStrings:Dge"] = pooled };
        long logDuringRun;
        try
        {
            await using (var factory = new DgeAppFactory(path, configureServices: services => services.AddSingleton<ILoggerProvider>(new CollectingLoggerProvider()), settings: settings))
            {
                (await factory.CreateReadyClientAsync()).Dispose();
                var contexts = factory.Services.GetRequiredService<IDbContextFactory<DgeDbContext>>();
                await using (var db = await contexts.CreateDbContextAsync())
                {
                    await db.Database.ExecuteSqlRawAsync("""UPDATE "Regions" SET "Name" = "Name";""");
                }

                logDuringRun = new FileInfo(path + "-wal").Length;
            }

            var record = await File.ReadAllTextAsync(CleanStop.PathFor(path));

            // The write sat in the log of a pooled connection; the stop closed the pool, which folded the log into the file.
            Assert.True(logDuringRun > 0, "The write did not reach the write-ahead log.");
            Assert.Contains("log none", record, StringComparison.Ordinal);
        }
        finally
        {
            using var connection = new SqliteConnection(pooled);
            SqliteConnection.ClearPool(connection);
        }
    }

    [Fact]
    public async Task Stop_OfAHostThatFoundTheFileCorrupt_LeavesNoRecord()
    {
        var path = await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite);
        await CorruptDatabase.OverwritePagesAsync(path, firstPage: 200, pages: 64);
        await using (var factory = Host(path, new CollectingLoggerProvider()))
        {
            await WaitForStateAsync(factory.CreateClient(), "database corrupt");
        }

        Assert.False(File.Exists(CleanStop.PathFor(path)));
    }

    [Fact]
    public async Task Stop_OfAHostWhoseFileWentBadWhileItRan_LeavesNoRecord()
    {
        var path = await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite);
        var logs = new CollectingLoggerProvider();
        await using (var factory = Host(path, logs))
        {
            (await factory.CreateReadyClientAsync()).Dispose();

            // Pages the health probe does not read: only the check at the stop can find them.
            await CorruptDatabase.OverwritePagesAsync(path, firstPage: 200, pages: 64);
        }

        Assert.False(File.Exists(CleanStop.PathFor(path)));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Critical && e.Category == typeof(CleanStop).FullName);
    }

    [Fact]
    public async Task Ready_DatabaseLockedByAnotherProgram_SaysLockedThenRecoversWhenReleased()
    {
        var path = await TestDatabases.CopyReferenceOnlyAsync(DatabaseProvider.Sqlite);
        // Disposed again at the end should the test fail before it lets go, so the file is not left locked.
        await using var holder = new SqliteConnection(TestDatabases.ConnectionString(path));
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();
        }

        await using var factory = Host(path, new CollectingLoggerProvider(), busyTimeoutSeconds: 1);
        var client = factory.CreateClient();
        var (lockedStatus, _) = await WaitForStateAsync(client, "database locked");

        await holder.DisposeAsync();
        var (status, _) = await WaitForStateAsync(client, "ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, lockedStatus);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Start_MigrationLockLeftByAKilledProcess_IsClearedAndTheDatabaseMigratedAndSeeded()
    {
        var path = await DatabaseWithStaleMigrationLockAsync();
        var logs = new CollectingLoggerProvider();
        await using var factory = Host(path, logs);

        await factory.CreateReadyClientAsync();

        await using var db = TestDatabases.Open(path);
        Assert.Equal(98, await db.Municipalities.CountAsync());
        Assert.Equal(0, await CountMigrationLocksAsync(db));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Cleared a migration lock", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_MigrationLockOfAHostStillStarting_IsWaitedForAndNeverCleared()
    {
        var path = await DatabaseWithStaleMigrationLockAsync();
        await using var otherHost = new FileStream(path + ".startup-lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var logs = new CollectingLoggerProvider();
        await using var factory = Host(path, logs);
        var client = factory.CreateClient();

        await WaitUntilAsync(() => logs.Entries.Any(e => e.Message.Contains("waiting for it to finish", StringComparison.Ordinal)));
        var (waitingStatus, waitingBody) = await GetAsync(client, "/healthz/ready");
        int locksWhileWaiting;
        await using (var db = TestDatabases.Open(path))
        {
            locksWhileWaiting = await CountMigrationLocksAsync(db);
        }

        await otherHost.DisposeAsync();
        var (status, _) = await WaitForStateAsync(client, "ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, waitingStatus);
        Assert.Equal("""{"status":"Degraded","state":"starting"}""", waitingBody);
        Assert.Equal(1, locksWhileWaiting);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task GraphQL_DatabaseUnusable_Answers503NotReadyWithTheCoarseStateOnly()
    {
        var path = TestDatabases.NewPath(DatabaseProvider.Sqlite);
        await File.WriteAllTextAsync(path, "not a SQLite database, so the start-up never becomes ready");
        await using var factory = new DgeAppFactory(path);
        var client = factory.CreateClient();
        await WaitForStateAsync(client, "database corrupt");

        using var response = await client.PostAsync(new Uri("/graphql", UriKind.Relative),
            new StringContent("""{"query":"{ regions { totalCount } }"}""", System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.Equal("NOT_READY", JsonDocument.Parse(body).RootElement.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("database corrupt", body, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(path, body, StringComparison.Ordinal);
    }

    /// <summary>Overwrites 64 pages the start-up's own reads do not touch, starts a host, and expects it to find the file corrupt.</summary>
    private static async Task OverwriteAndStartAsync(string path)
    {
        await CorruptDatabase.OverwritePagesAsync(path, firstPage: 200, pages: 64);
        var logs = new CollectingLoggerProvider();
        await using var factory = Host(path, logs);

        var (status, body) = await WaitForStateAsync(factory.CreateClient(), "database corrupt");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("""{"status":"Unhealthy","state":"database corrupt"}""", body);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Critical && e.Message.Contains("corrupt", StringComparison.Ordinal));
    }

    private static async Task RunUntilReadyAndStopAsync(string path, CollectingLoggerProvider logs)
    {
        await using var factory = Host(path, logs);
        (await factory.CreateReadyClientAsync()).Dispose();
    }

    private static DgeAppFactory Host(string path, CollectingLoggerProvider logs, int? busyTimeoutSeconds = null)
    {
        var settings = new Dictionary<string, string>();
        if (busyTimeoutSeconds is { } seconds)
        {
            settings["ConnectionStrings:Dge"] = new SqliteConnectionStringBuilder(TestDatabases.ConnectionString(path)) { DefaultTimeout = seconds }.ToString();
        }

        return new DgeAppFactory(path, configureServices: services => services.AddSingleton<ILoggerProvider>(logs), settings: settings);
    }

    // What a process killed while migrating leaves: EF Core's lock table holding its row, and no migration applied.
    private static async Task<string> DatabaseWithStaleMigrationLockAsync()
    {
        var path = TestDatabases.NewPath(DatabaseProvider.Sqlite);
        await using var connection = new SqliteConnection(TestDatabases.ConnectionString(path));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
            INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-12-01 03:14:15.9265358+00:00');
            """;
        await command.ExecuteNonQueryAsync();
        return path;
    }

    private static Task<int> CountMigrationLocksAsync(DgeDbContext db) =>
        db.Database.SqlQueryRaw<int>("""SELECT COUNT(*) AS "Value" FROM "__EFMigrationsLock" """).SingleAsync();

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<(HttpStatusCode Status, string Body)> WaitForStateAsync(HttpClient client, string state)
    {
        (HttpStatusCode Status, string Body) last = default;
        await WaitUntilAsync(async () =>
        {
            last = await GetAsync(client, "/healthz/ready");
            return JsonDocument.Parse(last.Body).RootElement.GetProperty("state").GetString() == state;
        });
        return last;
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (stopwatch.Elapsed > Deadline)
            {
                throw new TimeoutException("The expected state was not reached.");
            }

            await Task.Delay(50);
        }
    }
}

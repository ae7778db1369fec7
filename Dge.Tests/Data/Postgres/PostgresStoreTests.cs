using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Api.Data;
using Dge.Api.Data.Collation;
using Dge.Api.Data.Providers;
using Dge.Api.GraphQL.Mutations;
using Dge.Tests.GraphQL.Http;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dge.Tests.Data.Postgres;

/// <summary>
/// What only PostgreSQL has to get right, on a real server in every test run (whichever provider the run is on): the seed
/// written by COPY, the Danish collation in the schema, and instances taking turns at start-up.
/// </summary>
public sealed class PostgresStoreTests
{
    [Fact]
    public async Task Seed_WrittenByCopy_HoldsExactlyTheRowsOfTheSqliteSeed()
    {
        await using var sqlite = TestDatabases.Open(await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite));
        await using var postgres = TestDatabases.Open(await TestDatabases.CopyNationalAsync(DatabaseProvider.Postgres));

        var tables = sqlite.Model.GetEntityTypes().Where(t => typeof(Entity).IsAssignableFrom(t.ClrType) && t.GetTableName() is not null).ToList();
        Assert.True(tables.Count >= 20, $"only {tables.Count} tables");
        foreach (var table in tables)
        {
            var expected = await DigestAsync(sqlite, table.ClrType);
            var actual = await DigestAsync(postgres, table.ClrType);
            Assert.True(expected.Rows > 0 || table.ClrType.Name is "ApiKey" or "AuditEntry", $"{table.ClrType.Name} is empty on SQLite");
            Assert.Equal((table.ClrType.Name, expected), (table.ClrType.Name, actual));
        }
    }

    [Fact]
    public async Task Seed_ContinuesEachTablesIdentityAfterItsRows()
    {
        await using var db = TestDatabases.Open(await TestDatabases.CopyReferenceOnlyAsync(DatabaseProvider.Postgres));
        var highest = await db.Themes.MaxAsync(t => t.Id);

        db.Themes.Add(new Dge.Api.Themes.Theme { Code = "T-ID", NameDa = "Prøve", NameEn = "Test", Category = "Test" });
        await db.SaveChangesAsync();

        Assert.Equal(highest + 1, await db.Themes.Where(t => t.Code == "T-ID").Select(t => t.Id).SingleAsync());
    }

    [Fact]
    public async Task DanishCollation_SortsNamesAsTheInMemoryComparerDoes()
    {
        await using var db = TestDatabases.Open(await TestDatabases.CopyNationalAsync(DatabaseProvider.Postgres));
        string[] words =
        [
            "Aagaard", "Åberg", "Aabenraa", "Abildgaard", "Ærø", "Æble", "Øster", "Ødum", "Østergaard", "Zealand", "Yde", "Ølstykke",
            "ebbe", "Ebbe", "Ebba", "éclair", "Eclair", "Ægidius", "aa", "Aa", "AA", "å", "Å", "Müller", "Møller", "Mygind",
            "Über", "Ulrik", "Ytte", "Ärlig", "Ørsted", "Andersen", "andersen", "Anders-Sen", "Anders Sen", "1. sal", "Zoë",
        ];
        var names = await db.Doctors.Select(d => d.LastName).Distinct().ToListAsync();

        foreach (var list in new[] { words, [.. names] })
        {
            var sorted = await db.Database
                .SqlQuery<string>($"SELECT w AS \"Value\" FROM unnest({list}) AS t(w) ORDER BY w COLLATE \"DANISH\", w")
                .ToListAsync();

            Assert.Equal(list.Order(DanishCollation.Comparer).ToList(), sorted);
        }
    }

    [Fact]
    public async Task Start_WhileAnotherInstanceMigrates_WaitsForItThenBecomesReady()
    {
        var database = await TestDatabases.CopyReferenceOnlyAsync(DatabaseProvider.Postgres);
        await using var other = new NpgsqlConnection(TestDatabases.ConnectionString(database));
        await other.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({PostgresMigrator.LockKey})", other))
        {
            await take.ExecuteNonQueryAsync();
        }

        var logs = new CollectingLoggerProvider();
        await using var factory = new DgeAppFactory(database, configureServices: services => services.AddSingleton<ILoggerProvider>(logs));
        var client = factory.CreateClient();
        await WaitUntilAsync(() => logs.Entries.Any(e => e.Message.Contains("waiting for it to finish", StringComparison.Ordinal)));
        using var whileWaiting = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));

        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({PostgresMigrator.LockKey})", other))
        {
            await release.ExecuteNonQueryAsync();
        }

        await factory.CreateReadyClientAsync();
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, whileWaiting.StatusCode);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
    }

    /// <summary>
    /// An instance that freezes while it holds the start-up lock (here: between its migration and its seed, for 5 s idle; the
    /// next instance asks for the lock well within that) does not hold
    /// up the next instance's start for ever: its session may stay idle only so long, then the server ends it and frees the
    /// lock. Before, the next start waited as long as the frozen instance's connection lived (hostile review of 2026-12-05).
    /// </summary>
    [Fact]
    public async Task Start_InstanceFreezesHoldingTheStartupLock_TheNextStartsOnceTheIdleLimitEndsIt()
    {
        var database = await TestDatabases.CopyReferenceOnlyAsync(DatabaseProvider.Postgres);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var frozenDb = TestDatabases.Open(database);
        var frozen = PostgresMigrator.MigrateAsync(
            frozenDb, createIfMissing: false, () => { }, async () => { held.SetResult(); await release.Task; }, CancellationToken.None, idleLimit: TimeSpan.FromSeconds(5));
        var waited = false;
        MigrationPlan next;
        try
        {
            await held.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await using var nextDb = TestDatabases.Open(database);
            next = await PostgresMigrator.MigrateAsync(nextDb, createIfMissing: false, () => waited = true, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            release.TrySetResult();
        }

        Assert.True(waited);
        Assert.Empty(next.Pending);
        Assert.Empty(next.Unknown);
        await Assert.ThrowsAnyAsync<Exception>(() => frozen);
    }

    /// <summary>
    /// Outside Development a starting instance does not make a database it cannot find: a mistyped <c>Database=</c> would
    /// otherwise give it a new, seeded database of its own, ready and taking writes the other instances never see. It says
    /// so once, reports not ready, and becomes ready by itself once the migrate command has made the database.
    /// </summary>
    [Fact]
    public async Task Start_DatabaseMissingOutsideDevelopment_ReportsMissingCreatesNothingAndServesOnceMigrateMakesIt()
    {
        var database = TestDatabases.NewPath(DatabaseProvider.Postgres);
        var name = new NpgsqlConnectionStringBuilder(TestDatabases.ConnectionString(database)).Database!;
        var logs = new CollectingLoggerProvider();
        await using var factory = new DgeAppFactory(
            database,
            configureServices: services => services.AddSingleton<ILoggerProvider>(logs),
            // No value: the environment's default ("Test" is not Development).
            settings: new Dictionary<string, string> { [PostgresMigrator.CreateIfMissingKey] = "" });
        var client = factory.CreateClient();
        await WaitUntilAsync(() => logs.Entries.Any(e => e.Message.Contains("does not exist", StringComparison.Ordinal)));
        using var whileMissing = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
        var body = await whileMissing.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, whileMissing.StatusCode);
        Assert.Contains("database missing", body, StringComparison.Ordinal);
        Assert.False(await DatabaseExistsAsync(name));
        var said = Assert.Single(logs.Entries, e => e.Message.Contains("does not exist", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Critical, said.Level);
        Assert.Contains(name, said.Message, StringComparison.Ordinal);

        await using (var db = TestDatabases.Open(database))
        {
            await PostgresMigrator.MigrateAsync(db, createIfMissing: true, () => { }, null, CancellationToken.None);
        }

        using var ready = await factory.CreateReadyClientAsync();
        Assert.True(await DatabaseExistsAsync(name));
        Assert.Single(logs.Entries, e => e.Message.Contains("does not exist", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Production", null, false)]
    [InlineData("Staging", "", false)]
    [InlineData("Production", "true", true)]
    [InlineData("Development", "False", false)]
    public void CreatesMissingDatabase_FollowsTheSettingElseDevelopmentOnly(string environment, string? setting, bool creates)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(setting is null ? [] : [new KeyValuePair<string, string?>(PostgresMigrator.CreateIfMissingKey, setting)])
            .Build();

        Assert.Equal(creates, PostgresMigrator.CreatesMissingDatabase(configuration, new HostingEnvironment { EnvironmentName = environment }));
    }

    /// <summary>The host's store settings refuse a value they cannot read, so the host does not start on it (review of 2026-12-05).</summary>
    [Fact]
    public void StoreSettings_CreateIfMissingNotABoolean_IsRefusedNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
            [
                new KeyValuePair<string, string?>(PostgresMigrator.CreateIfMissingKey, "yes"),
                new KeyValuePair<string, string?>("ConnectionStrings:Dge", "Data Source=:memory:"),
            ])
            .Build();

        var refused = Assert.Throws<InvalidOperationException>(
            () => StoreSettings.From(configuration, new HostingEnvironment { EnvironmentName = "Production", ContentRootPath = Path.GetTempPath() }));
        Assert.Contains(PostgresMigrator.CreateIfMissingKey, refused.Message, StringComparison.Ordinal);
    }

    private static async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        return (long)(await exists.ExecuteScalarAsync())! > 0;
    }

    /// <summary>
    /// An instance that freezes in the middle of a write, holding the write lock, does not hold up the other instances' writes
    /// for longer than an operation may run: the server ends its idle transaction, which frees the lock, and the frozen write
    /// is not saved. Before, the second write waited out its lock wait and answered SERVER_BUSY (hostile review of 2026-12-05).
    /// </summary>
    [Fact]
    public async Task Write_InstanceFreezesHoldingTheWriteLock_AnotherInstanceWritesOnceTheIdleLimitEndsIt()
    {
        var database = await TestDatabases.CopyNationalAsync(DatabaseProvider.Postgres);
        var settings = new Dictionary<string, string>
        {
            // The idle limit is the execution timeout; the second writer waits for the lock far longer than that.
            ["Dge:GraphQL:ExecutionTimeout"] = "00:00:02",
            ["Dge:Database:BusyTimeout"] = "00:01:00",
        };
        await using var frozenInstance = new DgeAppFactory(database, settings: settings);
        await using var otherInstance = new DgeAppFactory(database, settings: settings);
        using var frozenReady = await frozenInstance.CreateReadyClientAsync();
        using var otherReady = await otherInstance.CreateReadyClientAsync();
        var groups = await GroupNamesAsync(database);

        var frozen = new LockHolder(frozenInstance, groups[0].Id, "Renamed by a frozen instance");
        MutationPayload second;
        try
        {
            await frozen.HeldAsync();
            second = await DirectWrites.RenameGroupAsync(otherInstance.Services, groups[1].Id, "Renamed while the other was frozen", () => Task.CompletedTask);
        }
        finally
        {
            frozen.Release();
        }

        var ended = await Assert.ThrowsAnyAsync<Exception>(() => frozen.Write);

        // The frozen instance, once awake, learns that its transaction was ended and rolled back: a busy database, answered
        // SERVER_BUSY (safe to send again), not an internal error.
        Assert.True(DatabaseFailure.Locked(ended) is not null, ended.ToString());
        Assert.Null(second.Errors);
        var after = await GroupNamesAsync(database);
        Assert.Equal(groups[0].Name, after.Single(g => g.Id == groups[0].Id).Name);
        Assert.Equal("Renamed while the other was frozen", after.Single(g => g.Id == groups[1].Id).Name);
    }

    /// <summary>
    /// A write that waits past its lock wait for the write lock another instance holds gets SERVER_BUSY (503, Retry-After),
    /// and the server logs no error: a busy database is load, not a fault. The lock is PostgreSQL's own (55P03).
    /// </summary>
    [Fact]
    public async Task Write_LockHeldByAnotherInstancePastTheWait_AnswersServerBusyAndLogsNoError()
    {
        var database = await TestDatabases.CopyNationalAsync(DatabaseProvider.Postgres);
        var logs = new CollectingLoggerProvider();
        await using var holder = new DgeAppFactory(database);
        await using var waiter = new DgeAppFactory(
            database,
            configureServices: services => services.AddSingleton<ILoggerProvider>(logs),
            settings: new Dictionary<string, string> { ["Dge:Database:BusyTimeout"] = "00:00:00.200" });
        using var holderReady = await holder.CreateReadyClientAsync();
        using var waiterReady = await waiter.CreateReadyClientAsync();
        using var editor = await waiter.SignedInClientAsync(Roles.Editor);
        var groups = await GroupNamesAsync(database);

        var holding = new LockHolder(holder, groups[0].Id, "Renamed while holding the lock");
        var logged = logs.Entries.Count;
        HttpResponseMessage response;
        try
        {
            await holding.HeldAsync();
            response = await editor.PostAsJsonAsync(
                "/graphql", new { query = """mutation { createTheme(input: { code: "L01", nameDa: "Låst", nameEn: "Locked", category: "process" }) { theme { id } } }""" });
        }
        finally
        {
            holding.Release();
        }

        using var answered = response;
        var held = await holding.Write;

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("SERVER_BUSY", await GraphQLHttp.ErrorCodeAsync(response));
        Assert.DoesNotContain(logs.Entries.Skip(logged), e => e.Level >= LogLevel.Error);
        Assert.Null(held.Errors);
    }

    private static async Task<List<(int Id, string Name)>> GroupNamesAsync(string database)
    {
        await using var db = TestDatabases.Open(database);
        return [.. (await db.Groups.OrderBy(g => g.Id).Take(2).Select(g => new { g.Id, g.Name }).ToListAsync()).Select(g => (g.Id, g.Name))];
    }

    /// <summary>A rename on <c>instance</c> that stops before its save, holding the write lock, until released.</summary>
    private sealed class LockHolder
    {
        private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LockHolder(DgeAppFactory instance, int groupId, string name) =>
            Write = DirectWrites.RenameGroupAsync(instance.Services, groupId, name, async () =>
            {
                _held.SetResult();
                await _release.Task;
            });

        public Task<MutationPayload> Write { get; }

        public Task HeldAsync() => _held.Task.WaitAsync(TimeSpan.FromSeconds(60));

        public void Release() => _release.TrySetResult();
    }

    /// <summary>The table's row count and a SHA-256 of its rows as JSON, read through the model in key order.</summary>
    private static async Task<(int Rows, string Sha256)> DigestAsync(DgeDbContext db, Type entity)
    {
        var method = typeof(PostgresStoreTests).GetMethod(nameof(RowsAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        var rows = await (Task<List<object>>)method.MakeGenericMethod(entity).Invoke(null, [db])!;
        var json = JsonSerializer.SerializeToUtf8Bytes(rows);
        return (rows.Count, Convert.ToHexStringLower(SHA256.HashData(json)));
    }

    private static async Task<List<object>> RowsAsync<T>(DgeDbContext db)
        where T : Entity =>
        [.. (await db.Set<T>().AsNoTracking().OrderBy(e => e.Id).ToListAsync()).Cast<object>()];

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The expected state was not reached.");
            await Task.Delay(20);
        }
    }
}

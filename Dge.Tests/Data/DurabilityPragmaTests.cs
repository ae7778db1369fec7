using System.Data.Common;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Api.Data;
using Dge.Api.Data.Durability;
using Dge.Api.Data.Providers;
using Dge.Api.GraphQL.Relay;
using GraphQL;
using Dge.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.Data;

/// <summary>
/// Every SQLite connection the host's contexts use carries the configured durability pragmas, whether it was just opened
/// or taken again from the driver's pool: they are set once per native connection, not on every open.
/// </summary>
[Collection(SqlitePoolsCollection.Name)]
public sealed class DurabilityPragmaTests
{
    [Theory]
    [InlineData(null, 2L, 5000L)]
    [InlineData("Normal", 1L, 250L)]
    public async Task EveryConnection_FirstOrFromThePool_HasTheConfiguredPragmas(string? synchronous, long expectedSynchronous, long expectedBusyTimeout)
    {
        using var database = await PooledCopy.CreateAsync();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Dge"] = database.ConnectionString,
            ["Dge:Database:BusyTimeout"] = TimeSpan.FromMilliseconds(expectedBusyTimeout).ToString(),
        };
        if (synchronous is not null)
        {
            settings["Dge:Database:Synchronous"] = synchronous;
        }

        await using var factory = new DgeAppFactory(database.Path, settings: settings);
        await factory.CreateReadyClientAsync();
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<DgeDbContext>>();

        // Several contexts open at once take several native connections; opened again one after another, they come from
        // the pool.
        var handles = new HashSet<object>(ReferenceEqualityComparer.Instance);
        for (var round = 0; round < 3; round++)
        {
            var open = new List<DgeDbContext>();
            try
            {
                for (var i = 0; i < 3; i++)
                {
                    var db = await contexts.CreateDbContextAsync();
                    open.Add(db);
                    handles.Add(await AssertPragmasAsync(db, expectedSynchronous, expectedBusyTimeout));
                }
            }
            finally
            {
                foreach (var db in open)
                {
                    await db.DisposeAsync();
                }
            }
        }

        // Nine opens over at least three native connections (three are open at once), some taken again from the pool.
        Assert.InRange(handles.Count, 3, 8);
    }

    /// <summary>
    /// Two hosts in one process (as in tests) may share a pool with different settings: each finds its own pragmas on a
    /// connection the other configured last.
    /// </summary>
    [Fact]
    public async Task TwoSettingsOnOnePool_EachOpenFindsItsOwn()
    {
        using var database = await PooledCopy.CreateAsync();
        var full = new SqliteDurabilityInterceptor(new DurabilityOptions { Synchronous = SynchronousMode.Full, BusyTimeout = TimeSpan.FromSeconds(5) });
        var normal = new SqliteDurabilityInterceptor(new DurabilityOptions { Synchronous = SynchronousMode.Normal, BusyTimeout = TimeSpan.FromMilliseconds(250) });
        object? handle = null;
        foreach (var (interceptor, synchronous, busyTimeout) in new[] { (full, 2L, 5000L), (normal, 1L, 250L), (full, 2L, 5000L), (normal, 1L, 250L) })
        {
            await using var db = new DgeDbContext(new DbContextOptionsBuilder<DgeDbContext>().UseSqlite(database.ConnectionString).AddInterceptors(interceptor).Options);
            var opened = await AssertPragmasAsync(db, synchronous, busyTimeout);

            // One connection at a time: the pool hands out the same native connection each time.
            handle ??= opened;
            Assert.Same(handle, opened);
        }
    }

    /// <summary>
    /// A write's transaction keeps the undo journal of its savepoint in memory (SQLite spills one over 64 KiB to a temporary
    /// file otherwise, created and deleted on every commit), and gives its connection back to the pool with the default, so
    /// that a read on it that sorts more than fits in the cache still spills to a file.
    /// </summary>
    [Fact]
    public async Task AWrite_KeepsItsUndoJournalInMemory_AndGivesTheConnectionBackWithTheDefault()
    {
        using var database = await PooledCopy.CreateAsync();
        var probe = new TemporaryStoreProbe();
        await using var factory = new DgeAppFactory(
            database.Path,
            configureServices: services => services.AddSingleton<IInterceptor>(probe),
            settings: new Dictionary<string, string> { ["ConnectionStrings:Dge"] = database.ConnectionString });
        await factory.CreateReadyClientAsync();
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<DgeDbContext>>();
        probe.Reset();
        int kapUnit;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            kapUnit = await db.KapUnits.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Id).FirstAsync();
        }

        var input = new Dictionary<string, object?> { ["name"] = "Journalgruppen", ["kind"] = "DGE", ["kapUnitId"] = NodeId.Encode("KapUnit", kapUnit), ["foundedOn"] = "2025-01-01" };
        var json = await SchemaExecution.ExecuteAsync(
            factory.Services,
            "mutation($input: CreateGroupInput!) { createGroup(input: $input) { group { id } errors { __typename } } }",
            new Inputs(new Dictionary<string, object?> { ["input"] = input }),
            TestPrincipals.WithRole(Roles.Editor));

        var payload = json.GetProperty("data").GetProperty("createGroup");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        var (writer, during) = Assert.Single(probe.Begun);
        Assert.Equal(2L, during);

        // The writer's native connection, taken again from the pool (the others stay open meanwhile, so each open takes a
        // different one), is back at the default.
        var open = new List<DgeDbContext>();
        try
        {
            long? after = null;
            for (var i = 0; i < 10 && after is null; i++)
            {
                var db = await contexts.CreateDbContextAsync();
                open.Add(db);
                await db.Database.OpenConnectionAsync();
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                if (ReferenceEquals(connection.Handle, writer))
                {
                    after = await ScalarAsync(connection, "PRAGMA temp_store;");
                }
            }

            Assert.Equal(0L, after);
        }
        finally
        {
            foreach (var db in open)
            {
                await db.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The temporary storage setting of the connection as each transaction begins: SQLite decides there where the
    /// transaction's savepoint journals go, so a setting made after BEGIN would not count.
    /// </summary>
    private sealed class TemporaryStoreProbe : DbTransactionInterceptor
    {
        private readonly List<(object Handle, long TemporaryStore)> _begun = [];

        public IReadOnlyList<(object Handle, long TemporaryStore)> Begun
        {
            get
            {
                lock (_begun)
                {
                    return [.. _begun];
                }
            }
        }

        public void Reset()
        {
            lock (_begun)
            {
                _begun.Clear();
            }
        }

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            var sqlite = (SqliteConnection)connection;
            var setting = await ScalarAsync(sqlite, "PRAGMA temp_store;");
            lock (_begun)
            {
                _begun.Add((sqlite.Handle!, setting));
            }

            return result;
        }
    }

    /// <summary>Opens <paramref name="db"/>'s connection, checks both pragmas on it and returns its native handle.</summary>
    private static async Task<object> AssertPragmasAsync(DgeDbContext db, long synchronous, long busyTimeout)
    {
        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        Assert.Equal(synchronous, await ScalarAsync(connection, "PRAGMA synchronous;"));
        Assert.Equal(busyTimeout, await ScalarAsync(connection, "PRAGMA busy_timeout;"));
        return connection.Handle!;
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A copy of the national database behind a pooled connection string, as the product's are by default (the tests' are
    /// not, so that their files can be removed); disposing it closes the pool's connections.
    /// </summary>
    private sealed class PooledCopy(string path) : IDisposable
    {
        public string Path { get; } = path;

        public string ConnectionString { get; } = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();

        public static async Task<PooledCopy> CreateAsync() => new(await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite));

        public void Dispose()
        {
            using var connection = new SqliteConnection(ConnectionString);
            SqliteConnection.ClearPool(connection);
        }
    }
}

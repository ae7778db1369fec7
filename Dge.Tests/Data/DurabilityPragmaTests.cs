using System.Data.Common;
using Dge.Api.Data;
using Dge.Api.Data.Providers;
using Dge.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.Data;

/// <summary>
/// Every SQLite connection the host's contexts use carries the configured durability pragmas, whether it was just opened
/// or taken again from the driver's pool: they are set once per native connection, not on every open.
/// </summary>
public sealed class DurabilityPragmaTests
{
    [Theory]
    [InlineData(null, 2L, 5000L)]
    [InlineData("Normal", 1L, 250L)]
    public async Task EveryConnection_FirstOrFromThePool_HasTheConfiguredPragmas(string? synchronous, long expectedSynchronous, long expectedBusyTimeout)
    {
        // Pooled, as the product's connections are by default (the tests' are not, so that their files can be removed).
        var database = await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite);
        var pooled = new SqliteConnectionStringBuilder { DataSource = database, Pooling = true }.ToString();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Dge"] = pooled,
            ["Dge:Database:BusyTimeout"] = TimeSpan.FromMilliseconds(expectedBusyTimeout).ToString(),
        };
        if (synchronous is not null)
        {
            settings["Dge:Database:Synchronous"] = synchronous;
        }

        try
        {
            await AssertEveryConnectionAsync(settings, database, expectedSynchronous, expectedBusyTimeout);
        }
        finally
        {
            using var connection = new SqliteConnection(pooled);
            SqliteConnection.ClearPool(connection);
        }
    }

    private static async Task AssertEveryConnectionAsync(Dictionary<string, string> settings, string database, long expectedSynchronous, long expectedBusyTimeout)
    {
        await using var factory = new DgeAppFactory(database, settings: settings);
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
                    await db.Database.OpenConnectionAsync();
                    var connection = (SqliteConnection)db.Database.GetDbConnection();
                    handles.Add(connection.Handle!);
                    Assert.Equal(expectedSynchronous, await ScalarAsync(connection, "PRAGMA synchronous;"));
                    Assert.Equal(expectedBusyTimeout, await ScalarAsync(connection, "PRAGMA busy_timeout;"));
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

        // Nine opens over at least two native connections, at least one of them taken again from the pool.
        Assert.InRange(handles.Count, 2, 8);
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

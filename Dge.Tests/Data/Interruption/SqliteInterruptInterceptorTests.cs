using System.Data.Common;
using Dge.Api.Data;
using Dge.Api.Data.Interruption;
using Dge.Api.Data.Providers;
using Dge.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Dge.Tests.Data.Interruption;

public sealed class SqliteInterruptInterceptorTests : IAsyncLifetime
{
    /// <summary>A statement that runs for a minute or more: it counts the rows of a recursive table.</summary>
    private const string MinuteLongCount = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200000000) SELECT count(*) AS Value FROM n";

    /// <summary>A statement that takes a second or so (millions of steps) and then ends.</summary>
    private const string LongCount = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3000000) SELECT count(*) AS Value FROM n";

    private string _path = "";

    public async Task InitializeAsync() => _path = await TestDatabases.CopyReferenceOnlyAsync(DatabaseProvider.Sqlite);

    public Task DisposeAsync()
    {
        File.Delete(_path);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Cancel_StatementRunning_StopsItAndTheConnectionRunsTheNextStatement()
    {
        using var cancellation = new CancellationTokenSource();
        await using var db = Open(new CancelAfterStart(cancellation, TimeSpan.FromMilliseconds(200)));
        await db.Database.OpenConnectionAsync();

        var stopped = await Assert.ThrowsAsync<SqliteException>(() => db.Database.SqlQueryRaw<long>(MinuteLongCount).ToListAsync(cancellation.Token));

        Assert.Equal(raw.SQLITE_INTERRUPT, stopped.SqliteErrorCode);
        Assert.NotEqual(0, await db.Regions.CountAsync());
    }

    [Fact]
    public async Task Cancel_AfterTheCommandEnded_DoesNotReachTheNextStatementOnTheConnection()
    {
        // The earlier command's token fires while the next statement is running on the same connection.
        using var earlier = new CancellationTokenSource();
        await using var db = Open(new CancelAfterStart(earlier, TimeSpan.FromMilliseconds(100), onlyFor: LongCount));
        await db.Database.OpenConnectionAsync();
        await db.Regions.CountAsync(earlier.Token);

        var counted = await db.Database.SqlQueryRaw<long>(LongCount).ToListAsync();

        Assert.True(earlier.IsCancellationRequested);
        Assert.Equal(3_000_000, Assert.Single(counted));
    }

    private DgeDbContext Open(IInterceptor cancel) =>
        new(new DbContextOptionsBuilder<DgeDbContext>().UseStore(new StoreSettings(DatabaseProvider.Sqlite, TestDatabases.ConnectionString(_path))).InterruptOnCancellation().AddInterceptors(cancel).Options);

    /// <summary>Cancels a token a given time after a command (or the command with the given text) starts executing, so it fires while the statement runs.</summary>
    private sealed class CancelAfterStart(CancellationTokenSource cancellation, TimeSpan delay, string? onlyFor = null) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (onlyFor is null || command.CommandText.Contains(onlyFor, StringComparison.Ordinal))
            {
                cancellation.CancelAfter(delay);
            }

            return ValueTask.FromResult(result);
        }
    }
}

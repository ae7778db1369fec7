using Dge.Api.Data;
using Dge.Api.Data.Interruption;
using Dge.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace Dge.Tests.Data.Interruption;

public sealed class SqliteInterruptInterceptorTests : IAsyncLifetime
{
    /// <summary>A statement that runs for a minute or more: it counts the rows of a recursive table.</summary>
    private const string MinuteLongCount = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200000000) SELECT count(*) AS Value FROM n";

    /// <summary>A statement that takes a second or so (millions of steps) and then ends.</summary>
    private const string LongCount = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3000000) SELECT count(*) AS Value FROM n";

    private string _path = "";

    private DgeDbContext _db = null!;

    public async Task InitializeAsync()
    {
        _path = await TestDatabases.CopyReferenceOnlyAsync();
        _db = new DgeDbContext(new DbContextOptionsBuilder<DgeDbContext>().UseSqlite(TestDatabases.ConnectionString(_path)).InterruptOnCancellation().Options);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        File.Delete(_path);
    }

    [Fact]
    public async Task Cancel_StatementRunning_StopsItAndTheConnectionRunsTheNextStatement()
    {
        await _db.Database.OpenConnectionAsync();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var stopped = await Assert.ThrowsAsync<SqliteException>(() => _db.Database.SqlQueryRaw<long>(MinuteLongCount).ToListAsync(cancellation.Token));

        Assert.Equal(raw.SQLITE_INTERRUPT, stopped.SqliteErrorCode);
        Assert.NotEqual(0, await _db.Regions.CountAsync());
    }

    [Fact]
    public async Task Cancel_AfterTheCommandEnded_DoesNotReachTheNextStatementOnTheConnection()
    {
        await _db.Database.OpenConnectionAsync();
        using var earlier = new CancellationTokenSource();
        await _db.Regions.CountAsync(earlier.Token);
        var started = new TaskCompletionSource();
        var next = Task.Run(() =>
        {
            started.SetResult();
            return _db.Database.SqlQueryRaw<long>(LongCount).ToListAsync();
        });
        await started.Task;
        await Task.Delay(TimeSpan.FromMilliseconds(200));

        await earlier.CancelAsync();

        Assert.Equal(3_000_000, Assert.Single(await next));
    }
}

using System.Data;
using Dge.Api.Data;
using Dge.Api.Data.Providers;
using Dge.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Data;

/// <summary>
/// <see cref="ReadSnapshot"/> leaves its context as it found it, and on a SQLite file that is not in WAL mode takes no
/// lock from writers between a view's statements. That the statements read one snapshot is shown on the views themselves
/// (<c>Views/ViewSnapshotTests</c>).
/// </summary>
public sealed class ReadSnapshotTests
{
    /// <summary>
    /// The connection is closed afterwards, also after a failure: the context goes back to the pool without a connection held
    /// open, and its next query closes the connection after it, as before (the review of 2026-12-07 found it left open).
    /// </summary>
    [Fact]
    public async Task RunAsync_AfterSuccessAndFailure_LeavesTheConnectionClosed()
    {
        await using var db = TestDatabases.Open(await TestDatabases.CopyNationalAsync());
        var connection = db.Database.GetDbConnection();

        var regions = await ReadSnapshot.RunAsync(db, (d, ct) => d.Regions.CountAsync(ct), CancellationToken.None);
        Assert.True(regions > 0);
        Assert.Equal(ConnectionState.Closed, connection.State);
        Assert.Null(db.Database.CurrentTransaction);

        await Assert.ThrowsAsync<InvalidOperationException>(() => ReadSnapshot.RunAsync<int>(
            db, async (d, ct) => await d.Regions.CountAsync(ct) > 0 ? throw new InvalidOperationException("the work failed") : 0, CancellationToken.None));
        Assert.Equal(ConnectionState.Closed, connection.State);
        Assert.Null(db.Database.CurrentTransaction);

        Assert.Equal(regions, await db.Regions.CountAsync());
        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    /// <summary>
    /// On a file in rollback-journal mode (where WAL could not be set), a read transaction would hold its shared lock from the
    /// first statement to the last, and a writer's commit would wait for it: a write between two statements must commit at once.
    /// </summary>
    [Fact]
    public async Task RunAsync_OnAFileNotInWalMode_LetsAWriteCommitBetweenStatements()
    {
        var path = await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite);
        await using (var setup = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await setup.OpenAsync();
            await using var command = setup.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=DELETE;";
            Assert.Equal("delete", await command.ExecuteScalarAsync());
        }

        await using var db = TestDatabases.Open(path);
        var renamed = await ReadSnapshot.RunAsync(
            db,
            async (d, ct) =>
            {
                await d.Regions.CountAsync(ct);
                await using var writer = new SqliteConnection($"Data Source={path};Pooling=False");
                await writer.OpenAsync(ct);
                await using var write = writer.CreateCommand();
                write.CommandText = "UPDATE Themes SET NameEn = NameEn || ' (renamed)' WHERE Id = (SELECT MIN(Id) FROM Themes);";
                write.CommandTimeout = 2;
                return await write.ExecuteNonQueryAsync(ct);
            },
            CancellationToken.None);

        Assert.Equal(1, renamed);
    }
}

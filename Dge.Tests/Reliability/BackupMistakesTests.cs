using Dge.Api.Backup;
using Dge.Api.Data.Providers;
using Dge.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Dge.Tests.Reliability;

/// <summary>
/// Backup and restore against a database another process has open, reached in ways the host lock and the path
/// comparison do not see: the live database under another path, and a host whose lock file was deleted. Each case held
/// a connection open in write-ahead-log mode, as a running host does, and the command must refuse and change nothing.
/// </summary>
public sealed class BackupMistakesTests
{
    [Fact]
    public async Task Backup_ForcedOntoTheLiveDatabaseThroughASymlinkedFolder_IsRefusedAndTheDatabaseStaysWhole()
    {
        var live = await TestDatabases.CopyReferenceOnlyAsync(DatabaseProvider.Sqlite);
        var alias = Path.Combine(Path.GetTempPath(), $"dge-alias-{Guid.NewGuid():N}");
        Directory.CreateSymbolicLink(alias, Path.GetDirectoryName(live)!);
        try
        {
            await using var host = await OpenLikeAHostAsync(live);

            var failure = await Assert.ThrowsAsync<BackupFailure>(() => DatabaseBackup.BackupAsync(
                TestDatabases.ConnectionString(live), Path.Combine(alias, Path.GetFileName(live)), overwrite: true, TimeProvider.System, CancellationToken.None));

            Assert.Contains("a database in use", failure.Message, StringComparison.Ordinal);
            await AssertStillTheHostsFileAsync(host, live);
        }
        finally
        {
            Directory.Delete(alias);
        }
    }

    [Fact]
    public async Task Restore_WhileAHostWhoseLockFileWasDeletedHasTheDatabaseOpen_IsRefusedAndChangesNothing()
    {
        var live = await TestDatabases.CopyReferenceOnlyAsync(DatabaseProvider.Sqlite);
        var backup = await TestDatabases.CopyReferenceOnlyAsync(DatabaseProvider.Sqlite);
        await using var host = await OpenLikeAHostAsync(live);

        // No host lock is held: the operator removed the lock file, or the host reached the file by another path.
        var failure = await Assert.ThrowsAsync<BackupFailure>(() => DatabaseRestore.RestoreAsync(
            TestDatabases.ConnectionString(live), backup, TimeProvider.System, CancellationToken.None));

        Assert.Contains("Nothing was changed.", failure.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(live)!, Path.GetFileName(live) + ".before-restore-*"));
        await AssertStillTheHostsFileAsync(host, live);
    }

    // A connection as the host keeps them: write-ahead log, a committed write, left open.
    private static async Task<SqliteConnection> OpenLikeAHostAsync(string path)
    {
        var connection = new SqliteConnection(TestDatabases.ConnectionString(path));
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL; CREATE TABLE ReviewProbe (Value TEXT); INSERT INTO ReviewProbe VALUES ('before');");
        return connection;
    }

    // A write through the held connection after the command is seen by a fresh connection on the same name, and the
    // file is sound: the name still leads to the file the "host" writes to.
    private static async Task AssertStillTheHostsFileAsync(SqliteConnection host, string path)
    {
        await ExecuteAsync(host, "INSERT INTO ReviewProbe VALUES ('after');");
        await using var fresh = new SqliteConnection(TestDatabases.ConnectionString(path));
        await fresh.OpenAsync();
        await using var command = fresh.CreateCommand();
        command.CommandText = "SELECT group_concat(Value, ',') FROM (SELECT Value FROM ReviewProbe ORDER BY rowid)";
        Assert.Equal("before,after", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", (string?)await command.ExecuteScalarAsync());
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

using System.Diagnostics;
using System.Globalization;
using Dge.Api.Data;
using Dge.Api.Data.Providers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Backup;

/// <summary>What a restore did: the database it replaced, where the replaced one is kept, and what the database now holds.</summary>
public sealed record RestoreResult(string Database, string? PreviousCopy, DatabaseFingerprint Fingerprint, bool CheckedAgainstManifest, TimeSpan Duration);

/// <summary>
/// Replaces the database with a backup, only while no host runs on it (<see cref="HostLock"/>, held exclusively for the
/// whole restore, so a host that starts meanwhile waits). The backup is copied to a temporary file beside the database
/// and checked there (a SQLite file, integrity_check ok, DgeGraph's migrations table, no migration this version does not
/// know, the fingerprint of its manifest if it has one); the current database is kept as
/// <c>&lt;db&gt;.before-restore-&lt;time&gt;</c>, its write-ahead log is removed, and the copy is renamed over it.
/// </summary>
public static class DatabaseRestore
{
    private const string MigrationsTable = "__EFMigrationsHistory";

    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    public static async Task<RestoreResult> RestoreAsync(string connectionString, string backupFile, TimeProvider time, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var databasePath = StoreSettings.DatabaseFile(connectionString)
            ?? throw new BackupFailure("The configured database is in memory (ConnectionStrings:Dge); there is nothing to restore into.");
        var source = Path.GetFullPath(backupFile);
        if (!File.Exists(source))
        {
            throw new BackupFailure($"There is no file {source} to restore.");
        }

        if (string.Equals(source, Path.GetFullPath(databasePath), StringComparison.Ordinal))
        {
            throw new BackupFailure($"{source} is the database itself; name a backup file.");
        }

        using var hostLock = HostLock.TryTakeExclusive(databasePath)
            ?? throw new BackupFailure($"A host is running on {databasePath} (it holds {HostLock.PathFor(databasePath)}); stop it, then restore. Nothing was changed.");

        var temporary = Path.Combine(Path.GetDirectoryName(databasePath)!, $".{Path.GetFileName(databasePath)}.restore-{Guid.NewGuid():N}.tmp");
        try
        {
            var (fingerprint, checkedAgainstManifest) = await CopyAndCheckAsync(source, temporary, cancellationToken);
            var previous = File.Exists(databasePath) ? await KeepPreviousAsync(databasePath, time, cancellationToken) : null;

            // The old database's log must not outlive it: SQLite would replay its frames into the restored file.
            foreach (var companion in SqliteFiles.CompanionFiles(databasePath))
            {
                File.Delete(companion);
            }

            // A restored file is checked by the next start, whatever the last clean stop recorded of the one it replaces.
            File.Delete(CleanStop.PathFor(databasePath));
            File.Move(temporary, databasePath, overwrite: true);
            return new RestoreResult(databasePath, previous, fingerprint, checkedAgainstManifest, stopwatch.Elapsed);
        }
        finally
        {
            SqliteFiles.DeleteWithCompanions(temporary);
        }
    }

    private static async Task<(DatabaseFingerprint Fingerprint, bool CheckedAgainstManifest)> CopyAndCheckAsync(string source, string temporary, CancellationToken cancellationToken)
    {
        if (!await HasSqliteHeaderAsync(source, cancellationToken))
        {
            throw new BackupFailure($"{source} is not a SQLite database. Nothing was changed.");
        }

        // A private copy is checked, so the backup file itself is never written to (opening a file may recover its journal).
        File.Copy(source, temporary);
        if (File.Exists(source + "-wal"))
        {
            File.Copy(source + "-wal", temporary + "-wal");
        }

        try
        {
            await using var copy = await SqliteFiles.OpenAsync(temporary, SqliteOpenMode.ReadWrite, cancellationToken);
            if (await SqliteFiles.IntegrityProblemAsync(copy, cancellationToken) is { } problem)
            {
                throw new BackupFailure($"{source} is damaged (integrity_check: {problem}). Nothing was changed.");
            }

            await CheckMigrationsAsync(copy, source, cancellationToken);
            await SqliteFiles.QueryAsync(copy, "PRAGMA journal_mode = DELETE;", cancellationToken);
            var fingerprint = await DatabaseFingerprint.ReadAsync(copy, cancellationToken);
            var manifest = await DatabaseBackup.ReadManifestAsync(source, cancellationToken);
            if (manifest is not null && manifest.Checksum != fingerprint.Checksum)
            {
                throw new BackupFailure($"{source} does not hold what its manifest says (checksum {fingerprint.Checksum}, manifest {manifest.Checksum}). Nothing was changed.");
            }

            return (fingerprint, manifest is not null);
        }
        catch (SqliteException exception)
        {
            throw new BackupFailure($"{source} cannot be read as a database ({exception.Message}). Nothing was changed.", exception);
        }
    }

    private static async Task<bool> HasSqliteHeaderAsync(string path, CancellationToken cancellationToken)
    {
        var header = new byte[SqliteHeader.Length];
        await using var stream = File.OpenRead(path);
        return await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken) == header.Length
            && header.AsSpan().SequenceEqual(SqliteHeader);
    }

    // The same rule as the host's start: a database from a newer version would be served by code that does not know its tables.
    private static async Task CheckMigrationsAsync(SqliteConnection copy, string source, CancellationToken cancellationToken)
    {
        var tables = await SqliteFiles.QueryAsync(copy, $"SELECT name FROM sqlite_master WHERE type = 'table' AND name = '{MigrationsTable}';", cancellationToken);
        if (tables.Count == 0)
        {
            throw new BackupFailure($"{source} is a SQLite database but not a DgeGraph one (it has no {MigrationsTable} table). Nothing was changed.");
        }

        var applied = await SqliteFiles.QueryAsync(copy, $"SELECT MigrationId FROM \"{MigrationsTable}\";", cancellationToken);
        using var db = DgeDbContext.ModelOnly();
        var unknown = applied.Except(db.Database.GetMigrations()).ToList();
        if (unknown.Count > 0)
        {
            throw new BackupFailure($"{source} was written by a newer version of DgeGraph (migrations {string.Join(", ", unknown)}); restore it with that version. Nothing was changed.");
        }
    }

    // The host lock is a file an operator can delete (or a host may reach the database by another path); SQLite itself
    // knows whether another connection has the file open: leaving WAL mode needs it alone. Refused, a running host would
    // keep writing to the replaced file and every write it acknowledged after the restore would be lost. Done, the old
    // log is checkpointed into the file, so removing it below loses nothing even if the restore stops half-way.
    private static async Task LeaveWriteAheadLogAsync(SqliteConnection current, string databasePath, CancellationToken cancellationToken)
    {
        await using var command = current.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = DELETE;";
        command.CommandTimeout = 5;
        var refusal = $"Another process has {databasePath} open (a host whose {HostLock.PathFor(databasePath)} was deleted, or another program); stop it, then restore. Nothing was changed.";
        try
        {
            if (await command.ExecuteScalarAsync(cancellationToken) is not "delete")
            {
                throw new BackupFailure(refusal);
            }
        }
        catch (SqliteException exception) when (DatabaseFailure.Locked(exception) is not null)
        {
            throw new BackupFailure(refusal, exception);
        }
    }

    // Through the backup API rather than a rename, so the commits still in the old database's write-ahead log are kept too.
    private static async Task<string> KeepPreviousAsync(string databasePath, TimeProvider time, CancellationToken cancellationToken)
    {
        var previous = $"{databasePath}.before-restore-{time.GetUtcNow().ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture)}";
        var temporary = previous + ".tmp";
        try
        {
            await using (var destination = await SqliteFiles.OpenAsync(temporary, SqliteOpenMode.ReadWriteCreate, cancellationToken))
            {
                await using (var current = await SqliteFiles.OpenAsync(databasePath, SqliteOpenMode.ReadWrite, cancellationToken))
                {
                    await LeaveWriteAheadLogAsync(current, databasePath, cancellationToken);
                    current.BackupDatabase(destination);
                }

                await SqliteFiles.QueryAsync(destination, "PRAGMA journal_mode = DELETE;", cancellationToken);
            }

            File.Move(temporary, previous, overwrite: false);
            return previous;
        }
        catch (SqliteException exception)
        {
            throw new BackupFailure($"The current database {databasePath} could not be copied aside ({exception.Message}); nothing was changed. Move it away by hand to restore over it.", exception);
        }
        finally
        {
            SqliteFiles.DeleteWithCompanions(temporary);
        }
    }
}

using System.Diagnostics;
using System.Text.Json;
using Dge.Api.Data;
using Dge.Api.Data.Providers;
using Microsoft.Data.Sqlite;

namespace Dge.Api.Backup;

/// <summary>What a backup wrote: the file, its size, the fingerprint of its content, and how long it took.</summary>
public sealed record BackupResult(string File, long SizeBytes, DatabaseFingerprint Fingerprint, DateTimeOffset MadeAt, TimeSpan Duration, string? Warning);

/// <summary>
/// An online, consistent copy of the database while a host keeps writing. SQLite's online backup API copies every page
/// in one step inside one read transaction, so the copy is the database as of one commit: writes committed before it
/// began are in it, writes that commit meanwhile (the write-ahead log lets them proceed) are not. The copy is written
/// to a temporary file beside the target, checked (integrity_check) and fingerprinted, and only then renamed to the
/// target, so a file under the target's name is always a complete, checked backup.
/// </summary>
public static class DatabaseBackup
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The manifest written beside a backup: its fingerprint, which <c>restore</c> checks the restored copy against.</summary>
    public static string ManifestPathFor(string backupPath) => backupPath + ".manifest.json";

    public static async Task<BackupResult> BackupAsync(string connectionString, string targetFile, bool overwrite, TimeProvider time, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var databasePath = ExistingDatabase(connectionString);
        var target = CheckTarget(targetFile, databasePath, overwrite);
        var folder = Path.GetDirectoryName(target)!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            CreateEmpty(temporary, folder);
            DatabaseFingerprint fingerprint;
            await using (var destination = await SqliteFiles.OpenAsync(temporary, SqliteOpenMode.ReadWrite, cancellationToken))
            {
                await using (var source = await SqliteFiles.OpenAsync(databasePath, SqliteOpenMode.ReadWrite, cancellationToken))
                {
                    source.BackupDatabase(destination);
                }

                // One self-contained file: the host switches a restored database back to WAL when it starts.
                await SqliteFiles.QueryAsync(destination, "PRAGMA journal_mode = DELETE;", cancellationToken);
                if (await SqliteFiles.IntegrityProblemAsync(destination, cancellationToken) is { } problem)
                {
                    throw new BackupFailure($"The copy failed its integrity check ({problem}); nothing was written to {target}.");
                }

                fingerprint = await DatabaseFingerprint.ReadAsync(destination, cancellationToken);
            }

            var madeAt = time.GetUtcNow();
            Publish(temporary, target, overwrite);
            var size = new FileInfo(target).Length;
            await WriteManifestAsync(target, new Manifest(madeAt, databasePath, size, fingerprint.Checksum, fingerprint.RowCounts), cancellationToken);
            var warning = await RecordAsync(databasePath, new BackupRecord(madeAt, target, size, fingerprint.TotalRows, fingerprint.Checksum), cancellationToken);
            return new BackupResult(target, size, fingerprint, madeAt, stopwatch.Elapsed, warning);
        }
        catch (SqliteException exception)
        {
            throw new BackupFailure($"The backup failed: {exception.Message}", exception);
        }
        finally
        {
            SqliteFiles.DeleteWithCompanions(temporary);
        }
    }

    /// <summary>The manifest beside <paramref name="backupPath"/>, or null if there is none.</summary>
    public static async Task<Manifest?> ReadManifestAsync(string backupPath, CancellationToken cancellationToken)
    {
        var path = ManifestPathFor(backupPath);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<Manifest>(stream, Json, cancellationToken);
    }

    internal static string ExistingDatabase(string connectionString)
    {
        var path = StoreSettings.DatabaseFile(connectionString)
            ?? throw new BackupFailure("The configured database is in memory (ConnectionStrings:Dge); there is no file to back up or restore.");
        return File.Exists(path) ? path : throw new BackupFailure($"There is no database at {path}; check ConnectionStrings:Dge.");
    }

    private static string CheckTarget(string targetFile, string databasePath, bool overwrite)
    {
        var target = Path.GetFullPath(targetFile);
        var folder = Path.GetDirectoryName(target)!;
        if (SqliteFiles.CompanionFiles(databasePath).Prepend(databasePath).Any(f => string.Equals(Path.GetFullPath(f), target, StringComparison.Ordinal)))
        {
            throw new BackupFailure($"{target} is the database itself (or one of its files); choose another file for the backup.");
        }

        if (!Directory.Exists(folder))
        {
            throw new BackupFailure($"The folder {folder} does not exist; create it first.");
        }

        // A name with a write-ahead log or journal beside it is a database in use (this one under another path: a
        // symlinked folder, a bind mount, another case on a case-insensitive disk), or one whose log SQLite would replay
        // into the copy: renaming the copy over it would corrupt the live database or the backup.
        if (SqliteFiles.CompanionFiles(target).FirstOrDefault(File.Exists) is { } companion)
        {
            throw new BackupFailure($"{companion} lies beside {target}: that name belongs to a database in use (perhaps this one under another path); choose another file for the backup.");
        }

        if (Directory.Exists(target))
        {
            throw new BackupFailure($"{target} is a folder; name the backup file, e.g. {Path.Combine(target, "dge-backup.db")}.");
        }

        return File.Exists(target) && !overwrite
            ? throw new BackupFailure($"{target} exists already; add --force to replace it.")
            : target;
    }

    private static void CreateEmpty(string temporary, string folder)
    {
        try
        {
            using var _ = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write);
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            throw new BackupFailure($"Cannot write to the folder {folder}: {exception.Message}", exception);
        }
    }

    // A rename within one folder is atomic: the target's name shows either the old file or the complete new one.
    private static void Publish(string temporary, string target, bool overwrite)
    {
        try
        {
            File.Move(temporary, target, overwrite);
        }
        catch (IOException exception) when (!overwrite && File.Exists(target))
        {
            throw new BackupFailure($"{target} appeared while the backup ran; add --force to replace it.", exception);
        }
    }

    private static async Task WriteManifestAsync(string target, Manifest manifest, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(ManifestPathFor(target), FileMode.Create, FileAccess.Write);
        await JsonSerializer.SerializeAsync(stream, manifest, Json, cancellationToken);
    }

    // The backup itself is complete; a log the host cannot be told about is worth a warning, not a failed backup.
    private static async Task<string?> RecordAsync(string databasePath, BackupRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await BackupLog.AppendAsync(databasePath, record, cancellationToken);
            return null;
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException or JsonException)
        {
            return $"The backup is complete, but it could not be recorded in {BackupLog.PathFor(databasePath)} ({exception.Message}), so the admin shell will not show it.";
        }
    }

    /// <summary>What a backup held: written beside it as <c>&lt;file&gt;.manifest.json</c>.</summary>
    public sealed record Manifest(DateTimeOffset MadeAt, string Database, long SizeBytes, string Checksum, IReadOnlyDictionary<string, long> RowCounts);
}

using System.Globalization;
using Dge.Api.Data.Providers;
using Microsoft.Data.Sqlite;

namespace Dge.Api.Data;

/// <summary>
/// Moves the integrity check of a SQLite file from the start to the clean stop before it, where it costs no one a wait. A
/// host that stops cleanly, with its database ready, checks the file (<c>PRAGMA quick_check</c>) once the last request and
/// background job are done, and if it is intact writes beside it what the file looks like then (<c>dge.db.clean-stop</c>:
/// its size and time of last change, and those of its write-ahead log). The next start removes that record and skips its
/// own check only if the file still looks exactly so; after a crash, a kill, a stop while the database was failing, a
/// restore, or any write to the file since (another program, a stray write, a copy over it that takes the copy's time), it
/// checks the whole file as before. What the record cannot see: a disk that changes a stopped file's bytes without a write,
/// and a copy over it that keeps the time of a file of exactly its size and time (<c>cp -p</c> of a copy of it). No record
/// is kept for a symbolic link or on a file system that keeps times to the second. Delete the record to have the next start
/// check anyway.
/// </summary>
internal sealed partial class CleanStop(StoreSettings store, DatabaseReadiness readiness, ILogger<CleanStop> logger)
    : IHostedLifecycleService
{
    /// <summary>
    /// Longer than the coarse clock a file's time of last change is taken from (a few ms): once it has passed since that
    /// time, any later write gives the file a later one, so the record cannot miss it.
    /// </summary>
    private static readonly TimeSpan ClockTick = TimeSpan.FromMilliseconds(25);

    // SQLite's primary result codes for a damaged file (https://sqlite.org/rescode.html).
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    /// <summary>The record of the clean stop of the database at <paramref name="databasePath"/>.</summary>
    public static string PathFor(string databasePath) => databasePath + ".clean-stop";

    /// <summary>
    /// Whether the file is as the last clean stop left it, checked then; the record is removed either way, so a start that
    /// dies before its own clean stop leaves none. Called under the start-up lock, before anything writes to the file.
    /// </summary>
    public static bool Consume(string databasePath)
    {
        var record = PathFor(databasePath);
        string recorded;
        try
        {
            recorded = File.ReadAllText(record);
            File.Delete(record);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // None, or one this host may not read or remove: the start checks the file.
            return false;
        }

        return Fingerprint(databasePath) is { } now && string.Equals(recorded, now.Record, StringComparison.Ordinal);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After every hosted service, the web server included, has stopped: nothing of this host writes any more.</summary>
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (!store.IsSqlite || StoreSettings.DatabaseFile(store.ConnectionString) is not { } path || !readiness.IsReady)
        {
            return;
        }

        var temporary = $"{PathFor(path)}.{Guid.NewGuid():N}.tmp";
        try
        {
            // The host's pooled connections closed: the last to close folds the write-ahead log into the file.
            using (var pooled = new SqliteConnection(store.ConnectionString))
            {
                SqliteConnection.ClearPool(pooled);
            }

            // Taken before the check and compared after it, so a write while the check reads is never recorded as checked.
            if (await SettledFingerprintAsync(path, cancellationToken) is not { } before)
            {
                return;
            }

            await using (var connection = await SqliteFiles.OpenAsync(path, SqliteOpenMode.ReadOnly, cancellationToken))
            {
                if (SqliteFiles.ProblemOf(await SqliteFiles.QueryAsync(connection, SqliteFiles.QuickCheck, cancellationToken)) is { } problem)
                {
                    LogCorruptAtStop(logger, problem);
                    return;
                }
            }

            if (Fingerprint(path) == before)
            {
                await File.WriteAllTextAsync(temporary, before.Record, cancellationToken);
                File.Move(temporary, PathFor(path), overwrite: true);
            }
        }
        catch (SqliteException exception) when ((exception.SqliteErrorCode & 0xFF) is SqliteCorrupt or SqliteNotADatabase)
        {
            LogCorruptAtStop(logger, exception.Message);
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            // Without a record the next start checks the file itself: nothing is lost but that start's time.
            LogNotRecorded(logger, exception.Message);
        }
        finally
        {
            DeleteQuietly(temporary);
        }
    }

    /// <summary>
    /// The file's fingerprint once no later write can share its time of last change; null if it changed meanwhile (another
    /// host writes) or its time lies ahead of the clock. Timed by the file system's clock, not the host's
    /// <see cref="TimeProvider"/> (which a test may hold still).
    /// </summary>
    private static async Task<Look?> SettledFingerprintAsync(string path, CancellationToken cancellationToken)
    {
        if (Fingerprint(path) is not { } before)
        {
            return null;
        }

        var sinceLastChange = DateTime.UtcNow - before.LastChange;
        if (sinceLastChange < TimeSpan.Zero)
        {
            return null;
        }

        if (sinceLastChange < ClockTick)
        {
            await Task.Delay(ClockTick - sinceLastChange, cancellationToken);
        }

        return Fingerprint(path) == before ? before : null;
    }

    /// <summary>
    /// The file's size and time of last change, and its write-ahead log's (an empty log counts as none), as the record holds
    /// them; and the later of the two times. Null, so no record is kept, for a symbolic link (its own size and time never
    /// change, and SQLite keeps the log beside the file it points to) and for times in whole seconds (a file system that
    /// keeps them to the second cannot show a write in the same one).
    /// </summary>
    private static Look? Fingerprint(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists || file.LinkTarget is not null || WholeSeconds(file.LastWriteTimeUtc))
        {
            return null;
        }

        var wal = new FileInfo(path + "-wal");
        if (!wal.Exists || wal.Length == 0)
        {
            return new Look(Record(file, "none"), file.LastWriteTimeUtc);
        }

        if (wal.LinkTarget is not null || WholeSeconds(wal.LastWriteTimeUtc))
        {
            return null;
        }

        var log = FormattableString.Invariant($"{wal.Length} {wal.LastWriteTimeUtc.Ticks}");
        return new Look(Record(file, log), wal.LastWriteTimeUtc > file.LastWriteTimeUtc ? wal.LastWriteTimeUtc : file.LastWriteTimeUtc);
    }

    private static string Record(FileInfo file, string log) =>
        string.Create(CultureInfo.InvariantCulture, $"dge clean stop 1\nfile {file.Length} {file.LastWriteTimeUtc.Ticks}\nlog {log}\n");

    private static bool WholeSeconds(DateTime time) => time.Ticks % TimeSpan.TicksPerSecond == 0;

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left beside the database; it is never read.
        }
    }

    /// <summary>What a record holds of the files, and the later of their times of last change.</summary>
    private sealed record Look(string Record, DateTime LastChange);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The database file failed its integrity check at the clean stop ({Problem}); the next start checks it again and reports it. Restore it from a backup.")]
    private static partial void LogCorruptAtStop(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The clean stop could not check the database file or record it ({Reason}); the next start checks the whole file.")]
    private static partial void LogNotRecorded(ILogger logger, string reason);
}

using System.Globalization;
using Dge.Api.Data;
using Dge.Api.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dge.Api.Backup;

/// <summary>
/// Backs up the database every <see cref="BackupOptions.Interval"/> with the same code as the backup command, into
/// <c>dge-&lt;UTC time&gt;.db</c> files in <see cref="BackupOptions.Directory"/>, keeping the newest
/// <see cref="BackupOptions.Keep"/>. A failed backup is logged and tried again at the next tick; the host keeps serving.
/// </summary>
internal sealed partial class ScheduledBackup(
    IOptions<BackupOptions> options,
    IDbContextFactory<DgeDbContext> contextFactory,
    DatabaseReadiness readiness,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<ScheduledBackup> logger) : BackgroundService
{
    private const string Prefix = "dge-";
    private const string Extension = ".db";
    private const string TimeFormat = "yyyyMMdd-HHmmss-fff";

    private static readonly TimeSpan MaxInterval = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Interval is not { } interval || interval <= TimeSpan.Zero)
        {
            return;
        }

        string connectionString;
        await using (var db = await contextFactory.CreateDbContextAsync(stoppingToken))
        {
            if (!db.Database.IsSqlite())
            {
                LogNotSqlite(logger);
                return;
            }

            connectionString = db.Database.GetConnectionString()!;
        }

        if (StoreSettings.DatabaseFile(connectionString) is not { } databasePath)
        {
            LogInMemory(logger);
            return;
        }

        // PeriodicTimer takes at most 2^32 - 2 ms (49.7 days); a longer interval would stop the host, not just the schedule.
        if (interval > MaxInterval)
        {
            LogIntervalTooLong(logger, interval, MaxInterval);
            return;
        }

        var folder = Folder(databasePath);
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // A database still migrating (or one the host could not open) is not worth a copy.
                if (readiness.IsReady)
                {
                    await BackUpOnceAsync(connectionString, folder, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping; a backup cut short left only its temporary file, which the backup deletes.
        }
    }

    private async Task BackUpOnceAsync(string connectionString, string folder, CancellationToken cancellationToken)
    {
        var name = $"{Prefix}{time.GetUtcNow().ToString(TimeFormat, CultureInfo.InvariantCulture)}{Extension}";
        try
        {
            // At each backup, not once at start: a folder that cannot be created (yet) is a failed backup, logged and
            // tried again, and not an exception that stops the host.
            Directory.CreateDirectory(folder);
            var result = await DatabaseBackup.BackupAsync(connectionString, Path.Combine(folder, name), overwrite: false, time, cancellationToken);
            LogBackedUp(logger, result.File, result.SizeBytes, result.Fingerprint.Checksum, result.Duration.TotalSeconds);
            if (result.Warning is { } warning)
            {
                LogWarning(logger, warning);
            }

            Prune(folder);
        }
        catch (Exception exception) when (exception is BackupFailure or IOException or UnauthorizedAccessException)
        {
            LogFailed(logger, exception.Message, exception);
        }
    }

    // Only this schedule's own files: the names sort by time, so the newest are the last.
    private void Prune(string folder)
    {
        var keep = Math.Max(1, options.Value.Keep);
        var old = Directory.EnumerateFiles(folder, $"{Prefix}*{Extension}")
            .Where(f => IsScheduledName(Path.GetFileName(f)))
            .OrderByDescending(f => Path.GetFileName(f), StringComparer.Ordinal)
            .Skip(keep);
        foreach (var file in old)
        {
            File.Delete(file);
            File.Delete(DatabaseBackup.ManifestPathFor(file));
            LogDeleted(logger, file);
        }
    }

    // Exactly the names this schedule gives: a backup made by hand as dge-2026-12-04.db (the README's example) also
    // matches dge-*.db, sorts below the schedule's names, and was deleted as the oldest.
    private static bool IsScheduledName(string fileName) =>
        fileName.Length > Prefix.Length + Extension.Length
        && fileName.StartsWith(Prefix, StringComparison.Ordinal)
        && fileName.EndsWith(Extension, StringComparison.Ordinal)
        && DateTime.TryParseExact(fileName[Prefix.Length..^Extension.Length], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private string Folder(string databasePath) => options.Value.Directory is { Length: > 0 } configured
        ? Path.GetFullPath(Path.Combine(environment.ContentRootPath, configured))
        : Path.Combine(Path.GetDirectoryName(databasePath)!, "backups");

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled backup written: {File} ({Bytes} bytes, checksum {Checksum}, {Seconds:F1} s).")]
    private static partial void LogBackedUp(ILogger logger, string file, long bytes, string checksum, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted the scheduled backup {File}, older than the newest Dge:Backup:Keep.")]
    private static partial void LogDeleted(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "The scheduled backup failed ({Reason}); it is tried again at the next interval.")]
    private static partial void LogFailed(ILogger logger, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dge:Backup:Interval is {Interval}, longer than the longest the schedule can wait ({Longest}); no scheduled backup is made.")]
    private static partial void LogIntervalTooLong(ILogger logger, TimeSpan interval, TimeSpan longest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dge:Backup:Interval is set, but the database is in memory: there is nothing to back up.")]
    private static partial void LogInMemory(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dge:Backup:Interval is set, but scheduled backups copy a SQLite file and this host runs on PostgreSQL: back it up with pg_dump (README, Running on PostgreSQL).")]
    private static partial void LogNotSqlite(ILogger logger);
}

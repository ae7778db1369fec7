using Dge.Api.Data.Providers;

namespace Dge.Api.Data;

/// <summary>
/// A lock on a file beside the database (<c>dge.db.host-lock</c>) that every running host holds for its whole lifetime,
/// shared (several hosts may serve one database), and that <c>restore</c> takes exclusively: the exclusive lock is
/// refused while any host runs, and a host that starts during a restore waits until the restore is done. The operating
/// system drops the lock when the holder's process ends, however it ends (kill -9 included), so a crashed host never
/// blocks a restore. Distinct from <see cref="StartupLock"/>, which a host holds only while it migrates and seeds.
/// </summary>
internal sealed partial class HostLock(string connectionString, ILogger<HostLock> logger) : IHostedService, IDisposable
{
    private FileStream? file;

    /// <summary>The lock file of the database at <paramref name="databasePath"/>.</summary>
    public static string PathFor(string databasePath) => databasePath + ".host-lock";

    /// <summary>
    /// The exclusive lock, or null while a host holds its shared one. .NET takes flock(LOCK_EX) on Unix for
    /// <see cref="FileShare.None"/> (a sharing mode on Windows), which no shared holder lets through.
    /// </summary>
    public static FileStream? TryTakeExclusive(string databasePath) => LockFiles.TryTake(PathFor(databasePath), FileAccess.ReadWrite, FileShare.None);

    /// <summary>
    /// Takes the shared lock, waiting while a restore holds the exclusive one. Read access with sharing makes .NET take
    /// flock(LOCK_SH) on Unix, so hosts do not exclude each other. An in-memory database has no file to lock.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (StoreSettings.DatabaseFile(connectionString) is not { } databasePath)
        {
            return;
        }

        file = await LockFiles.TakeAsync(PathFor(databasePath), FileAccess.Read, FileShare.ReadWrite, () => LogWaitingForRestore(logger), cancellationToken);
    }

    // The lock is released when the process ends; holding it through the shutdown keeps a restore out until the last write.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => file?.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "A restore is replacing the database; the host waits for it to finish.")]
    private static partial void LogWaitingForRestore(ILogger logger);
}

using Dge.Api.Data.Providers;

namespace Dge.Api.Data;

/// <summary>
/// An exclusive lock on a file beside the database (<c>dge.db.startup-lock</c>), held by the host while it migrates and
/// seeds. The operating system drops it when the holder's process ends, however it ends (kill -9 included), so holding
/// it proves that no other live host is migrating or seeding this database: a migration lock row that EF Core left in
/// the database is then stale and may be cleared. The file itself stays: deleting it on release would let a waiter lock
/// the unlinked file while a newcomer locks a new one.
/// </summary>
internal sealed class StartupLock : IDisposable
{
    private readonly FileStream? file;

    private StartupLock(FileStream? file) => this.file = file;

    /// <summary>
    /// Waits until no other process holds the lock, then takes it. An in-memory database has no file and no other
    /// process to coordinate with, so it gets a lock that holds nothing.
    /// </summary>
    public static async Task<StartupLock> AcquireAsync(string connectionString, Action onWait, CancellationToken cancellationToken)
    {
        if (StoreSettings.DatabaseFile(connectionString) is not { } databasePath)
        {
            return new StartupLock(null);
        }

        return new StartupLock(await LockFiles.TakeAsync(databasePath + ".startup-lock", FileAccess.ReadWrite, FileShare.None, onWait, cancellationToken));
    }

    public void Dispose() => file?.Dispose();
}

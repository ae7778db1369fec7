namespace Dge.Api.Data;

/// <summary>
/// Operating-system locks on files beside the database, taken by opening the file: <see cref="FileShare.None"/> takes
/// flock(LOCK_EX) on Unix (a sharing mode on Windows), read access shared with others flock(LOCK_SH). The system drops
/// a lock when its holder's process ends, however it ends (kill -9 included). <see cref="StartupLock"/> and
/// <see cref="HostLock"/> are built on it.
/// </summary>
internal static class LockFiles
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    // How .NET reports a lock held through another open file: ERROR_SHARING_VIOLATION on Windows; on Unix the errno of
    // flock(LOCK_NB), EWOULDBLOCK (11 on Linux, 35 on macOS).
    private static readonly int[] HeldElsewhere = [unchecked((int)0x80070020), 11, 35];

    /// <summary>The lock, or null while another process holds one that excludes it.</summary>
    public static FileStream? TryTake(string path, FileAccess access, FileShare share)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, access, share);
        }
        catch (IOException exception) when (HeldElsewhere.Contains(exception.HResult))
        {
            return null;
        }
    }

    /// <summary>Waits until no other process holds a lock that excludes this one, then takes it; <paramref name="onWait"/> once, if it must wait.</summary>
    public static async Task<FileStream> TakeAsync(string path, FileAccess access, FileShare share, Action onWait, CancellationToken cancellationToken)
    {
        var waited = false;
        while (true)
        {
            if (TryTake(path, access, share) is { } file)
            {
                return file;
            }

            if (!waited)
            {
                onWait();
                waited = true;
            }

            await Task.Delay(RetryDelay, cancellationToken);
        }
    }
}

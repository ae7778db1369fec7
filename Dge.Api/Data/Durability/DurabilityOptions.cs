namespace Dge.Api.Data.Durability;

/// <summary>Configuration section <c>Dge:Database</c>: what a commit waits for, and how long a writer waits for another.</summary>
public sealed class DurabilityOptions
{
    public const string Section = "Dge:Database";

    /// <summary>
    /// SQLite's <c>synchronous</c> setting. <see cref="SynchronousMode.Full"/> (the default) syncs the write-ahead log to
    /// the disk at every commit, so an acknowledged write survives a power cut as well as a killed process;
    /// <see cref="SynchronousMode.Normal"/> survives a killed process but may lose the last commits to a power cut.
    /// </summary>
    public SynchronousMode Synchronous { get; set; } = SynchronousMode.Full;

    /// <summary>
    /// How long a connection waits for another connection's write lock before SQLite reports the database busy
    /// (<c>busy_timeout</c>). Writers queue behind each other for up to this long.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// On SQLite, the most mutations that share one commit (group commit): the writers that queue while one writes join
    /// its transaction, each in a savepoint of its own, and none is answered before the shared commit. 1 commits each
    /// alone. More shares the sync of the log among more writes, and makes the first of them wait for the others.
    /// </summary>
    public int WritesPerCommit { get; set; } = 16;

    /// <summary>
    /// On SQLite, how long after the first of them kept its changes the writers of one commit may still be joined by
    /// another: past it, the writer that finishes commits. It bounds how long a write waits for the others after its own
    /// work (by this and the run of the one writer that began before it).
    /// </summary>
    public TimeSpan SharedCommitWindow { get; set; } = TimeSpan.FromMilliseconds(100);
}

/// <summary>The values of SQLite's <c>synchronous</c> pragma that keep a WAL database consistent after a crash.</summary>
public enum SynchronousMode
{
    Normal,
    Full,
    Extra,
}

namespace Dge.Api.Data;

/// <summary>
/// Whether the start-up migration and seed have finished, and if they failed, why (coarsely). The health check and the
/// GraphQL endpoint read it; the health check adds a live query on top (see <see cref="DatabaseProbe"/>).
/// </summary>
public sealed class DatabaseReadiness
{
    private volatile StartupState current = new(DatabaseState.Starting);

    public bool IsReady => current.State == DatabaseState.Ready;

    /// <summary>The start-up gave up: the database needs an operator, not a retry.</summary>
    public bool HasFailed => current.State is not (DatabaseState.Starting or DatabaseState.Ready);

    public DatabaseState Status => current.State;

    /// <summary>The coarse state, safe to show to anonymous callers.</summary>
    public string State => current.State.Describe();

    public void MarkReady() => current = new StartupState(DatabaseState.Ready);

    public void MarkFailed(DatabaseState state)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(state, DatabaseState.Ready);
        ArgumentOutOfRangeException.ThrowIfEqual(state, DatabaseState.Starting);
        current = new StartupState(state);
    }

    // One immutable holder, so a reader never sees half of an update.
    private sealed record StartupState(DatabaseState State);
}

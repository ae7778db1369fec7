namespace Dge.Api.Data;

/// <summary>
/// What the health endpoint and the GraphQL endpoint may tell anyone about the database: a coarse state, never the
/// engine's message, a path or SQL (those go to the log).
/// </summary>
public enum DatabaseState
{
    Starting,
    Ready,
    Unavailable,
    Locked,
    ReadOnly,
    Corrupt,
    NewerVersion,
    Missing,
}

public static class DatabaseStateExtensions
{
    /// <summary>The words a health probe or a client sees.</summary>
    public static string Describe(this DatabaseState state) => state switch
    {
        DatabaseState.Starting => "starting",
        DatabaseState.Ready => "ready",
        DatabaseState.Unavailable => "database unavailable",
        DatabaseState.Locked => "database locked",
        DatabaseState.ReadOnly => "database read-only",
        DatabaseState.Corrupt => "database corrupt",
        DatabaseState.NewerVersion => "database from a newer version",
        DatabaseState.Missing => "database missing",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}

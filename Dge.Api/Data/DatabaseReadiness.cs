namespace Dge.Api.Data;

/// <summary>Whether the database has been migrated and seeded; the health check and the GraphQL endpoint read it.</summary>
public sealed class DatabaseReadiness
{
    private volatile string _state = "starting: migrating and seeding the database";
    private volatile bool _ready;
    private volatile bool _failed;

    public bool IsReady => _ready;

    public bool HasFailed => _failed;

    public string State => _state;

    public void MarkReady(string state)
    {
        _state = state;
        _ready = true;
    }

    public void MarkFailed(string reason)
    {
        _state = $"failed: {reason}";
        _failed = true;
    }
}

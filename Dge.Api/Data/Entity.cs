namespace Dge.Api.Data;

/// <summary>Base of every stored row: a surrogate key and an optimistic-concurrency version.</summary>
public abstract class Entity
{
    public int Id { get; set; }

    /// <summary>Incremented on every update by <see cref="DgeDbContext"/>; a stale version fails the write.</summary>
    public long Version { get; set; }
}

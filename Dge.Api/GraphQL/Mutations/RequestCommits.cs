using System.Collections.Concurrent;
using Dge.Api.Audit;

namespace Dge.Api.GraphQL.Mutations;

/// <summary>
/// The mutations of this request that have committed, with what each changed (from its audit entries). A request whose
/// later mutation fails for want of the database must not be answered "retry the whole document" (503) when an earlier one
/// of it is already written; and one stopped by the timeout after a commit says what was saved, or a client that retries
/// makes it twice, or loses the id of what it created.
/// </summary>
public sealed class RequestCommits
{
    private readonly ConcurrentQueue<SavedMutation> _saved = new();

    public int Count => _saved.Count;

    /// <summary>The committed mutations, in the order they committed.</summary>
    public IReadOnlyList<SavedMutation> Saved => [.. _saved];

    public void Record(string mutation, IEnumerable<AuditEntry> changes) => _saved.Enqueue(SavedMutation.Of(mutation, changes));
}

/// <summary>One committed mutation: its field name and the global ids of what it created, updated and deleted.</summary>
public sealed record SavedMutation(string Mutation, IReadOnlyList<string> Created, IReadOnlyList<string> Updated, IReadOnlyList<string> Deleted)
{
    public static SavedMutation Of(string mutation, IEnumerable<AuditEntry> changes)
    {
        var entries = changes.ToList();
        return new(
            mutation,
            [.. entries.Where(e => e.Before is null).Select(e => e.EntityId)],
            [.. entries.Where(e => e.Before is not null && e.After is not null).Select(e => e.EntityId)],
            [.. entries.Where(e => e.After is null).Select(e => e.EntityId)]);
    }

    /// <summary>The error extension's shape: plain dictionaries and lists, as the result serializer writes them.</summary>
    public Dictionary<string, object?> ToExtension() => new()
    {
        ["mutation"] = Mutation,
        ["created"] = Created,
        ["updated"] = Updated,
        ["deleted"] = Deleted,
    };
}

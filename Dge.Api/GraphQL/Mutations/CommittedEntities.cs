using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Dge.Api.Audit;
using Dge.Api.Data;
using Dge.Api.GraphQL.Model;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.GraphQL.Mutations;

/// <summary>
/// What this request's committed write transactions held when they committed: every entity each one read or wrote, by
/// transaction. A mutation's payload answers a plain to-one relation of an entity it returns from the same transaction
/// (the KAP unit of a group just founded) instead of reading it again: the write read it under the write lock, so it is
/// what the commit left. Only a committed transaction adds here: a refused or rolled-back (dry-run) write leaves nothing,
/// and its payload reads the database as any other field does. A transaction that held more than
/// <see cref="MaxEntities"/> (an import) is not kept either: the request would hold all of it until its response is
/// written, and its payload is read as usual. Scoped to the request.
/// <para>
/// An entity the transaction created has no rows pointing at it but those the same transaction wrote: every link is a
/// foreign key the database enforces, and the key did not exist before (keys are never reused). So a connection of a
/// created entity (the themes, materials and attendees of a meeting just recorded) is answered from the transaction too,
/// when its links are a table's rows and each link's child was held (<see cref="TryChildren"/>).
/// </para>
/// <para>
/// What the payload shows is the state this mutation's write left. On SQLite the writers that queue meanwhile share its
/// commit (<see cref="SharedCommit"/>), so one of them may change a held entity (rename a doctor who attended) before the
/// shared commit answers this one: the payload then shows the state before that later change, as if it had been answered
/// at once, and a read after the answer shows the later one. Both are states the writes passed through in their order.
/// </para>
/// </summary>
public sealed class CommittedEntities
{
    /// <summary>The most entities (audit entries aside) a transaction may hold and still be kept; a small mutation holds a handful.</summary>
    public const int MaxEntities = 1_000;

    /// <summary>Each committed entity → the snapshot of its transaction.</summary>
    private readonly ConditionalWeakTable<Entity, Snapshot> _transactions = new();

    /// <summary>The connections whose links were found to be a table's rows (true) or not (false), once per field.</summary>
    private static readonly ConcurrentDictionary<ConnectionField, bool> HeldWhole = new();

    /// <summary>
    /// The entities <paramref name="db"/> is about to create, before its changes are saved: what <see cref="Take"/> marks as
    /// created. The write path calls it with detection off, having just detected the changes.
    /// </summary>
    public static HashSet<Entity> Creating(DbContext db) =>
        [.. db.ChangeTracker.Entries<Entity>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)];

    /// <summary>
    /// What <paramref name="db"/> tracks once its transaction's changes are saved, before the commit and before anything
    /// else uses the context, with the entities it <paramref name="created"/> (<see cref="Creating"/>): null when it holds
    /// more than <see cref="MaxEntities"/>.
    /// </summary>
    public static Snapshot? Take(DgeDbContext db, ModelRegistry models, IReadOnlySet<Entity> created)
    {
        // Saved: nothing is left to detect, and detecting would walk every tracked entity again.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var entities = new Dictionary<(Type Type, int Id), Entity>();
            foreach (var entry in db.ChangeTracker.Entries<Entity>())
            {
                // Audit entries are never a relation's target, and an import writes one per change.
                if (entry.State == EntityState.Unchanged && entry.Entity is not AuditEntry)
                {
                    entities[(entry.Entity.GetType(), entry.Entity.Id)] = entry.Entity;
                    if (entities.Count > MaxEntities)
                    {
                        return null;
                    }
                }
            }

            // Whether a created entity's connections can be read here depends on how each relation is stated, which only a
            // context can say: learnt once per field, the first time an entity of its parent's type is created.
            var types = created.Select(e => e.GetType()).ToHashSet();
            foreach (var connection in models.Models.Where(m => types.Contains(m.ClrType)).SelectMany(m => m.Connections))
            {
                HeldWhole.GetOrAdd(connection, c => c.LinksAreTableRows(db));
            }

            return new Snapshot(entities, created);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>Keeps <paramref name="held"/> for the request, once its transaction has committed.</summary>
    public void Add(Snapshot held)
    {
        foreach (var entity in held.Entities.Values)
        {
            _transactions.AddOrUpdate(entity, held);
        }
    }

    /// <summary>The entities one transaction held, by type and id, and those of them it created.</summary>
    public sealed class Snapshot
    {
        internal Snapshot(Dictionary<(Type Type, int Id), Entity> entities, IReadOnlySet<Entity> created)
        {
            Entities = entities;
            Created = created;
        }

        internal Dictionary<(Type Type, int Id), Entity> Entities { get; }

        internal IReadOnlySet<Entity> Created { get; }
    }

    /// <summary>
    /// The children of <paramref name="parent"/> over <paramref name="connection"/>, ordered by key, when the transaction that
    /// committed the parent created it and held every child; false when the relation must be read.
    /// </summary>
    public bool TryChildren(Entity parent, ConnectionField connection, [NotNullWhen(true)] out IReadOnlyList<Entity>? children)
    {
        children = null;
        if (!_transactions.TryGetValue(parent, out var snapshot) || !snapshot.Created.Contains(parent)
            || !HeldWhole.TryGetValue(connection, out var whole) || !whole)
        {
            return false;
        }

        children = connection.ChildrenAmong(snapshot.Entities, parent);
        return children is not null;
    }

    /// <summary>
    /// The target of <paramref name="reference"/> for <paramref name="parent"/> when the transaction that committed the
    /// parent also held the target (or the key is empty: no target); false when the relation must be read.
    /// </summary>
    public bool TryResolve(Entity parent, DirectReference reference, out Entity? target)
    {
        target = null;
        if (!_transactions.TryGetValue(parent, out var snapshot))
        {
            return false;
        }

        if (reference.Key(parent) is not { } key)
        {
            return true;
        }

        return snapshot.Entities.TryGetValue((reference.TargetType, key), out target);
    }
}

/// <summary>
/// A to-one relation held by a foreign key on the parent (<c>KapUnit</c> by <c>KapUnitId</c>), the same on every day:
/// its target can be found by key among entities already in hand.
/// </summary>
public sealed class DirectReference
{
    private DirectReference(Type targetType, Func<Entity, int?> key)
    {
        TargetType = targetType;
        Key = key;
    }

    public Type TargetType { get; }

    /// <summary>The parent's foreign key: the target's id, or null when the parent has none.</summary>
    public Func<Entity, int?> Key { get; }

    /// <summary>The relation as a direct reference, or null when it is dated, goes through links or is not a plain navigation.</summary>
    public static DirectReference? Of(ReferenceField reference)
    {
        if (reference.HasAsOf || reference.Link is not null || reference.ForeignKey is not { } foreignKey)
        {
            return null;
        }

        var parent = Expression.Parameter(typeof(Entity), "parent");
        var key = Expression.Lambda<Func<Entity, int?>>(
            Expression.Convert(Expression.Property(Expression.Convert(parent, reference.ParentType), foreignKey), typeof(int?)),
            parent).Compile();
        return new DirectReference(reference.TargetType, key);
    }
}

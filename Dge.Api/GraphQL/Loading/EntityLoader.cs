using System.Collections.Concurrent;
using Dge.Api.Data;
using Dge.Api.GraphQL.Filtering;
using Dge.Api.GraphQL.Model;
using Dge.Api.GraphQL.Paging;
using Dge.Api.GraphQL.Sorting;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.GraphQL.Loading;

/// <summary>Runs the queries of one entity model: its root connection and its lookup by ids (for <c>node(id:)</c>).</summary>
public abstract class EntityLoader
{
    private static readonly ConcurrentDictionary<EntityModel, EntityLoader> Loaders = new();

    /// <summary>The loader of <paramref name="model"/>, made once per model.</summary>
    public static EntityLoader For(EntityModel model) =>
        Loaders.GetOrAdd(model, m => (EntityLoader)Activator.CreateInstance(typeof(EntityLoader<>).MakeGenericType(m.ClrType), m)!);

    /// <summary>The root connection: filtered, sorted and paged in SQL; counted only when needed.</summary>
    public abstract Task<Connection> QueryAsync(DgeDbContext db, ConnectionArguments arguments, FilterBuilder filters, SortBuilder sorts, CancellationToken cancellationToken);

    /// <summary>Entities by key, for <c>node(id:)</c> and lookups.</summary>
    public abstract Task<IReadOnlyDictionary<int, Entity>> LoadByIdsAsync(DgeDbContext db, IReadOnlyCollection<int> ids, CancellationToken cancellationToken);
}

public sealed class EntityLoader<T>(EntityModel<T> model) : EntityLoader
    where T : Entity
{
    public override async Task<Connection> QueryAsync(
        DgeDbContext db, ConnectionArguments arguments, FilterBuilder filters, SortBuilder sorts, CancellationToken cancellationToken)
    {
        IQueryable<T> query = db.Set<T>().AsNoTracking();
        if (arguments.Where is { } where)
        {
            query = query.Where(filters.Build<T>(where));
        }

        var keys = sorts.Build(model, arguments.Order);
        var window = arguments.Window;
        int? total = window.NeedsTotal ? await query.CountAsync(cancellationToken) : null;
        if (!window.NeedsItems)
        {
            return Connection.Empty(total);
        }

        window = window.Placed(total ?? 0);
        var rows = await SortBuilder.Apply(query, keys).Skip(window.Skip).Take(window.Take + 1).ToListAsync(cancellationToken);
        return PageBuilder.Forward(rows, window, total);
    }

    public override async Task<IReadOnlyDictionary<int, Entity>> LoadByIdsAsync(
        DgeDbContext db, IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        var keys = ids.ToList();
        return await db.Set<T>().AsNoTracking().Where(e => keys.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => (Entity)e, cancellationToken);
    }
}

using System.Collections.Concurrent;
using System.Linq.Expressions;
using Dge.Api.Data;
using Dge.Api.GraphQL.Filtering;
using Dge.Api.GraphQL.Model;
using Dge.Api.GraphQL.Paging;
using Dge.Api.GraphQL.Sorting;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.GraphQL.Loading;

/// <summary>
/// Loads a one-to-many relation (<see cref="ConnectionField"/>): one page of children for each of many parents, in one SQL
/// statement; only the counts when the client asked for nothing else.
/// </summary>
public abstract class ConnectionLoader
{
    private static readonly ConcurrentDictionary<ConnectionField, ConnectionLoader> Loaders = new();

    /// <summary>The loader of <paramref name="connection"/>, made once per field.</summary>
    public static ConnectionLoader For(ConnectionField connection) =>
        Loaders.GetOrAdd(connection, c => (ConnectionLoader)Activator.CreateInstance(typeof(ConnectionLoader<,>).MakeGenericType(c.ParentType, c.ChildType), c)!);

    /// <summary>One page of children for each of many parents, in one SQL statement.</summary>
    public abstract Task<IReadOnlyDictionary<int, Connection>> LoadPagesAsync(
        DgeDbContext db, IReadOnlyCollection<int> parentIds, ConnectionArguments arguments, ModelRegistry models, FilterBuilder filters, SortBuilder sorts, CancellationToken cancellationToken);
}

public sealed class ConnectionLoader<T, TChild>(ConnectionField connection) : ConnectionLoader
    where T : Entity
    where TChild : Entity
{
    public override async Task<IReadOnlyDictionary<int, Connection>> LoadPagesAsync(
        DgeDbContext db, IReadOnlyCollection<int> parentIds, ConnectionArguments arguments, ModelRegistry models, FilterBuilder filters, SortBuilder sorts, CancellationToken cancellationToken)
    {
        var childModel = models.For<TChild>();
        var parent = Expression.Parameter(typeof(T), "parent");
        var children = connection.ChildrenOf(db, parent, arguments.AsOf, parentIds);
        if (arguments.Where is { } where)
        {
            children = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(TChild)], children, Expression.Quote(filters.Build<TChild>(where)));
        }

        var window = arguments.Window;
        var ordered = SortBuilder.Apply(children, typeof(TChild), sorts.Build(childModel, arguments.Order), reverse: window.FromEnd);
        var paged = window.FromEnd
            ? Take(ordered, window.Take)
            : Take(Expression.Call(typeof(Queryable), nameof(Queryable.Skip), [typeof(TChild)], ordered, Expression.Constant(window.Skip)), window.Take + 1);
        var page = typeof(PageRow);
        var bindings = new List<MemberBinding>
        {
            Expression.Bind(page.GetProperty(nameof(PageRow.ParentId))!, EntityModel.IdOf(parent)),
            Expression.Bind(page.GetProperty(nameof(PageRow.Total))!, window.NeedsTotal
                ? Expression.Call(typeof(Queryable), nameof(Queryable.Count), [typeof(TChild)], children)
                : Expression.Constant(0)),
        };
        if (window.NeedsItems)
        {
            bindings.Add(Expression.Bind(page.GetProperty(nameof(PageRow.Items))!, Expression.Call(typeof(Enumerable), nameof(Enumerable.ToList), [typeof(TChild)], paged)));
        }

        var projection = Expression.Lambda<Func<T, PageRow>>(Expression.MemberInit(Expression.New(page), bindings), parent);
        var ids = parentIds.ToList();
        var rows = await db.Set<T>().AsNoTracking().Where(p => ids.Contains(p.Id)).Select(projection).ToListAsync(cancellationToken);
        var pages = rows.ToDictionary(
            r => r.ParentId,
            r => !window.NeedsItems ? Connection.Empty(window.NeedsTotal ? r.Total : null)
                : window.FromEnd ? PageBuilder.Backward(r.Items, window, r.Total)
                : PageBuilder.Forward(r.Items, window, window.NeedsTotal ? r.Total : null));

        // A parent that is no longer stored (a mutation's payload shows what it deleted) has no children left.
        foreach (var gone in ids.Where(id => !pages.ContainsKey(id)))
        {
            pages[gone] = Connection.Empty(window.NeedsTotal ? 0 : null);
        }

        return pages;
    }

    private static MethodCallExpression Take(Expression query, int count) =>
        Expression.Call(typeof(Queryable), nameof(Queryable.Take), [typeof(TChild)], query, Expression.Constant(count));

    /// <summary>The page of one parent, as the batched projection returns it.</summary>
    private sealed class PageRow
    {
        public int ParentId { get; set; }

        public List<TChild> Items { get; set; } = [];

        public int Total { get; set; }
    }
}

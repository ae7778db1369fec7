using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Dge.Api.Data;
using Dge.Api.GraphQL.Filtering;
using Dge.Api.GraphQL.Model;
using Dge.Api.GraphQL.Paging;
using Dge.Api.GraphQL.Sorting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

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

    /// <summary>
    /// The page <paramref name="window"/> asks for of a parent's children already in hand, all of them and in the default
    /// order (by key): the page, cursors and count the statement would give.
    /// </summary>
    public abstract Connection PageOf(IReadOnlyList<Entity> children, PageWindow window);
}

public sealed class ConnectionLoader<T, TChild>(ConnectionField connection) : ConnectionLoader
    where T : Entity
    where TChild : Entity
{
    /// <summary>Per model (a compiled query serves only the model it was first run with) and window shape: the compiled query of one parent's page.</summary>
    private readonly ConditionalWeakTable<IModel, ConcurrentDictionary<(bool NeedsItems, bool NeedsTotal, bool FromEnd), Func<DgeDbContext, int, int, int, IAsyncEnumerable<PageRow>>>> _pageOfOne = [];

    public override async Task<IReadOnlyDictionary<int, Connection>> LoadPagesAsync(
        DgeDbContext db, IReadOnlyCollection<int> parentIds, ConnectionArguments arguments, ModelRegistry models, FilterBuilder filters, SortBuilder sorts, CancellationToken cancellationToken)
    {
        // A page of one parent is compiled only over a whole table of links (the compiled query reads the set itself).
        if (parentIds.Count == 1 && arguments is { Where: null, Order: null, AsOf: null } && !connection.HasAsOf && connection.LinksAreWholeTable(db))
        {
            return await LoadOneAsync(db, parentIds.First(), arguments.Window, models, cancellationToken);
        }

        var childModel = models.For<TChild>();
        var parent = Expression.Parameter(typeof(T), "parent");
        var children = connection.ChildrenOf(db, parent, arguments.AsOf, parentIds);
        if (arguments.Where is { } where)
        {
            children = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(TChild)], children, Expression.Quote(filters.Build<TChild>(where)));
        }

        var window = arguments.Window;
        var ordered = SortBuilder.Apply(children, typeof(TChild), sorts.Build(childModel, arguments.Order), reverse: window.FromEnd);
        var projection = PageOfParent(parent, children, ordered, (window.NeedsItems, window.NeedsTotal, window.FromEnd),
            Expression.Constant(window.FromEnd ? 0 : window.Skip), Expression.Constant(window.FromEnd ? window.Take : window.Take + 1));
        var ids = parentIds.ToList();
        var rows = await db.Set<T>().AsNoTracking().Where(p => ids.Contains(p.Id)).Select(projection).ToListAsync(cancellationToken);
        var pages = rows.ToDictionary(r => r.ParentId, r => Page(r.Items, window, r.Total));

        // A parent that is no longer stored (a mutation's payload shows what it deleted) has no children left.
        foreach (var gone in ids.Where(id => !pages.ContainsKey(id)))
        {
            pages[gone] = Connection.Empty(window.NeedsTotal ? 0 : null);
        }

        return pages;
    }

    /// <summary>
    /// One parent's page in the default order (by key), the most frequent load (a detail read, a mutation's payload), by a
    /// query compiled once per window shape: the same statement the batched path makes for one parent, with its id, skip and
    /// take as parameters, without building, walking and looking up the expression on every call.
    /// </summary>
    private async Task<IReadOnlyDictionary<int, Connection>> LoadOneAsync(DgeDbContext db, int parentId, PageWindow window, ModelRegistry models, CancellationToken cancellationToken)
    {
        var shape = (window.NeedsItems, window.NeedsTotal, window.FromEnd);
        var query = _pageOfOne.GetValue(db.Model, _ => new()).GetOrAdd(shape, _ => CompilePageOfOne(models, shape));
        var (skip, take) = window.FromEnd ? (0, window.Take) : (window.Skip, window.Take + 1);
        PageRow? row = null;
        await foreach (var found in query(db, parentId, skip, take).WithCancellation(cancellationToken))
        {
            row = found;
        }

        // A parent that is no longer stored (a mutation's payload shows what it deleted) has no children left.
        return new Dictionary<int, Connection> { [parentId] = row is null ? Connection.Empty(window.NeedsTotal ? 0 : null) : Page(row.Items, window, row.Total) };
    }

    private Func<DgeDbContext, int, int, int, IAsyncEnumerable<PageRow>> CompilePageOfOne(ModelRegistry models, (bool NeedsItems, bool NeedsTotal, bool FromEnd) shape)
    {
        var context = Expression.Parameter(typeof(DgeDbContext), "context");
        var parentId = Expression.Parameter(typeof(int), "parentId");
        var skip = Expression.Parameter(typeof(int), "skip");
        var take = Expression.Parameter(typeof(int), "take");
        var parent = Expression.Parameter(typeof(T), "parent");
        var children = connection.ChildrenIn(context, parent, parentId);

        // The default order: the key, as SortBuilder ends every order.
        var ordered = SortBuilder.Apply(children, typeof(TChild), new SortBuilder(models, default, null).Build(models.For<TChild>(), null), reverse: shape.FromEnd);
        var parents = Expression.Call(typeof(EntityFrameworkQueryableExtensions), nameof(EntityFrameworkQueryableExtensions.AsNoTracking), [typeof(T)],
            Expression.Call(context, nameof(DbContext.Set), [typeof(T)]));
        var one = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(T)], parents,
            Expression.Quote(Expression.Lambda<Func<T, bool>>(Expression.Equal(EntityModel.IdOf(parent), parentId), parent)));
        var projected = Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(T), typeof(PageRow)], one,
            Expression.Quote(PageOfParent(parent, children, ordered, shape, skip, take)));
        return EF.CompileAsyncQuery(Expression.Lambda<Func<DgeDbContext, int, int, int, IQueryable<PageRow>>>(projected, context, parentId, skip, take));
    }

    /// <summary>
    /// A parent's page row: its id, the count of its children when asked for, and the <paramref name="take"/> rows after
    /// <paramref name="skip"/> of its <paramref name="ordered"/> children (from the end, reversed, when the window is; skip is
    /// then not applied) when items are asked for.
    /// </summary>
    private static Expression<Func<T, PageRow>> PageOfParent(
        ParameterExpression parent, Expression children, Expression ordered, (bool NeedsItems, bool NeedsTotal, bool FromEnd) shape, Expression skip, Expression take)
    {
        var paged = Expression.Call(typeof(Queryable), nameof(Queryable.Take), [typeof(TChild)],
            shape.FromEnd ? ordered : Expression.Call(typeof(Queryable), nameof(Queryable.Skip), [typeof(TChild)], ordered, skip), take);
        var page = typeof(PageRow);
        var bindings = new List<MemberBinding>
        {
            Expression.Bind(page.GetProperty(nameof(PageRow.ParentId))!, EntityModel.IdOf(parent)),
            Expression.Bind(page.GetProperty(nameof(PageRow.Total))!, shape.NeedsTotal
                ? Expression.Call(typeof(Queryable), nameof(Queryable.Count), [typeof(TChild)], children)
                : Expression.Constant(0)),
        };
        if (shape.NeedsItems)
        {
            bindings.Add(Expression.Bind(page.GetProperty(nameof(PageRow.Items))!, Expression.Call(typeof(Enumerable), nameof(Enumerable.ToList), [typeof(TChild)], paged)));
        }

        return Expression.Lambda<Func<T, PageRow>>(Expression.MemberInit(Expression.New(page), bindings), parent);
    }

    public override Connection PageOf(IReadOnlyList<Entity> children, PageWindow window)
    {
        var all = children.Cast<TChild>();
        var items = !window.NeedsItems ? []
            : window.FromEnd ? all.Reverse().Take(window.Take).ToList()
            : all.Skip(window.Skip).Take(window.Take + 1).ToList();
        return Page(items, window, children.Count);
    }

    /// <summary>A page from the rows the window read (one more than it shows, to tell whether more follow; reversed from the end).</summary>
    private static Connection Page(List<TChild> items, PageWindow window, int total) =>
        !window.NeedsItems ? Connection.Empty(window.NeedsTotal ? total : null)
            : window.FromEnd ? PageBuilder.Backward(items, window, total)
            : PageBuilder.Forward(items, window, window.NeedsTotal ? total : null);

    /// <summary>The page of one parent, as the batched projection returns it.</summary>
    private sealed class PageRow
    {
        public int ParentId { get; set; }

        public List<TChild> Items { get; set; } = [];

        public int Total { get; set; }
    }
}

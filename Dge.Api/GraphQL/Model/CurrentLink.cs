using System.Linq.Expressions;
using Dge.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.GraphQL.Model;

/// <summary>
/// A to-one relation on a day through dated links: a doctor's clinic through its employments, a municipality's region
/// through its region history, a clinic's cluster through its memberships. The target is the one of the parent's link active
/// on the day; should two overlap, the one with the latest From wins, then the lowest Id (the rule <c>CurrentCluster</c> also
/// states for the views). Knowing the links, and not only the navigation, lets SQL start from the links: loading the
/// targets of a page of parents reads only their links, and a filter through the relation becomes "parent id in (the
/// current links whose target matches)", which SQLite answers from the target's side instead of evaluating the relation
/// for every parent.
/// </summary>
public abstract class CurrentLink
{
    /// <summary>The relation as a navigation expression <c>T → TTarget?</c> on the day.</summary>
    public abstract LambdaExpression NavigationOn(DateOnly day);

    /// <summary>The links' entity type (e.g. <c>ClinicEmployment</c>), for the planned reads' SQL.</summary>
    public abstract Type LinkType { get; }

    /// <summary>The link's key of its parent, <c>TLink → int</c>.</summary>
    public abstract LambdaExpression ParentKey { get; }

    /// <summary>The link's target, <c>TLink → TTarget?</c>.</summary>
    public abstract LambdaExpression Target { get; }

    /// <summary>
    /// The ids of the parents whose target on <paramref name="day"/> satisfies <paramref name="targetPredicate"/>
    /// (<c>TTarget → bool</c>), as an <c>IQueryable&lt;int&gt;</c> expression. Parents without a target are never in it,
    /// so this stands for the filter only when the filter rejects a missing target.
    /// </summary>
    public abstract Expression ParentIdsWhere(DgeDbContext db, LambdaExpression targetPredicate, DateOnly day);

    /// <summary>The targets of <paramref name="parentIds"/> on <paramref name="day"/>: parent id → target (absent when none).</summary>
    public abstract Task<IReadOnlyDictionary<int, Entity>> LoadAsync(DgeDbContext db, IReadOnlyCollection<int> parentIds, DateOnly day, CancellationToken cancellationToken);

    public static CurrentLink<T, TLink, TTarget> Of<T, TLink, TTarget>(
        Expression<Func<T, IEnumerable<TLink>>> links, Expression<Func<TLink, int>> parentKey, Expression<Func<TLink, TTarget?>> target)
        where T : Entity
        where TLink : Entity, IPeriod
        where TTarget : Entity => new(links, parentKey, target);
}

public sealed class CurrentLink<T, TLink, TTarget>(
    Expression<Func<T, IEnumerable<TLink>>> links, Expression<Func<TLink, int>> parentKey, Expression<Func<TLink, TTarget?>> target) : CurrentLink
    where T : Entity
    where TLink : Entity, IPeriod
    where TTarget : Entity
{
    public override Type LinkType => typeof(TLink);

    public override LambdaExpression ParentKey => parentKey;

    public override LambdaExpression Target => target;

    public override LambdaExpression NavigationOn(DateOnly day)
    {
        var parent = Expression.Parameter(typeof(T), "parent");
        Expression<Func<IEnumerable<TLink>, Expression<Func<TLink, bool>>, Expression<Func<TLink, TTarget?>>, TTarget?>> rule =
            (all, active, read) => all.AsQueryable().Where(active).OrderByDescending(l => l.From).ThenBy(l => l.Id).Select(read).FirstOrDefault();
        var body = ExpressionRewriter.Inline(
            rule, ExpressionRewriter.Inline(links, parent), Expression.Quote(Periods.ActiveOn<TLink>(day)), Expression.Quote(target));
        return Expression.Lambda<Func<T, TTarget?>>(body, parent);
    }

    public override Expression ParentIdsWhere(DgeDbContext db, LambdaExpression targetPredicate, DateOnly day)
    {
        // The current links whose target matches: active on the day, the target matching, and no other active link of the
        // same parent ahead of it (a later From, or the same From and a lower Id).
        var active = Periods.ActiveOn<TLink>(day);
        var link = Expression.Parameter(typeof(TLink), "link");
        var other = Expression.Parameter(typeof(TLink), "other");
        var ahead = Expression.Lambda<Func<TLink, bool>>(
            Expression.AndAlso(
                Expression.Equal(ExpressionRewriter.Inline(parentKey, other), ExpressionRewriter.Inline(parentKey, link)),
                Expression.AndAlso(
                    ExpressionRewriter.Inline(active, other),
                    Expression.OrElse(
                        Expression.GreaterThan(Expression.Property(other, nameof(IPeriod.From)), Expression.Property(link, nameof(IPeriod.From))),
                        Expression.AndAlso(
                            Expression.Equal(Expression.Property(other, nameof(IPeriod.From)), Expression.Property(link, nameof(IPeriod.From))),
                            Expression.LessThan(EntityModel.IdOf(other), EntityModel.IdOf(link)))))),
            other);
        var current = Expression.Lambda<Func<TLink, bool>>(
            Expression.AndAlso(
                ExpressionRewriter.Inline(active, link),
                Expression.AndAlso(
                    ExpressionRewriter.Inline(targetPredicate, ExpressionRewriter.Inline(target, link)),
                    Expression.Not(Expression.Call(typeof(Queryable), nameof(Queryable.Any), [typeof(TLink)], ((IQueryable)db.Set<TLink>()).Expression, Expression.Quote(ahead))))),
            link);
        return db.Set<TLink>().Where(current).Select(parentKey).Expression;
    }

    public override async Task<IReadOnlyDictionary<int, Entity>> LoadAsync(
        DgeDbContext db, IReadOnlyCollection<int> parentIds, DateOnly day, CancellationToken cancellationToken)
    {
        // The parents' active links with their targets; the current one per parent is picked here, from a handful of rows,
        // rather than by a window over every active link in SQL.
        var link = Expression.Parameter(typeof(TLink), "link");
        var row = Expression.Lambda<Func<TLink, LinkRow>>(
            Expression.MemberInit(
                Expression.New(typeof(LinkRow)),
                Expression.Bind(typeof(LinkRow).GetProperty(nameof(LinkRow.ParentId))!, ExpressionRewriter.Inline(parentKey, link)),
                Expression.Bind(typeof(LinkRow).GetProperty(nameof(LinkRow.From))!, Expression.Property(link, nameof(IPeriod.From))),
                Expression.Bind(typeof(LinkRow).GetProperty(nameof(LinkRow.LinkId))!, EntityModel.IdOf(link)),
                Expression.Bind(typeof(LinkRow).GetProperty(nameof(LinkRow.Target))!, ExpressionRewriter.Inline(target, link))),
            link);
        var parentOf = Expression.Lambda<Func<TLink, bool>>(
            Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(int)], QueryParameter.Of(parentIds.ToList()), ExpressionRewriter.Inline(parentKey, link)),
            link);
        var rows = await db.Set<TLink>().AsNoTracking()
            .Where(parentOf)
            .Where(Periods.ActiveOn<TLink>(day))
            .Select(row)
            .ToListAsync(cancellationToken);
        return rows
            .Where(r => r.Target is not null)
            .GroupBy(r => r.ParentId)
            .ToDictionary(g => g.Key, g => (Entity)g.OrderByDescending(r => r.From).ThenBy(r => r.LinkId).First().Target!);
    }

    private sealed class LinkRow
    {
        public int ParentId { get; set; }

        public DateOnly From { get; set; }

        public int LinkId { get; set; }

        public TTarget? Target { get; set; }
    }
}

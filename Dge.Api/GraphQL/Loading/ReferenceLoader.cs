using System.Collections.Concurrent;
using System.Linq.Expressions;
using Dge.Api.Data;
using Dge.Api.GraphQL.Model;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.GraphQL.Loading;

/// <summary>Loads a to-one relation (<see cref="ReferenceField"/>) for many parents in one query.</summary>
public abstract class ReferenceLoader
{
    private static readonly ConcurrentDictionary<ReferenceField, ReferenceLoader> Loaders = new();

    /// <summary>The loader of <paramref name="reference"/>, made once per field.</summary>
    public static ReferenceLoader For(ReferenceField reference) =>
        Loaders.GetOrAdd(reference, r => (ReferenceLoader)Activator.CreateInstance(typeof(ReferenceLoader<,>).MakeGenericType(r.ParentType, r.TargetType), r)!);

    /// <summary>Loads the targets of many parents in one query: parent id → target (absent when none).</summary>
    public abstract Task<IReadOnlyDictionary<int, Entity>> LoadAsync(DgeDbContext db, IReadOnlyCollection<int> parentIds, DateOnly day, CancellationToken cancellationToken);
}

public sealed class ReferenceLoader<T, TTarget>(ReferenceField reference) : ReferenceLoader
    where T : Entity
    where TTarget : Entity
{
    public override async Task<IReadOnlyDictionary<int, Entity>> LoadAsync(
        DgeDbContext db, IReadOnlyCollection<int> parentIds, DateOnly day, CancellationToken cancellationToken)
    {
        if (reference.Link is { } link)
        {
            return await link.LoadAsync(db, parentIds, day, cancellationToken);
        }

        var navigation = reference.NavigationOn(day);
        var parameter = Expression.Parameter(typeof(T), "parent");
        var target = ExpressionRewriter.Inline(navigation, parameter);
        var pair = Expression.Lambda<Func<T, ParentAndChild>>(
            Expression.MemberInit(
                Expression.New(typeof(ParentAndChild)),
                Expression.Bind(typeof(ParentAndChild).GetProperty(nameof(ParentAndChild.ParentId))!, EntityModel.IdOf(parameter)),
                Expression.Bind(typeof(ParentAndChild).GetProperty(nameof(ParentAndChild.Child))!, target)),
            parameter);
        var rows = await db.Set<T>().AsNoTracking()
            .Where(p => parentIds.Contains(p.Id))
            .Select(pair)
            .ToListAsync(cancellationToken);
        return rows.Where(r => r.Child is not null).ToDictionary(r => r.ParentId, r => (Entity)r.Child!);
    }

    /// <summary>A row of the batched query: which parent a target belongs to.</summary>
    private sealed class ParentAndChild
    {
        public int ParentId { get; set; }

        public TTarget? Child { get; set; }
    }
}

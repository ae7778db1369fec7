using System.Linq.Expressions;
using System.Reflection;
using Dge.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace Dge.Api.GraphQL.Model;

/// <summary>A scalar or enum field of an entity, read by <see cref="Selector"/> both in SQL and in memory.</summary>
public sealed class ScalarField
{
    public ScalarField(string name, string description, LambdaExpression selector, Type valueType, string? requiredRole = null)
    {
        Name = name;
        Description = description;
        RequiredRole = requiredRole;
        Selector = selector;
        ValueType = valueType;
        var source = Expression.Parameter(typeof(object), "source");
        Getter = Expression.Lambda<Func<object, object?>>(
            Expression.Convert(ExpressionRewriter.Inline(selector, Expression.Convert(source, selector.Parameters[0].Type)), typeof(object)),
            source).Compile();
    }

    public string Name { get; }

    public string Description { get; }

    public LambdaExpression Selector { get; }

    /// <summary>The role needed to read, filter or sort on the field (personal data needs Reader); null when anyone may.</summary>
    public string? RequiredRole { get; }

    /// <summary>The CLR type of the value, nullable where the column is.</summary>
    public Type ValueType { get; }

    /// <summary>Reads the value from a loaded entity, for the output field.</summary>
    public Func<object, object?> Getter { get; }

    public Type NonNullableType => Nullable.GetUnderlyingType(ValueType) ?? ValueType;

    /// <summary>
    /// Whether the value can be null: from the property's nullable annotation when the selector reads a property.
    /// A field that needs a role is always nullable: a caller without it gets null and an error on that path.</summary>
    public bool IsNullable => RequiredRole is not null || (ValueType.IsValueType
        ? Nullable.GetUnderlyingType(ValueType) is not null
        : Selector.Body is not MemberExpression { Member: PropertyInfo property } || new NullabilityInfoContext().Create(property).ReadState != NullabilityState.NotNull);
}

/// <summary>A to-one relation, possibly depending on a date.</summary>
public abstract class ReferenceField(string name, string description, Type parentType, Type targetType, bool hasAsOf, PropertyInfo? foreignKey, CurrentLink? link)
{
    /// <summary>Whether every parent has a target: an undated navigation whose foreign key (<c>XId</c>) is a non-nullable int.</summary>
    public bool IsRequired { get; } = !hasAsOf && foreignKey?.PropertyType == typeof(int);

    /// <summary>
    /// The parent's foreign key (<c>XId</c>, an int or int?) when the navigation is the parent's plain property <c>X</c>;
    /// null when it is computed.
    /// </summary>
    public PropertyInfo? ForeignKey { get; } = foreignKey;

    public string Name { get; } = name;

    public string Description { get; } = description;

    public Type ParentType { get; } = parentType;

    public Type TargetType { get; } = targetType;

    public bool HasAsOf { get; } = hasAsOf;

    /// <summary>The dated links the relation goes through, when it is stated by them; loading and filtering then start from the links.</summary>
    public CurrentLink? Link { get; } = link;

    /// <summary>The navigation as a lambda <c>T → TTarget?</c>, on the given day.</summary>
    public abstract LambdaExpression NavigationOn(DateOnly day);
}

public sealed class ReferenceField<T, TTarget>(
    string name, string description, Func<DateOnly, Expression<Func<T, TTarget?>>> navigationOn, bool hasAsOf, CurrentLink? link = null)
    : ReferenceField(name, description, typeof(T), typeof(TTarget), hasAsOf, Navigation.ForeignKeyOf(navigationOn(DateOnly.MinValue)), link)
    where T : Entity
    where TTarget : Entity
{
    public override LambdaExpression NavigationOn(DateOnly day) => navigationOn(day);

}

/// <summary>What the fields read from a navigation lambda.</summary>
internal static class Navigation
{
    /// <summary>
    /// The key beside a plain navigation (<c>KapUnitId</c> for <c>g => g.KapUnit</c>, <c>ThemeId</c> for <c>t => t.Theme</c>):
    /// an int property of the navigation's owner named after it; null for anything else.
    /// </summary>
    public static PropertyInfo? ForeignKeyOf(LambdaExpression navigation) =>
        navigation.Body is MemberExpression { Member: PropertyInfo property, Expression: ParameterExpression owner }
        && owner.Type.GetProperty(property.Name + "Id") is { } key
        && (key.PropertyType == typeof(int) || key.PropertyType == typeof(int?))
            ? key
            : null;
}

/// <summary>
/// A one-to-many relation, stated as links: rows of <c>TLink</c> whose <see cref="ConnectionField{T,TLink,TChild}"/> parent key
/// points at the parent, each leading to one child (the link itself for a plain foreign key). Stating it this way lets
/// one SQL statement page the children of many parents at once (ROW_NUMBER partitioned by the link's parent key).
/// </summary>
public abstract class ConnectionField(string name, string description, Type parentType, Type childType, bool hasAsOf)
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    public Type ParentType { get; } = parentType;

    public Type ChildType { get; } = childType;

    /// <summary>Whether the relation is over periods: then the field takes <c>asOf</c> (default today) and lists the children active that day.</summary>
    public bool HasAsOf { get; } = hasAsOf;

    /// <summary>
    /// The children of <paramref name="parent"/> as an <c>IQueryable&lt;TChild&gt;</c> expression; with <paramref name="parentIds"/>
    /// the links are also restricted to those parents, which keeps a batched window small.
    /// </summary>
    public abstract Expression ChildrenOf(DgeDbContext db, Expression parent, DateOnly? asOf, IReadOnlyCollection<int>? parentIds = null);

    /// <summary>
    /// The children of <paramref name="parent"/> on no day, the links read from <paramref name="context"/>'s whole set of them
    /// (a compiled query's context parameter) and restricted to <paramref name="parentId"/> (a parameter too: it keeps the
    /// window small, as <c>parentIds</c> does): only for a relation whose links are a whole table, not dated.
    /// </summary>
    public abstract Expression ChildrenIn(ParameterExpression context, Expression parent, ParameterExpression parentId);

    /// <summary>
    /// How the relation is stated, for the planned reads' SQL: the links' type and their key of the parent; the link's
    /// child (null when the link is the child); whether the links are a whole table (not a filtered query or a view) and
    /// whether the day's rule is the plain period rule (<see cref="Periods.ActiveOn{T}"/>).
    /// </summary>
    public abstract (Type LinkType, LambdaExpression ParentKey, LambdaExpression? Child, bool WholeTable, bool PeriodRule) Statement(DgeDbContext db);

    /// <summary>Whether the links are a whole table's rows (the set itself, not a filtered query): <see cref="Statement"/>'s WholeTable.</summary>
    public abstract bool LinksAreWholeTable(DgeDbContext db);

    /// <summary>
    /// Whether the relation's links are all the rows of a table (not a filtered query, a view or SQL), on no day's rule, each
    /// pointing at its parent and its child by a foreign key: then entities in hand can answer it (<see cref="ChildrenAmong"/>).
    /// </summary>
    public abstract bool LinksAreTableRows(DgeDbContext db);

    /// <summary>
    /// The children of <paramref name="parent"/> among <paramref name="held"/> (entities by type and id), ordered by key as
    /// the connection's default order is, when every link found there leads to a held child; null when one does not.
    /// Only for a relation whose <see cref="LinksAreTableRows"/>, and whose links to the parent are all held.
    /// </summary>
    public abstract IReadOnlyList<Entity>? ChildrenAmong(IReadOnlyDictionary<(Type Type, int Id), Entity> held, Entity parent);
}

public sealed class ConnectionField<T, TLink, TChild>(
    string name,
    string description,
    Func<DgeDbContext, IQueryable<TLink>> links,
    Expression<Func<TLink, int?>> parentKey,
    Expression<Func<TLink, TChild>>? child,
    Func<DateOnly, Expression<Func<TLink, bool>>>? activeOn)
    : ConnectionField(name, description, typeof(T), typeof(TChild), activeOn is not null)
    where T : Entity
    where TLink : class
    where TChild : Entity
{
    private readonly Lazy<Func<TLink, int?>> _parentKeyOf = new(parentKey.Compile);

    /// <summary>How the links are stated does not change: learnt from the first context that asks (every context says the same).</summary>
    private bool? _wholeTable;

    private readonly Lazy<Func<TLink, int?>?> _childKeyOf = new(() =>
        child is not null && Navigation.ForeignKeyOf(child) is { } key
            ? Expression.Lambda<Func<TLink, int?>>(Expression.Convert(Expression.Property(child.Parameters[0], key), typeof(int?)), child.Parameters[0]).Compile()
            : null);

    public override Expression ChildrenOf(DgeDbContext db, Expression parent, DateOnly? asOf, IReadOnlyCollection<int>? parentIds = null) =>
        Children(links(db).Expression, parent, asOf, parentIds);

    public override Expression ChildrenIn(ParameterExpression context, Expression parent, ParameterExpression parentId)
    {
        if (activeOn is not null)
        {
            throw new InvalidOperationException($"{Name} is dated: its children are read on a day.");
        }

        var link = Expression.Parameter(typeof(TLink), "link");
        var links = Where(Expression.Call(context, nameof(DbContext.Set), [typeof(TLink)]), Expression.Lambda<Func<TLink, bool>>(
            Expression.Equal(ExpressionRewriter.Inline(parentKey, link), Expression.Convert(parentId, typeof(int?))), link));
        return Children(links, parent, asOf: null, parentIds: null);
    }

    private Expression Children(Expression query, Expression parent, DateOnly? asOf, IReadOnlyCollection<int>? parentIds)
    {
        var link = Expression.Parameter(typeof(TLink), "link");
        var key = ExpressionRewriter.Inline(parentKey, link);

        // A missing parent (a filter through a to-one relation with no target) has no children: its id reads as null, and
        // C#'s null == null would otherwise match the links with no parent key (coordinators without a cluster).
        var hasKey = Expression.NotEqual(key, Expression.Constant(null, typeof(int?)));
        query = Where(query, Expression.Lambda<Func<TLink, bool>>(
            Expression.AndAlso(hasKey, Expression.Equal(key, Expression.Convert(EntityModel.IdOf(parent), typeof(int?)))), link));
        if (parentIds is not null)
        {
            var ids = parentIds.Select(id => (int?)id).ToList();
            query = Where(query, Expression.Lambda<Func<TLink, bool>>(
                Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(int?)], QueryParameter.Of(ids), key), link));
        }

        if (activeOn is not null && asOf is { } day)
        {
            query = Where(query, activeOn(day));
        }

        return child is null
            ? query
            : Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(TLink), typeof(TChild)], query, Expression.Quote(child));
    }

    public override (Type LinkType, LambdaExpression ParentKey, LambdaExpression? Child, bool WholeTable, bool PeriodRule) Statement(DgeDbContext db) =>
        (typeof(TLink), parentKey, child, LinksAreWholeTable(db), activeOn is null || activeOn.Method.Name == nameof(Periods.ActiveOn) && activeOn.Method.DeclaringType == typeof(Periods));

    public override bool LinksAreWholeTable(DgeDbContext db) => _wholeTable ??= links(db).Expression is EntityQueryRootExpression;

    public override bool LinksAreTableRows(DgeDbContext db)
    {
        var links = db.Model.FindEntityType(typeof(TLink));
        return activeOn is null
            && typeof(Entity).IsAssignableFrom(typeof(TLink))
            && links is not null && links.GetTableName() is not null && links.GetViewName() is null && links.GetSqlQuery() is null
            && LinksAreWholeTable(db)
            && IsForeignKey(links, parentKey.Body, typeof(T))
            && (child is null || (Navigation.ForeignKeyOf(child) is { } key && IsForeignKey(links, Expression.Property(child.Parameters[0], key), typeof(TChild))));
    }

    public override IReadOnlyList<Entity>? ChildrenAmong(IReadOnlyDictionary<(Type Type, int Id), Entity> held, Entity parent)
    {
        var children = new List<Entity>();
        foreach (var entity in held.Values)
        {
            if (entity is not TLink link || _parentKeyOf.Value(link) != parent.Id)
            {
                continue;
            }

            if (child is null)
            {
                children.Add(entity);
            }
            else if (_childKeyOf.Value is { } childKey && childKey(link) is { } key && held.TryGetValue((typeof(TChild), key), out var target))
            {
                children.Add(target);
            }
            else
            {
                return null;
            }
        }

        children.Sort((a, b) => a.Id.CompareTo(b.Id));
        return children;
    }

    /// <summary>Whether <paramref name="key"/> (a property of the link, perhaps widened to int?) is a foreign key to <paramref name="target"/>.</summary>
    private static bool IsForeignKey(IEntityType links, Expression key, Type target) =>
        (key is UnaryExpression { NodeType: ExpressionType.Convert } widened ? widened.Operand : key) is MemberExpression { Member: PropertyInfo property, Expression: ParameterExpression }
        && links.FindProperty(property.Name) is { } column
        && column.GetContainingForeignKeys().Any(f => f.PrincipalEntityType.ClrType == target && f.Properties.Count == 1);

    private static MethodCallExpression Where(Expression query, Expression<Func<TLink, bool>> predicate) =>
        Expression.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(TLink)], query, Expression.Quote(predicate));
}

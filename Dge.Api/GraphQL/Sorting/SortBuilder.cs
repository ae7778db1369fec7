using System.Collections;
using System.Linq.Expressions;
using System.Security.Claims;
using Dge.Api.Access;
using Dge.Api.Data;
using Dge.Api.GraphQL.Model;

namespace Dge.Api.GraphQL.Sorting;

/// <summary>One sort key: a lambda over the entity and its direction; <paramref name="PlacesNulls"/> for a key that only puts missing values in place.</summary>
public sealed record SortKey(LambdaExpression Selector, bool Descending, bool PlacesNulls = false);

/// <summary>
/// Turns a HotChocolate-style <c>order: [XSortInput!]</c> into sort keys, always ending with the entity key
/// so that equal values keep a stable order and offset cursors stay valid between pages. Dated relations (a doctor's
/// clinic) are read on <paramref name="day"/>, the connection's asOf. A missing value (null, or no target of the relation)
/// sorts first in ascending order and last in descending order, as SQLite orders them; on PostgreSQL, which orders them
/// the other way, <paramref name="nullsAsSqlite"/> adds a key that places them so.
/// </summary>
public sealed class SortBuilder(ModelRegistry models, DateOnly day, ClaimsPrincipal? user, bool nullsAsSqlite = false)
{
    public const int MaxKeys = 10;

    public IReadOnlyList<SortKey> Build(EntityModel model, object? order, string path = "order")
    {
        var parameter = Expression.Parameter(model.ClrType, "x");
        var keys = new List<SortKey>();
        if (order is IEnumerable list and not string and not IDictionary<string, object?>)
        {
            var i = 0;
            foreach (var item in list)
            {
                var itemPath = $"{path}[{i++}]";
                Collect(model, parameter, parameter, item as IDictionary<string, object?> ?? throw DgeQueryError.InvalidSort(itemPath, "expects an object."), itemPath, keys);
            }
        }
        else if (order is IDictionary<string, object?> single)
        {
            Collect(model, parameter, parameter, single, path, keys);
        }
        else if (order is not null)
        {
            throw DgeQueryError.InvalidSort(path, "expects a list of sort objects.");
        }

        keys.Add(new SortKey(Expression.Lambda(EntityModel.IdOf(parameter), parameter), Descending: false));
        return keys;
    }

    /// <summary>
    /// A sort object names one field: the parsed input keeps fields in schema order, not the order the client wrote,
    /// so two fields in one object would be applied in an order the client did not ask for.
    /// </summary>
    public static void RequireOneField(IDictionary<string, object?> order, string path)
    {
        if (order.Count(field => field.Value is not null) > 1)
        {
            throw DgeQueryError.InvalidSort(path, $"name one field per sort object, in the order wanted, e.g. order: [{{ {string.Join(": ASC }, { ", order.Keys)}: ASC }}].");
        }
    }

    private void Collect(EntityModel model, ParameterExpression root, Expression entity, IDictionary<string, object?> order, string path, List<SortKey> keys)
    {
        RequireOneField(order, path);
        if (keys.Count(key => !key.PlacesNulls) >= MaxKeys)
        {
            throw DgeQueryError.InvalidSort(path, $"sort by at most {MaxKeys} fields.");
        }

        foreach (var (name, value) in order)
        {
            var fieldPath = $"{path}.{name}";
            if (model.Scalars.FirstOrDefault(s => s.Name == name) is { } scalar)
            {
                if (scalar.RequiredRole is { } role && !Roles.Has(user, role))
                {
                    throw DgeQueryError.NotAuthorized(fieldPath, role);
                }

                var descending = value switch
                {
                    SortDirection.Asc => false,
                    SortDirection.Desc => true,
                    _ => throw DgeQueryError.InvalidSort(fieldPath, "expects ASC or DESC."),
                };
                var read = ExpressionRewriter.Inline(scalar.Selector, entity);
                if (nullsAsSqlite && (scalar.IsNullable || entity != root))
                {
                    // false (missing) before true in ascending order, after it in descending order.
                    var nullable = read.Type.IsValueType && Nullable.GetUnderlyingType(read.Type) is null ? Expression.Convert(read, typeof(Nullable<>).MakeGenericType(read.Type)) : read;
                    keys.Add(new SortKey(Expression.Lambda(Expression.NotEqual(nullable, Expression.Constant(null, nullable.Type)), root), descending, PlacesNulls: true));
                }

                keys.Add(new SortKey(Expression.Lambda(SortValues.Of(read), root), descending));
            }
            else if (model.References.FirstOrDefault(r => r.Name == name) is { } reference)
            {
                var target = ExpressionRewriter.Inline(reference.NavigationOn(day), entity);
                Collect(models.For(reference.TargetType), root, target,
                    value as IDictionary<string, object?> ?? throw DgeQueryError.InvalidSort(fieldPath, "expects an object."), fieldPath, keys);
            }
            else
            {
                throw DgeQueryError.InvalidSort(fieldPath, $"{model.Name} has no sortable field '{name}'.");
            }
        }
    }

    /// <summary>Applies the keys as OrderBy/ThenBy calls on a query expression of <paramref name="elementType"/>.</summary>
    public static Expression Apply(Expression query, Type elementType, IReadOnlyList<SortKey> keys, bool reverse = false)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            var descending = keys[i].Descending ^ reverse;
            var method = (i == 0, descending) switch
            {
                (true, false) => nameof(Queryable.OrderBy),
                (true, true) => nameof(Queryable.OrderByDescending),
                (false, false) => nameof(Queryable.ThenBy),
                (false, true) => nameof(Queryable.ThenByDescending),
            };
            query = Expression.Call(typeof(Queryable), method, [elementType, keys[i].Selector.ReturnType], query, Expression.Quote(keys[i].Selector));
        }

        return query;
    }

    public static IQueryable<T> Apply<T>(IQueryable<T> query, IReadOnlyList<SortKey> keys, bool reverse = false)
        where T : Entity =>
        query.Provider.CreateQuery<T>(Apply(query.Expression, typeof(T), keys, reverse));
}

/// <summary>Sort direction, <c>SortEnumType</c> in HotChocolate's schema.</summary>
public enum SortDirection
{
    Asc,
    Desc,
}

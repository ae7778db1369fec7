using System.Collections.Concurrent;
using System.Linq.Expressions;
using Dge.Api.Data.Collation;
using Dge.Api.GraphQL.Scalars;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.GraphQL.Sorting;

/// <summary>
/// What a sort key compares in SQL: text in Danish alphabetical order (the <see cref="DanishCollation"/> collation), enums
/// by their names in the API rather than by what the column stores, anything else as it is.
/// </summary>
public static class SortValues
{
    private static readonly ConcurrentDictionary<Type, object[]> ApiOrders = new();

    public static Expression Of(Expression value)
    {
        if (value.Type == typeof(string))
        {
            return Expression.Call(
                typeof(RelationalDbFunctionsExtensions).GetMethod(nameof(RelationalDbFunctionsExtensions.Collate))!.MakeGenericMethod(typeof(string)),
                Expression.Property(null, typeof(EF), nameof(EF.Functions)),
                value,
                Expression.Constant(DanishCollation.Name));
        }

        return (Nullable.GetUnderlyingType(value.Type) ?? value.Type).IsEnum ? ApiRank(value) : value;
    }

    /// <summary>
    /// The enum value's position among the API's names in alphabetical order (<c>NEW_GP</c> after <c>KGE</c>), as a CASE in
    /// SQL: the order stays the one clients see whatever the column stores. Null stays null.
    /// </summary>
    private static Expression ApiRank(Expression value)
    {
        var values = ApiOrders.GetOrAdd(Nullable.GetUnderlyingType(value.Type) ?? value.Type, ApiOrder);
        Expression rank = Expression.Constant(null, typeof(int?));
        for (var i = values.Length - 1; i >= 0; i--)
        {
            rank = Expression.Condition(Expression.Equal(value, Expression.Constant(values[i], value.Type)), Expression.Constant(i, typeof(int?)), rank);
        }

        return rank;
    }

    /// <summary>The enum's values ordered by their names in the schema (read from the enum graph type itself), sorted as text is.</summary>
    public static object[] ApiOrder(Type enumType) =>
        [.. ScalarTypes.Enum(enumType).Values.OrderBy(v => v.Name, DanishCollation.Comparer).Select(v => v.Value!)];
}

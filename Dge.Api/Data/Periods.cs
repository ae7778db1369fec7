using System.Linq.Expressions;

namespace Dge.Api.Data;

/// <summary>The one definition of "active on D" for half-open periods: From ≤ D and (To is null or To &gt; D).</summary>
public static class Periods
{
    public static Expression<Func<T, bool>> ActiveOn<T>(DateOnly day)
        where T : IPeriod
    {
        var row = Expression.Parameter(typeof(T), "row");
        var from = Expression.Property(row, nameof(IPeriod.From));
        var to = Expression.Property(row, nameof(IPeriod.To));
        var dayValue = QueryParameter.Of(day);
        var body = Expression.AndAlso(
            Expression.LessThanOrEqual(from, dayValue),
            Expression.OrElse(
                Expression.Equal(to, Expression.Constant(null, typeof(DateOnly?))),
                Expression.GreaterThan(to, Expression.Convert(dayValue, typeof(DateOnly?)))));
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    public static bool IsActiveOn(this IPeriod period, DateOnly day) => period.From <= day && (period.To is null || period.To > day);
}

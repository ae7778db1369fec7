using System.Linq.Expressions;

namespace Dge.Api.Data;

/// <summary>
/// The rules of half-open periods, written once: a period is active during the days [first, last] when it starts on or before
/// last and has not ended by first. SQL inlines <see cref="ActiveDuringRule"/>; in-memory code runs the same rule compiled.
/// </summary>
public static class Periods
{
    private static readonly Expression<Func<DateOnly, DateOnly?, DateOnly, DateOnly, bool>> ActiveDuringRule =
        (from, to, first, last) => from <= last && (to == null || to > first);

    private static readonly Func<DateOnly, DateOnly?, DateOnly, DateOnly, bool> IsActiveDuring = ActiveDuringRule.Compile();

    /// <summary>Active on D: From ≤ D and (To is null or To &gt; D).</summary>
    public static Expression<Func<T, bool>> ActiveOn<T>(DateOnly day)
        where T : IPeriod
    {
        var dayValue = QueryParameter.Of(day);
        return ActiveDuring<T>(dayValue, dayValue);
    }

    /// <summary>Active in year Y: active on at least one day of Y.</summary>
    public static Expression<Func<T, bool>> ActiveIn<T>(int year)
        where T : IPeriod => ActiveDuring<T>(QueryParameter.Of(FirstDay(year)), QueryParameter.Of(LastDay(year)));

    public static bool IsActiveOn(this IPeriod period, DateOnly day) => IsActiveDuring(period.From, period.To, day, day);

    public static bool IsActiveIn(this IPeriod period, int year) => IsActiveDuring(period.From, period.To, FirstDay(year), LastDay(year));

    /// <summary>Whether the period can be closed on D (D becomes its exclusive end): it started before D and has not ended by D.</summary>
    public static bool CanCloseOn(this IPeriod period, DateOnly day) => period.From < day && (period.To is null || period.To > day);

    /// <summary>Closes the period on D: D is the first day it no longer holds. Callers check <see cref="CanCloseOn"/> first.</summary>
    public static void CloseOn(this IPeriod period, DateOnly day)
    {
        if (!period.CanCloseOn(day))
        {
            throw new InvalidOperationException($"A period [{period.From:yyyy-MM-dd}, {period.To:yyyy-MM-dd}) cannot be closed on {day:yyyy-MM-dd}.");
        }

        period.To = day;
    }

    private static Expression<Func<T, bool>> ActiveDuring<T>(Expression first, Expression last)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var body = ExpressionRewriter.Inline(
            ActiveDuringRule, Expression.Property(row, nameof(IPeriod.From)), Expression.Property(row, nameof(IPeriod.To)), first, last);
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    private static DateOnly FirstDay(int year) => new(year, 1, 1);

    private static DateOnly LastDay(int year) => new(year, 12, 31);
}

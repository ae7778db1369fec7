using System.Linq.Expressions;
using Dge.Api.Data;

namespace Dge.Api.Doctors;

/// <summary>
/// The one definition of nynedsat (newly established GP) on a day D: established in the 24 months before D, i.e.
/// EstablishedOn in (D − 24 months, D]. The views' SQL inlines <see cref="Rule"/>; in-memory code and the seed run the same rule compiled.
/// </summary>
public static class Nynedsat
{
    public const int Months = 24;

    /// <summary>The rule over (established on, the window's exclusive lower bound, D); the bound is computed outside SQL.</summary>
    private static readonly Expression<Func<DateOnly?, DateOnly, DateOnly, bool>> Rule =
        (establishedOn, after, day) => establishedOn > after && establishedOn <= day;

    private static readonly Func<DateOnly?, DateOnly, DateOnly, bool> IsWithin = Rule.Compile();

    /// <summary>The exclusive lower bound of the window on <paramref name="day"/>.</summary>
    public static DateOnly After(DateOnly day) => day.AddMonths(-Months);

    public static bool On(DateOnly? establishedOn, DateOnly day) => IsWithin(establishedOn, After(day), day);

    /// <summary>The rule for SQL: whether the date that <paramref name="establishedOn"/> reads makes the doctor nynedsat on <paramref name="day"/>.</summary>
    public static Expression<Func<T, bool>> Of<T>(Expression<Func<T, DateOnly?>> establishedOn, DateOnly day)
    {
        var row = establishedOn.Parameters[0];
        return Expression.Lambda<Func<T, bool>>(
            ExpressionRewriter.Inline(Rule, establishedOn.Body, QueryParameter.Of(After(day)), QueryParameter.Of(day)), row);
    }
}

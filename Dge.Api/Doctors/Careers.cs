using System.Linq.Expressions;
using Dge.Api.Data;

namespace Dge.Api.Doctors;

/// <summary>
/// The one definition of a doctor practising as GP on a day D, read from the dated career rather than the current
/// phase, so views of past days count the doctors who practised then: EstablishedOn ≤ D and (RetiredOn is null or
/// RetiredOn &gt; D). SQL and in-memory code both use <see cref="Rule"/>.
/// </summary>
public static class Careers
{
    private static readonly Expression<Func<DateOnly?, DateOnly?, DateOnly, bool>> Rule =
        (establishedOn, retiredOn, day) => establishedOn <= day && (retiredOn == null || retiredOn > day);

    private static readonly Func<DateOnly?, DateOnly?, DateOnly, bool> Compiled = Rule.Compile();

    /// <summary>The rule for one day as a filter EF translates to SQL (the day is sent as a parameter).</summary>
    public static Expression<Func<Doctor, bool>> PractisingOn(DateOnly day)
    {
        var doctor = Expression.Parameter(typeof(Doctor), "doctor");
        var body = new Binder(new Dictionary<ParameterExpression, Expression>
        {
            [Rule.Parameters[0]] = Expression.Property(doctor, nameof(Doctor.EstablishedOn)),
            [Rule.Parameters[1]] = Expression.Property(doctor, nameof(Doctor.RetiredOn)),
            [Rule.Parameters[2]] = QueryParameter.Of(day),
        }).Visit(Rule.Body);
        return Expression.Lambda<Func<Doctor, bool>>(body, doctor);
    }

    public static bool IsPractisingOn(DateOnly? establishedOn, DateOnly? retiredOn, DateOnly day) => Compiled(establishedOn, retiredOn, day);

    private sealed class Binder(Dictionary<ParameterExpression, Expression> values) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => values.GetValueOrDefault(node, node);
    }
}

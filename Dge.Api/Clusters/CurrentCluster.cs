using System.Linq.Expressions;
using Dge.Api.Data;

namespace Dge.Api.Clusters;

/// <summary>
/// The one definition of a clinic's cluster on a day D: the cluster of its membership active on D; should two overlap, the one
/// with the latest From wins, then the lowest Id. Clinic.cluster, the views and the mutations splice <see cref="Of{TSource,TResult}"/> into their SQL.
/// </summary>
public static class CurrentCluster
{
    /// <summary>
    /// What <paramref name="read"/> reads from the membership that places a clinic on <paramref name="day"/>, among the memberships
    /// <paramref name="memberships"/> gives for it; null when none is active. <paramref name="read"/> returns a nullable value.
    /// </summary>
    public static Expression<Func<TSource, TResult>> Of<TSource, TResult>(
        Expression<Func<TSource, IEnumerable<ClusterClinicMembership>>> memberships, Expression<Func<ClusterClinicMembership, TResult>> read, DateOnly day)
    {
        var source = memberships.Parameters[0];
        var body = ExpressionRewriter.Inline(
            Rule<TResult>.Lambda, memberships.Body, Expression.Quote(Periods.ActiveOn<ClusterClinicMembership>(day)), Expression.Quote(read));
        return Expression.Lambda<Func<TSource, TResult>>(body, source);
    }

    /// <summary>The rule over (a clinic's memberships, the predicate of the day, what to read).</summary>
    private static class Rule<TResult>
    {
        public static readonly Expression<Func<
            IEnumerable<ClusterClinicMembership>, Expression<Func<ClusterClinicMembership, bool>>, Expression<Func<ClusterClinicMembership, TResult>>, TResult?>> Lambda =
            (memberships, activeOnDay, read) => memberships.AsQueryable().Where(activeOnDay).OrderByDescending(m => m.From).ThenBy(m => m.Id).Select(read).FirstOrDefault();
    }
}

using System.Linq.Expressions;
using Dge.Api.Groups;
using Dge.Api.Regions;

namespace Dge.Api.Views;

/// <summary>
/// The date rules of the views (DOMAIN.md, "Cross-cutting views") that <see cref="Data.Periods"/> does not cover because the
/// entity names its bounds differently; they apply the same half-open rule: active on D when start ≤ D and (end is null or end &gt; D).
/// </summary>
public static class ViewRules
{
    /// <summary>Theme alignment looks at meetings in the 12 months before D, i.e. Date in (D − 12 months, D].</summary>
    public const int ThemeWindowMonths = 12;

    /// <summary>A group with fewer current members than this is open for group suggestions.</summary>
    public const int OpenGroupBelow = 12;

    /// <summary>The exclusive lower bound of the theme window on <paramref name="day"/>.</summary>
    public static DateOnly ThemeWindowAfter(DateOnly day) => day.AddMonths(-ThemeWindowMonths);

    public static Expression<Func<DgeGroup, bool>> GroupActiveOn(DateOnly day) =>
        g => g.FoundedOn <= day && (g.DissolvedOn == null || g.DissolvedOn > day);

    public static Expression<Func<Region, bool>> RegionInForceOn(DateOnly day) =>
        r => r.ValidFrom <= day && (r.ValidTo == null || r.ValidTo > day);

    /// <summary>A region exists in year Y when it is in force on at least one day of Y.</summary>
    public static bool RegionExistsIn(Region region, int year) =>
        region.ValidFrom <= new DateOnly(year, 12, 31) && (region.ValidTo is null || region.ValidTo > new DateOnly(year, 1, 1));

    /// <summary>
    /// A group is aligned with a cluster when share = overlap / members ≥ 0.5, compared in whole numbers so that exactly half
    /// is aligned. <see cref="Aligned"/> is the same rule for SQL.
    /// </summary>
    public static bool IsAligned(int overlap, int members) => 2 * overlap >= members;

    public static readonly Expression<Func<GroupOverlap, bool>> Aligned = o => 2 * o.Overlap >= o.Members;

    /// <summary>A group is active in year Y when it is active on at least one day of Y.</summary>
    public static Expression<Func<DgeGroup, bool>> GroupActiveIn(int year)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        return g => g.FoundedOn <= last && (g.DissolvedOn == null || g.DissolvedOn > first);
    }
}

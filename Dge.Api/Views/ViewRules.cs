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
    /// <summary>Nynedsat on D: established in the 24 months before D, i.e. EstablishedOn in (D − 24 months, D].</summary>
    public const int NynedsatMonths = 24;

    /// <summary>Theme alignment looks at meetings in the 12 months before D, i.e. Date in (D − 12 months, D].</summary>
    public const int ThemeWindowMonths = 12;

    /// <summary>A group with fewer current members than this is open for group suggestions.</summary>
    public const int OpenGroupBelow = 12;

    /// <summary>The exclusive lower bound of the nynedsat window on <paramref name="day"/>.</summary>
    public static DateOnly NynedsatAfter(DateOnly day) => day.AddMonths(-NynedsatMonths);

    public static bool IsNynedsat(DateOnly? establishedOn, DateOnly day) => establishedOn > NynedsatAfter(day) && establishedOn <= day;

    public static Expression<Func<DgeGroup, bool>> GroupActiveOn(DateOnly day) =>
        g => g.FoundedOn <= day && (g.DissolvedOn == null || g.DissolvedOn > day);

    public static Expression<Func<Region, bool>> RegionInForceOn(DateOnly day) =>
        r => r.ValidFrom <= day && (r.ValidTo == null || r.ValidTo > day);

    /// <summary>A group is active in year Y when it is active on at least one day of Y.</summary>
    public static Expression<Func<DgeGroup, bool>> GroupActiveIn(int year)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        return g => g.FoundedOn <= last && (g.DissolvedOn == null || g.DissolvedOn > first);
    }
}

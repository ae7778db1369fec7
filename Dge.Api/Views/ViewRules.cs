namespace Dge.Api.Views;

/// <summary>
/// The rules that belong to the views alone (DOMAIN.md, "Cross-cutting views"): the theme window, open groups and alignment.
/// Whether a group, region or membership is active on a day or in a year is <see cref="Data.Periods"/>' rule.
/// </summary>
public static class ViewRules
{
    /// <summary>Theme alignment looks at meetings in the 12 months before D, i.e. Date in (D − 12 months, D].</summary>
    public const int ThemeWindowMonths = 12;

    /// <summary>A group with fewer current members than this is open for group suggestions.</summary>
    public const int OpenGroupBelow = 12;

    /// <summary>The exclusive lower bound of the theme window on <paramref name="day"/>.</summary>
    public static DateOnly ThemeWindowAfter(DateOnly day) => day.AddMonths(-ThemeWindowMonths);

    /// <summary>
    /// A group is aligned with a cluster when share = overlap / members ≥ 0.5, compared in whole numbers so that exactly half
    /// is aligned.
    /// </summary>
    public static bool IsAligned(int overlap, int members) => 2 * overlap >= members;
}

using System.Globalization;

namespace Dge.Admin.Lists;

/// <summary>
/// The day the geography pages show the graph as of: the date field's value, or today. Regions, municipalities' regions
/// and coverage all depend on it, because the 2027 reform moves 46 municipalities to Region Østdanmark.
/// </summary>
public static class ReferenceDay
{
    /// <summary>The structural reform (strukturreformen): Region Østdanmark replaces Hovedstaden and Sjælland.</summary>
    public static DateOnly Reform { get; } = new(2027, 1, 1);

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static DateOnly Or(DateOnly? asOf) => asOf ?? Today;

    /// <summary>The day as the API's Date takes it.</summary>
    public static string Api(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

using Dge.Api.Doctors;

namespace Dge.Api.Data.Seed;

/// <summary>
/// The fixed dates the seed is built around. The seed never reads the clock: the same options must give the same
/// database on any day, so "now" for synthetic data is <see cref="Anchor"/>.
/// </summary>
public static class SeedCalendar
{
    /// <summary>"Now" for the synthetic data: meetings lie in the three years before it, memberships are current on it.</summary>
    public static readonly DateOnly Anchor = new(2026, 11, 1);

    /// <summary>Region Østdanmark replaces Hovedstaden and Sjælland, and the health councils come into force.</summary>
    public static readonly DateOnly RegionReform = new(2027, 1, 1);

    /// <summary>Start of the meeting history: three years before the anchor.</summary>
    public static DateOnly MeetingsFrom => Anchor.AddYears(-3);

    /// <summary>GPs established on or after this date are nynedsatte on the anchor (established within the 24 months before it).</summary>
    public static DateOnly NewGpSince => Nynedsat.After(Anchor).AddDays(1);
}

namespace Dge.Api.Doctors;

/// <summary>
/// The one definition of nynedsat (newly established GP) on a day D: established in the 24 months before D, i.e.
/// EstablishedOn in (D − 24 months, D]. The views and the seed both read it from here.
/// </summary>
public static class Nynedsat
{
    public const int Months = 24;

    /// <summary>The exclusive lower bound of the window on <paramref name="day"/>.</summary>
    public static DateOnly After(DateOnly day) => day.AddMonths(-Months);

    public static bool On(DateOnly? establishedOn, DateOnly day) => establishedOn > After(day) && establishedOn <= day;
}

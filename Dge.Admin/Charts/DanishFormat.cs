using System.Globalization;

namespace Dge.Admin.Charts;

/// <summary>
/// Numbers as a Danish reader writes them ("78,2 %", "1.234.567 kr."), without culture data: the build uses invariant
/// globalization, so da-DK is not available.
/// </summary>
public static class DanishFormat
{
    /// <summary>A share from 0 to 1 as a percentage with one decimal; "–" when there is none.</summary>
    public static string Percent(double? ratio) =>
        ratio is { } value ? Decimal(value * 100, 1) + " %" : "–";

    /// <summary>The share <paramref name="part"/> of <paramref name="whole"/>; "–" for an empty whole.</summary>
    public static string Percent(int part, int whole) => whole == 0 ? "–" : Percent((double)part / whole);

    /// <summary>A number with thousands separated by dots and <paramref name="decimals"/> decimals after a comma.</summary>
    public static string Decimal(double value, int decimals = 0)
    {
        var invariant = value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return string.Create(invariant.Length, invariant, (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = text[i] switch { ',' => '.', '.' => ',', var c => c };
            }
        });
    }

    /// <summary>An amount in Danish kroner, whole kroner.</summary>
    public static string Kroner(double value) => Decimal(value) + " kr.";

    /// <summary>A date as the API and the date inputs write it.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace Dge.Admin.Client;

/// <summary>
/// Numbers and dates as a Danish reader expects them ("1.234", "78,2 %", "41.600 kr."), written by hand: the
/// invariant-globalization build has no Danish culture data.
/// </summary>
public static class Danish
{
    public static string Number(int value) => Grouped(value);

    public static string Decimal(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture).Replace('.', ',');

    /// <summary>Thousands separated by dots and <paramref name="decimals"/> decimals after a comma: 1234.5 → "1.234,5".</summary>
    public static string Grouped(double value, int decimals = 0)
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

    /// <summary>A share (0.782) as a percentage with one decimal ("78,2 %"); a dash for none.</summary>
    public static string Percent(double? ratio) => ratio is { } value ? Grouped(value * 100, 1) + " %" : "–";

    public static string Percent(int part, int whole) => whole == 0 ? "–" : Percent((double)part / whole);

    public static string Kroner(double value) => Grouped(value) + " kr.";

    /// <summary>A day as the date fields show it (ISO, as the browser's date input writes it); a dash for none.</summary>
    public static string Date(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "–";

    public static string Time(DateTime at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
}

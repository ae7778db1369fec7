using System.Globalization;

namespace Dge.Admin.Client;

/// <summary>
/// Numbers and dates as a Danish reader expects them ("1.234", "78,2 %"), written by hand: the invariant-globalization
/// build has no Danish culture data.
/// </summary>
public static class Danish
{
    public static string Number(int value) => value.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.');

    public static string Decimal(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture).Replace('.', ',');

    public static string Percent(int part, int whole) => whole == 0 ? "–" : Decimal((double)part / whole * 100) + " %";

    /// <summary>A day as the date fields show it (ISO, as the browser's date input writes it); a dash for none.</summary>
    public static string Date(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "–";

    public static string Time(DateTime at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
}

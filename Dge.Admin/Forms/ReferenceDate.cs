using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Dge.Admin.Forms;

/// <summary>
/// The reports' reference date (<c>asOf</c>, "Dato") from the query string. Read as text, so a bad date is a Danish
/// field error rather than the model binder's English one; the range is the API's (1900–2999), any day in it is allowed,
/// including those after the 2027 reform.
/// </summary>
public static class ReferenceDate
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2999, 12, 31);

    /// <summary>
    /// The date <paramref name="text"/> names (null for none: the API's default, today); on a bad one, an error on
    /// <paramref name="field"/> and null.
    /// </summary>
    public static DateOnly? Parse(string? text, ModelStateDictionary modelState, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            modelState.AddModelError(field, "Skriv datoen som åååå-mm-dd, fx 2027-06-01.");
            return null;
        }

        if (date < Earliest || date > Latest)
        {
            modelState.AddModelError(field, "Datoen skal ligge mellem år 1900 og 2999.");
            return null;
        }

        return date;
    }
}

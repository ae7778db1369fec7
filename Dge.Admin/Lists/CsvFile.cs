using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Dge.Admin.Lists;

/// <summary>
/// A list as CSV that Danish Excel opens as it is: UTF-8 with a byte order mark (or æ, ø and å are mangled), semicolons
/// (Excel's separator where the decimal mark is a comma), CRLF line ends, and every field quoted where it must be.
/// </summary>
public static class CsvFile
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static FileContentResult Create(string fileName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var csv = new StringBuilder();
        AppendLine(csv, headers);
        foreach (var row in rows)
        {
            AppendLine(csv, row);
        }

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return new NotStoredFile(bytes, ContentType) { FileDownloadName = fileName };
    }

    /// <summary>A download that no browser or proxy keeps a copy of: the lists hold names and may hold personal data.</summary>
    private sealed class NotStoredFile(byte[] contents, string contentType) : FileContentResult(contents, contentType)
    {
        public override Task ExecuteResultAsync(ActionContext context)
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return base.ExecuteResultAsync(context);
        }
    }

    /// <summary>One field: quoted when it holds a separator, a quote or a line break; a leading =, +, - or @ is neutralised so a spreadsheet never runs it as a formula.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        // A name typed as "=HYPERLINK(...)" must stay text in the secretary's spreadsheet.
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([';', ',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static void AppendLine(StringBuilder csv, IEnumerable<string?> fields) =>
        csv.AppendJoin(';', fields.Select(Field)).Append("\r\n");
}

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Dge.Admin.Charts;

/// <summary>One bar: its label, its value and the value as the reader should see it (e.g. "78,2 %").</summary>
public sealed record Bar(string Label, double Value, string Text);

/// <summary>
/// A horizontal bar chart drawn on the server as SVG: no script, so it works under the admin's CSP and prints as it shows.
/// The bars carry their values as text, and the chart is an image with a title for screen readers; every page shows the
/// same figures in a table beside it.
/// </summary>
public static class BarChart
{
    public const int Width = 640;
    public const int LabelWidth = 220;
    public const int BarArea = 320;
    public const int BarHeight = 22;
    public const int Gap = 8;

    /// <summary>The longest label that fits the label column at the chart's font size; longer ones are cut with "…".</summary>
    public const int MaxLabelLength = 30;

    /// <summary>
    /// The chart <paramref name="title"/> of <paramref name="bars"/>, scaled to <paramref name="max"/> (default the largest
    /// value, so the longest bar fills the area; 1 for shares). Negative values draw as empty bars.
    /// </summary>
    public static IHtmlContent Render(string title, IReadOnlyList<Bar> bars, double? max = null, string? id = null)
    {
        var encoder = HtmlEncoder.Default;
        var scale = max ?? (bars.Count == 0 ? 0 : bars.Max(b => b.Value));
        var height = Math.Max(1, bars.Count) * (BarHeight + Gap) + Gap;
        var svg = new StringBuilder();
        var titleId = $"chart-{id ?? Guid.NewGuid().ToString("N")[..8]}";
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"bar-chart\" role=\"img\" aria-labelledby=\"{titleId}\" aria-label=\"{encoder.Encode(title)}\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{titleId}\">{encoder.Encode(title)}</title>");
        if (bars.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{Gap + BarHeight - 6}\" class=\"bar-empty\">Ingen data</text>");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = Gap + i * (BarHeight + Gap);
            var length = scale > 0 ? Math.Clamp(bar.Value / scale, 0, 1) * BarArea : 0;
            var textY = y + BarHeight - 6;
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"bar\"><text x=\"{LabelWidth - 8}\" y=\"{textY}\" text-anchor=\"end\" class=\"bar-label\">{encoder.Encode(Shorten(bar.Label))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{length:0.##}\" height=\"{BarHeight}\" rx=\"2\"></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + length + 6:0.##}\" y=\"{textY}\" class=\"bar-value\">{encoder.Encode(bar.Text)}</text></g>");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    // The table beside the chart has the whole label.
    private static string Shorten(string label) => label.Length <= MaxLabelLength ? label : label[..(MaxLabelLength - 1)].TrimEnd() + "…";

    /// <summary>The charts' look, for a page's style block: the layout has no place for page styles.</summary>
    public const string Styles =
        ".bar-chart { max-width: 44rem; display: block; margin: .5rem 0 1rem; }" +
        ".bar-chart rect { fill: #0b6e4f; }" +
        ".bar-chart text { font: 13px system-ui, sans-serif; fill: #1d2733; }" +
        ".bar-chart .bar-empty { fill: #5b6776; }";
}

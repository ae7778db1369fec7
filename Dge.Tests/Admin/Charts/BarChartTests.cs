using System.Globalization;
using System.Text.Encodings.Web;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Dge.Admin.Charts;

namespace Dge.Tests.Admin.Charts;

public sealed class BarChartTests
{
    private static IElement Svg(string title, IReadOnlyList<Bar> bars, double? max = null)
    {
        using var writer = new StringWriter();
        BarChart.Render(title, bars, max, id: "test").WriteTo(writer, HtmlEncoder.Default);
        return new HtmlParser().ParseDocument($"<body>{writer}</body>").QuerySelector("svg")!;
    }

    private static double Width(IElement rect) => double.Parse(rect.GetAttribute("width")!, CultureInfo.InvariantCulture);

    [Fact]
    public void Render_Shares_BarsAreProportionalToTheMaximum()
    {
        var svg = Svg("Dækning", [new Bar("A", 0.5, "50,0 %"), new Bar("B", 1, "100,0 %"), new Bar("C", 0.25, "25,0 %")], max: 1);

        var widths = svg.QuerySelectorAll("rect").Select(Width).ToList();

        Assert.Equal([BarChart.BarArea / 2.0, BarChart.BarArea, BarChart.BarArea / 4.0], widths);
    }

    [Fact]
    public void Render_NoMaximum_LongestBarFillsTheArea()
    {
        var svg = Svg("Grupper", [new Bar("DGE", 30, "30"), new Bar("KGE", 10, "10")]);

        var widths = svg.QuerySelectorAll("rect").Select(Width).ToList();

        Assert.Equal(BarChart.BarArea, widths[0]);
        Assert.Equal(BarChart.BarArea / 3.0, widths[1], precision: 2);
    }

    [Fact]
    public void Render_IsAnImageWithItsTitleAndShowsLabelsAndValuesAsText()
    {
        var svg = Svg("Dækning pr. region", [new Bar("Region Sjælland", 0.784, "78,4 %")], max: 1);

        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("Dækning pr. region", svg.GetAttribute("aria-label"));
        var title = svg.QuerySelector("title")!;
        Assert.Equal("Dækning pr. region", title.TextContent);
        Assert.Equal(title.Id, svg.GetAttribute("aria-labelledby"));
        Assert.Equal("Region Sjælland", svg.QuerySelector("text.bar-label")!.TextContent);
        Assert.Equal("78,4 %", svg.QuerySelector("text.bar-value")!.TextContent);
    }

    [Fact]
    public void Render_LongLabel_IsCutToFitTheLabelColumn()
    {
        var svg = Svg("Emner", [new Bar("Psykiske lidelser – når sindet smerter hos ældre", 3, "3"), new Bar("Diabetes", 2, "2")]);

        var labels = svg.QuerySelectorAll("text.bar-label").Select(t => t.TextContent).ToList();

        Assert.Equal(BarChart.MaxLabelLength, labels[0].Length);
        Assert.StartsWith("Psykiske lidelser – når", labels[0], StringComparison.Ordinal);
        Assert.EndsWith("…", labels[0], StringComparison.Ordinal);
        Assert.Equal("Diabetes", labels[1]);
    }

    [Fact]
    public void Render_MarkupInLabels_IsEncoded()
    {
        var svg = Svg("<b>titel</b>", [new Bar("<script>alert(1)</script>", 1, "1 & 2")]);

        Assert.Empty(svg.QuerySelectorAll("script, b"));
        Assert.Equal("<script>alert(1)</script>", svg.QuerySelector("text.bar-label")!.TextContent);
        Assert.Equal("1 & 2", svg.QuerySelector("text.bar-value")!.TextContent);
    }

    [Fact]
    public void Render_ZeroNegativeAndOverMaximum_AreClampedToTheArea()
    {
        var svg = Svg("Klampet", [new Bar("Nul", 0, "0"), new Bar("Negativ", -3, "-3"), new Bar("Over", 2, "200 %")], max: 1);

        Assert.Equal([0, 0, BarChart.BarArea], svg.QuerySelectorAll("rect").Select(Width));
    }

    [Fact]
    public void Render_AllZeroOrEmpty_DrawsNoBarWidthAndSaysSoWhenEmpty()
    {
        var zeros = Svg("Nuller", [new Bar("A", 0, "0"), new Bar("B", 0, "0")]);
        var empty = Svg("Tom", []);

        Assert.All(zeros.QuerySelectorAll("rect"), r => Assert.Equal(0, Width(r)));
        Assert.Empty(empty.QuerySelectorAll("rect"));
        Assert.Equal("Ingen data", empty.QuerySelector("text")!.TextContent);
    }

    [Fact]
    public void Render_ViewBoxGrowsWithTheBars()
    {
        var one = Svg("Én", [new Bar("A", 1, "1")]);
        var three = Svg("Tre", [new Bar("A", 1, "1"), new Bar("B", 1, "1"), new Bar("C", 1, "1")]);

        static int Height(IElement svg) => int.Parse(svg.GetAttribute("viewBox")!.Split(' ')[3], CultureInfo.InvariantCulture);

        Assert.Equal(Height(one) + 2 * (BarChart.BarHeight + BarChart.Gap), Height(three));
        Assert.True(Width(three.QuerySelectorAll("rect")[2]) > 0);
    }
}

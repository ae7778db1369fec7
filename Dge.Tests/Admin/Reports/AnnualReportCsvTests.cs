using Dge.Admin.Areas.Admin.Pages.Reports;
using static Dge.Admin.Areas.Admin.Pages.Reports.AnnualModel;

namespace Dge.Tests.Admin.Reports;

public sealed class AnnualReportCsvTests
{
    private static Report Sample(string name) => new(
        "REGION", null, name, 2027, 3, 1, 0, [new KindCount("DGE", 3, 1, 0)], 12, 30.5, 80,
        [new ThemeCount(new ThemeRef("T01", "Diabetes; type 2"), 4)],
        new CoverageFigures(new DateOnly(2027, 12, 31), 100, 78, 0.78, 10, 5, 0.5),
        new Funding(3, 4000, 12000, 2, 10, 70, 112.5, 7875, 19875));

    [Fact]
    public void Write_Report_IsSemicolonSeparatedWithDecimalCommas()
    {
        var lines = AnnualReportCsv.Write(Sample("Region Østdanmark")).Split("\r\n");

        Assert.Equal("Afsnit;Post;Værdi", lines[0]);
        Assert.Contains("Rapport;Navn;Region Østdanmark", lines);
        Assert.Contains("Rapport;Kode;", lines);
        Assert.Contains("Møder;Timer;30,5", lines);
        Assert.Contains("Dækning;Dækningsgrad;0,78", lines);
        Assert.Contains("Tilskud;Honorar pr. fremmøde (kr.);112,5", lines);
        Assert.Contains("Tilskud;I alt (kr.);19875", lines);
    }

    [Fact]
    public void Write_FieldWithTheSeparatorOrQuotes_IsQuoted()
    {
        var lines = AnnualReportCsv.Write(Sample("Region \"Syd\"; øst")).Split("\r\n");

        Assert.Contains("Rapport;Navn;\"Region \"\"Syd\"\"; øst\"", lines);
        Assert.Contains("Hyppigste emner;\"Diabetes; type 2\";4", lines);
    }
}

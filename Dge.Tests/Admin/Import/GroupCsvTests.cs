using System.Text;
using Dge.Admin.Areas.Admin.Pages.Import;

namespace Dge.Tests.Admin.Import;

/// <summary>The import file as coordinators' Excel writes it: BOM or not, ; or , quoted fields, Danish letters and dates.</summary>
public sealed class GroupCsvTests
{
    private static GroupCsvFile Parse(string text, bool bom = false) =>
        GroupCsv.Parse([.. bom ? Encoding.UTF8.GetPreamble() : [], .. Encoding.UTF8.GetBytes(text)]);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Parse_SemicolonsWithOrWithoutBom_ReadsTheRowAndItsDanishLetters(bool bom)
    {
        var file = Parse("gruppe;kap_enhed;type;stiftet;ydernummer;laege;rolle;fra\r\nLægegruppen Østerbro;KAP-H;DGE;01-03-2025;012345;Åse Sørensen;gruppeleder;2025-04-01\r\n", bom);

        var row = Assert.Single(file.Rows);
        Assert.Null(file.Error);
        Assert.Empty(row.Problems);
        Assert.Equal((2, "Lægegruppen Østerbro", "KAP-H", "012345", "Åse Sørensen"), (row.Line, row.Values.Group, row.Values.KapUnit, row.Values.Ydernummer, row.Values.Doctor));
        Assert.Equal(("DGE", new DateOnly(2025, 3, 1), "LEADER", new DateOnly(2025, 4, 1)), (row.Kind, row.FoundedOn, row.Role, row.From));
    }

    [Fact]
    public void Parse_CommasAndColumnsInAnotherOrder_ReadsByTheHeaderNames()
    {
        var file = Parse("Læge,Ydernummer,Gruppe,KAP-enhed,Type,Stiftet\nAnne Hansen,012345,Gruppe 1,KAP-H,emnegruppe,2025-03-01\n");

        var row = Assert.Single(file.Rows);
        Assert.Empty(row.Problems);
        Assert.Equal(("Anne Hansen", "012345", "Gruppe 1", "TOPIC", null, null), (row.Values.Doctor, row.Values.Ydernummer, row.Values.Group, row.Kind, row.Role, row.From));
    }

    [Fact]
    public void Parse_QuotedFieldsWithSeparatorsQuotesAndLineBreaks_KeepThemInTheField()
    {
        var file = Parse("gruppe;kap_enhed;type;stiftet;ydernummer;laege\r\n\"Gruppen; \"\"Nord\"\"\";KAP-H;DGE;01-03-2025;012345;\"Anne\r\nHansen\"\r\nGruppe 2;KAP-H;DGE;01-03-2025;012345;Bo Berg\r\n");

        Assert.Equal(["Gruppen; \"Nord\"", "Gruppe 2"], file.Rows.Select(r => r.Values.Group));
        Assert.Equal("Anne\r\nHansen", file.Rows[0].Values.Doctor);
        Assert.Equal([2, 4], file.Rows.Select(r => r.Line));
    }

    [Fact]
    public void Parse_EmptyLinesAndExcelsEmptyRows_AreSkippedAndLinesStillCount()
    {
        var file = Parse("gruppe;kap_enhed;type;stiftet;ydernummer;laege\r\n\r\n;;;;;\r\nGruppe 1;KAP-H;DGE;1-3-2025;012345;Bo Berg\r\n");

        Assert.Equal(4, Assert.Single(file.Rows).Line);
        Assert.Equal(new DateOnly(2025, 3, 1), file.Rows[0].FoundedOn);
    }

    [Theory]
    [InlineData("2025-03-01")]
    [InlineData("01-03-2025")]
    [InlineData("01.03.2025")]
    [InlineData("1/3/2025")]
    public void Parse_DateFormatsDanishExcelWrites_AreRead(string date)
    {
        var file = Parse($"gruppe;kap_enhed;type;stiftet;ydernummer;laege\nG;KAP-H;DGE;{date};012345;Bo Berg\n");

        Assert.Equal(new DateOnly(2025, 3, 1), Assert.Single(file.Rows).FoundedOn);
    }

    [Fact]
    public void Parse_UnreadableValues_AreTheRowsProblemsInDanish()
    {
        var file = Parse("gruppe;kap_enhed;type;stiftet;ydernummer;laege;rolle;fra\nG;KAP-H;bowling;31-02-2025;012345;;formand;i morgen\n");

        Assert.Equal(
            ["Lægen (laege) mangler.", "Gruppetypen »bowling« kendes ikke; brug DGE, emnegruppe, supervisionsgruppe, juniorgruppe, nynedsatte eller KGE.",
             "Stiftelsesdatoen »31-02-2025« er ikke en dato (skriv åååå-mm-dd eller dd-mm-åååå).", "Rollen »formand« kendes ikke; brug medlem, gruppeleder eller kasserer.",
             "Startdatoen (fra) »i morgen« er ikke en dato (skriv åååå-mm-dd eller dd-mm-åååå)."],
            Assert.Single(file.Rows).Problems);
    }

    [Fact]
    public void Parse_RowWithTooFewFields_SaysSo()
    {
        var file = Parse("gruppe;kap_enhed;type;stiftet;ydernummer;laege\nG;KAP-H;DGE;01-03-2025;012345\n");

        Assert.Contains("Rækken har 5 felter; overskriften har 6.", Assert.Single(file.Rows).Problems);
    }

    [Fact]
    public void Parse_NoHeaderRow_IsAClearErrorOfTheFile()
    {
        var file = Parse("G;KAP-H;DGE;01-03-2025;012345;Bo Berg\n");

        Assert.Empty(file.Rows);
        Assert.Equal("Første linje skal være overskrifterne: gruppe;kap_enhed;type;stiftet;ydernummer;laege;rolle;fra (rolle og fra må udelades).", file.Error);
    }

    [Fact]
    public void Parse_HeaderMissingAColumnAndWithAnUnknownOne_NamesBoth()
    {
        var file = Parse("gruppe;kap_enhed;type;stiftet;ydernummer;doktor\n");

        Assert.Equal("Overskriften mangler kolonnen laege. Ukendt kolonne »doktor«; kolonnerne er gruppe;kap_enhed;type;stiftet;ydernummer;laege;rolle;fra.", file.Error);
    }

    [Fact]
    public void Parse_NotUtf8_AsksForCsvUtf8()
    {
        var file = GroupCsv.Parse([.. Encoding.ASCII.GetBytes("gruppe;kap_enhed;type;stiftet;ydernummer;laege\nL"), 0xE6, .. Encoding.ASCII.GetBytes("gegruppen;KAP-H;DGE;01-03-2025;012345;Bo Berg\n")]);

        Assert.StartsWith("Filen er ikke UTF-8.", file.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_ParsesToOneCleanRow()
    {
        var file = GroupCsv.Parse(GroupCsv.Template());

        Assert.Empty(Assert.Single(file.Rows).Problems);
    }
}

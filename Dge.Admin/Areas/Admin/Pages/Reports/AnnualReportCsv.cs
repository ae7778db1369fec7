using System.Globalization;
using System.Text;
using Dge.Admin.Client;

namespace Dge.Admin.Areas.Admin.Pages.Reports;

/// <summary>The annual report as the CSV a Danish spreadsheet opens: "Afsnit;Post;Værdi", decimal commas, no thousands separators.</summary>
public static class AnnualReportCsv
{
    public static string Write(AnnualModel.Report report)
    {
        var lines = new List<(string Section, string Item, string Value)>
        {
            ("Rapport", "Niveau", report.Scope == "KAP_UNIT" ? "KAP-enhed" : "Region"),
            ("Rapport", "Kode", report.Code ?? string.Empty),
            ("Rapport", "Navn", report.Name),
            ("Rapport", "År", Number(report.Year)),
            ("Grupper", "Aktive", Number(report.GroupsActive)),
            ("Grupper", "Stiftede", Number(report.GroupsFounded)),
            ("Grupper", "Nedlagte", Number(report.GroupsDissolved)),
        };
        foreach (var kind in report.GroupsByKind)
        {
            lines.Add(("Grupper pr. type", $"{kind.Kind} aktive", Number(kind.Active)));
            lines.Add(("Grupper pr. type", $"{kind.Kind} stiftede", Number(kind.Founded)));
            lines.Add(("Grupper pr. type", $"{kind.Kind} nedlagte", Number(kind.Dissolved)));
        }

        lines.Add(("Møder", "Antal", Number(report.Meetings)));
        lines.Add(("Møder", "Timer", Number(report.MeetingHours)));
        lines.Add(("Møder", "Fremmøder", Number(report.Attendances)));
        lines.AddRange(report.TopThemes.Select(t => ("Hyppigste emner", t.Theme.NameDa, Number(t.Meetings))));
        lines.Add(("Dækning", "Dato", Danish.Date(report.Coverage.AsOf)));
        lines.Add(("Dækning", "Aktive læger", Number(report.Coverage.ActiveDoctors)));
        lines.Add(("Dækning", "Dækkede læger", Number(report.Coverage.CoveredDoctors)));
        lines.Add(("Dækning", "Dækningsgrad", Ratio(report.Coverage.Coverage)));
        lines.Add(("Dækning", "Nynedsatte", Number(report.Coverage.NynedsatActive)));
        lines.Add(("Dækning", "Dækkede nynedsatte", Number(report.Coverage.NynedsatCovered)));
        lines.Add(("Dækning", "Dækningsgrad nynedsatte", Ratio(report.Coverage.NynedsatCoverage)));
        lines.Add(("Tilskud", "Gruppetilskud pr. år (kr.)", Number(report.Funding.GroupGrantPerYear)));
        lines.Add(("Tilskud", "Aktive grupper", Number(report.Funding.ActiveGroups)));
        lines.Add(("Tilskud", "Gruppetilskud i alt (kr.)", Number(report.Funding.GroupGrants)));
        lines.Add(("Tilskud", "Honorar pr. fremmøde (kr.)", Number(report.Funding.AttendeeFeePerMeeting)));
        lines.Add(("Tilskud", "Honorarberettigede møder", Number(report.Funding.QualifyingMeetings)));
        lines.Add(("Tilskud", "Honorarberettigede fremmøder", Number(report.Funding.QualifyingAttendances)));
        lines.Add(("Tilskud", "Honorarer i alt (kr.)", Number(report.Funding.AttendeeFees)));
        lines.Add(("Tilskud", "I alt (kr.)", Number(report.Funding.Total)));

        var csv = new StringBuilder("Afsnit;Post;Værdi\r\n");
        foreach (var (section, item, value) in lines)
        {
            csv.Append(Field(section)).Append(';').Append(Field(item)).Append(';').Append(Field(value)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture).Replace('.', ',');

    private static string Ratio(double? value) => value is { } ratio ? Number(ratio) : string.Empty;

    // Quote a field holding the separator, a quote or a line break, doubling its quotes.
    private static string Field(string value) =>
        value.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}

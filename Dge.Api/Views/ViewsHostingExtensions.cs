using System.Globalization;
using System.Text;
using Dge.Api.Data;
using Dge.Api.GraphQL;
using Dge.Api.Hosting;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Views;

/// <summary>The reports the API host serves as files, computed by the same queries as the GraphQL views.</summary>
public static class ViewsHostingExtensions
{
    /// <summary>The views' settings (section <c>Dge:Views</c>), bound once.</summary>
    public static WebApplicationBuilder AddDgeViews(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ViewOptions>(builder.Configuration.GetSection(ViewOptions.Section));
        return builder;
    }

    /// <summary><c>GET /reports/annual/{kapUnit}/{year}.csv</c>: the annual report of a KAP unit; 404 for an unknown unit, 400 for a bad year.</summary>
    public static WebApplication MapDgeReports(this WebApplication app)
    {
        app.MapMethods("/reports/annual/{kapUnit}/{year}.csv", [HttpMethods.Get, HttpMethods.Head], AnnualReportCsvAsync).WithName("AnnualReportCsv").RateLimitedPerCaller();
        return app;
    }

    private static async Task<IResult> AnnualReportCsvAsync(string kapUnit, string year, IDbContextFactory<DgeDbContext> factory, CancellationToken cancellationToken)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var reportYear) || !AnnualReportQuery.IsValidYear(reportYear))
        {
            return Results.Problem(
                $"'{year}' is not a year from {AnnualReportQuery.MinYear} to {AnnualReportQuery.MaxYear}.", statusCode: StatusCodes.Status400BadRequest, title: "INVALID_YEAR");
        }

        var report = await factory.RunAsync((db, ct) => AnnualReportQuery.ForKapUnitAsync(db, kapUnit, reportYear, ct), cancellationToken, snapshot: true);
        if (report is null)
        {
            return Results.Problem($"There is no KAP unit with the code '{kapUnit}'.", statusCode: StatusCodes.Status404NotFound, title: "UNKNOWN_REPORT_SCOPE");
        }

        // With a byte-order mark, so that spreadsheet programs read the Danish letters as UTF-8.
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(AnnualReportCsv.Write(report))).ToArray();
        return Results.File(bytes, "text/csv; charset=utf-8", $"annual-report-{report.Code}-{report.Year}.csv");
    }
}

/// <summary>The annual report as CSV: one figure per line, as <c>section,item,value</c>, numbers in invariant culture.</summary>
public static class AnnualReportCsv
{
    public static string Write(AnnualReport report)
    {
        var lines = new List<(string Section, string Item, string Value)>
        {
            ("scope", "kind", report.Scope.ToString().ToConstantCase()),
            ("scope", "code", report.Code ?? string.Empty),
            ("scope", "name", report.Name),
            ("scope", "year", Number(report.Year)),
            ("groups", "active", Number(report.GroupsActive)),
            ("groups", "founded", Number(report.GroupsFounded)),
            ("groups", "dissolved", Number(report.GroupsDissolved)),
        };
        foreach (var kind in report.GroupsByKind)
        {
            // Enum values are written as the API names them (NEW_GP, KAP_UNIT), so the CSV joins with API results.
            var name = kind.Kind.ToString().ToConstantCase();
            lines.Add(("groupsByKind", $"{name}.active", Number(kind.Active)));
            lines.Add(("groupsByKind", $"{name}.founded", Number(kind.Founded)));
            lines.Add(("groupsByKind", $"{name}.dissolved", Number(kind.Dissolved)));
        }

        lines.Add(("meetings", "count", Number(report.Meetings)));
        lines.Add(("meetings", "hours", Number(report.MeetingHours)));
        lines.Add(("meetings", "attendances", Number(report.Attendances)));
        lines.AddRange(report.TopThemes.Select(t => ("topThemes", t.Theme.NameDa, Number(t.Meetings))));
        lines.Add(("coverage", "asOf", report.Coverage.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        lines.Add(("coverage", "activeDoctors", Number(report.Coverage.ActiveDoctors)));
        lines.Add(("coverage", "coveredDoctors", Number(report.Coverage.CoveredDoctors)));
        lines.Add(("coverage", "coverage", Ratio(report.Coverage.Coverage)));
        lines.Add(("coverage", "nynedsatActive", Number(report.Coverage.NynedsatActive)));
        lines.Add(("coverage", "nynedsatCovered", Number(report.Coverage.NynedsatCovered)));
        lines.Add(("coverage", "nynedsatCoverage", Ratio(report.Coverage.NynedsatCoverage)));
        lines.Add(("funding", "groupGrantPerYear", Number(report.Funding.Rates.GroupGrantPerYear)));
        lines.Add(("funding", "activeGroups", Number(report.Funding.ActiveGroups)));
        lines.Add(("funding", "groupGrants", Number(report.Funding.GroupGrants)));
        lines.Add(("funding", "attendeeFeePerMeeting", Number(report.Funding.Rates.AttendeeFeePerMeeting)));
        lines.Add(("funding", "qualifyingMeetings", Number(report.Funding.QualifyingMeetings)));
        lines.Add(("funding", "qualifyingAttendances", Number(report.Funding.QualifyingAttendances)));
        lines.Add(("funding", "attendeeFees", Number(report.Funding.AttendeeFees)));
        lines.Add(("funding", "total", Number(report.Funding.Total)));

        var csv = new StringBuilder("section,item,value\r\n");
        foreach (var (section, item, value) in lines)
        {
            csv.Append(Field(section)).Append(',').Append(Field(item)).Append(',').Append(Field(value)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Number(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    private static string Ratio(double? value) => value is { } ratio ? ratio.ToString("0.####", CultureInfo.InvariantCulture) : string.Empty;

    // RFC 4180: quote a field holding a comma, a quote or a line break, doubling its quotes.
    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}

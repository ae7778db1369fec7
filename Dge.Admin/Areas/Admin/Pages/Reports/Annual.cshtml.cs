using System.Globalization;
using System.Text;
using Dge.Admin.Client;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Reports;

/// <summary>
/// The annual report (årsrapport) of a KAP unit or a region for a year: figures, charts and funding, laid out to print as
/// the unit's contribution to KEU, PLO-E and Fonden for Almen Praksis, and as CSV for Danish Excel.
/// </summary>
public sealed class AnnualModel(IAdminGraphQLClient client, TimeProvider time) : PageModel
{
    public const int MinYear = 1990;
    public const int MaxYear = 2100;

    private static readonly string ScopesQuery = AdminOperations.Read("AdminAnnualReportScopes");
    private static readonly string ReportQuery = AdminOperations.Read("AdminAnnualReport");

    /// <summary>What the report covers: <c>kap:KAP-H</c>, <c>region:1084</c>, or <c>regionid:…</c> for a region without a code yet.</summary>
    [BindProperty(SupportsGet = true, Name = "scope")]
    public string? Scope { get; set; }

    [BindProperty(SupportsGet = true, Name = "year")]
    public string? Year { get; set; }

    public IReadOnlyList<KapUnitChoice> KapUnits { get; private set; } = [];

    public IReadOnlyList<RegionChoice> Regions { get; private set; } = [];

    public Report? Result { get; private set; }

    public string? Error { get; private set; }

    public string YearShown => Year ?? time.GetLocalNow().Year.ToString(CultureInfo.InvariantCulture);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadScopesAsync(cancellationToken);
        if (Scope is not null || Year is not null)
        {
            Result = await ReportAsync(cancellationToken);
        }
    }

    /// <summary>The report as CSV (UTF-8 with BOM, ';' between fields, decimal commas): what Danish Excel opens as it is.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var report = await ReportAsync(cancellationToken);
        if (report is null)
        {
            await LoadScopesAsync(cancellationToken);
            return Page();
        }

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(AnnualReportCsv.Write(report))).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"aarsrapport-{report.Code ?? "region"}-{report.Year}.csv");
    }

    /// <summary>Where the CSV of the report shown comes from: the API's own for a KAP unit, this page's for a region.</summary>
    public string CsvLink(Report report) => report.Scope == "KAP_UNIT"
        ? $"/reports/annual/{Uri.EscapeDataString(report.Code ?? string.Empty)}/{report.Year}.csv"
        : $"/admin/reports/annual?handler=Csv&scope={Uri.EscapeDataString(Scope ?? string.Empty)}&year={report.Year}";

    private async Task<Report?> ReportAsync(CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, object?>();
        switch (Scope?.Split(':', 2))
        {
            case ["kap", { Length: > 0 } code]:
                variables["kapUnitCode"] = code;
                break;
            case ["region", { Length: > 0 } code]:
                variables["regionCode"] = code;
                break;
            case ["regionid", { Length: > 0 } id]:
                variables["regionId"] = id;
                break;
            default:
                ModelState.AddModelError(nameof(Scope), "Vælg en KAP-enhed eller en region.");
                break;
        }

        if (!int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < MinYear or > MaxYear)
        {
            ModelState.AddModelError(nameof(Year), $"Skriv et årstal fra {MinYear} til {MaxYear}.");
        }

        if (!ModelState.IsValid)
        {
            return null;
        }

        variables["year"] = year;
        var response = await client.ExecuteAsync(new GraphQLRequest(ReportQuery, variables, "AdminAnnualReport"), cancellationToken);
        if (!response.IsSuccess)
        {
            // An unknown unit, or a region in a year it does not exist: the API says which; it belongs to the choice.
            ModelState.AddModelError(nameof(Scope), string.Join(" ", response.Errors.Select(e => e.Message)));
            return null;
        }

        return response.Read<ReportData>().AnnualReport;
    }

    private async Task LoadScopesAsync(CancellationToken cancellationToken)
    {
        var response = await client.ExecuteAsync(new GraphQLRequest(ScopesQuery, OperationName: "AdminAnnualReportScopes"), cancellationToken);
        if (!response.IsSuccess)
        {
            Error = string.Join(" ", response.Errors.Select(e => e.Message));
            return;
        }

        var data = response.Read<ScopesData>();
        KapUnits = data.KapUnits.Nodes;
        Regions = data.Regions.Nodes;
    }

    public sealed record KapUnitChoice(string Code, string Name)
    {
        public string Value => $"kap:{Code}";
    }

    public sealed record RegionChoice(string Id, string? Code, string Name, DateOnly ValidFrom, DateOnly? ValidTo)
    {
        public string Value => Code is null ? $"regionid:{Id}" : $"region:{Code}";

        /// <summary>The years the region exists, so the secretary sees which years it has a report for.</summary>
        public string Years => ValidTo is { } to ? $"{ValidFrom.Year}–{to.AddDays(-1).Year}" : $"fra {ValidFrom.Year}";
    }

    public sealed record Report(
        string Scope,
        string? Code,
        string Name,
        int Year,
        int GroupsActive,
        int GroupsFounded,
        int GroupsDissolved,
        IReadOnlyList<KindCount> GroupsByKind,
        int Meetings,
        double MeetingHours,
        int Attendances,
        IReadOnlyList<ThemeCount> TopThemes,
        CoverageFigures Coverage,
        Funding Funding);

    public sealed record KindCount(string Kind, int Active, int Founded, int Dissolved);

    public sealed record ThemeCount(ThemeRef Theme, int Meetings);

    public sealed record ThemeRef(string Code, string NameDa);

    public sealed record CoverageFigures(DateOnly AsOf, int ActiveDoctors, int CoveredDoctors, double? Coverage, int NynedsatActive, int NynedsatCovered, double? NynedsatCoverage);

    public sealed record Funding(
        int ActiveGroups,
        double GroupGrantPerYear,
        double GroupGrants,
        double MinimumMeetingHours,
        int QualifyingMeetings,
        int QualifyingAttendances,
        double AttendeeFeePerMeeting,
        double AttendeeFees,
        double Total);

    private sealed record ScopesData(Connection<KapUnitChoice> KapUnits, Connection<RegionChoice> Regions);

    private sealed record ReportData(Report AnnualReport);

    private sealed record Connection<T>(IReadOnlyList<T> Nodes);
}

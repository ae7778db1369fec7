using Dge.Admin.Access;
using Dge.Admin.Charts;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages;

/// <summary>
/// The landing page: coverage of the country and of each region (charts and table), the clusters with the weakest aligned
/// coverage, the uncovered nynedsatte per region and the advisors over the workload threshold, all on one date ("Dato");
/// for admins also when the last backup was made.
/// </summary>
public sealed class IndexModel(IAdminGraphQLClient client, IAuthorizationService authorization) : PageModel
{
    private static readonly string CoverageQuery = AdminOperations.Read("AdminCoverage");

    private static readonly string LastBackupQuery = AdminOperations.Read("AdminLastBackup");

    /// <summary>The reference date as typed (yyyy-MM-dd); empty for today.</summary>
    [BindProperty(SupportsGet = true, Name = "asOf")]
    public string? AsOf { get; set; }

    public IReadOnlyList<CoverageLine> Regions { get; private set; } = [];

    public CoverageLine? National { get; private set; }

    public IReadOnlyList<ClusterLine> WeakestClusters { get; private set; } = [];

    public Workload? Advisors { get; private set; }

    /// <summary>The date the figures are for, as the API answered it.</summary>
    public DateOnly? FiguresAsOf { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Whether the visitor may see the backups (an admin: the API answers <c>backups</c> to admins only).</summary>
    public bool ShowsBackups { get; private set; }

    /// <summary>The newest backup; null when none was made (or <see cref="BackupError"/> says why it is not known).</summary>
    public BackupLine? LastBackup { get; private set; }

    public string? BackupError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ShowsBackups = await authorization.AllowsAsync(User, AdminPolicies.Manage);
        if (ShowsBackups)
        {
            await ReadLastBackupAsync(cancellationToken);
        }

        var asOf = ReferenceDate.Parse(AsOf, ModelState, nameof(AsOf));
        if (!ModelState.IsValid)
        {
            return;
        }

        var variables = new Dictionary<string, object?> { ["asOf"] = asOf is { } day ? Danish.Date(day) : null };
        var response = await client.ExecuteAsync(new GraphQLRequest(CoverageQuery, variables, "AdminCoverage"), cancellationToken);
        if (!response.IsSuccess)
        {
            Error = string.Join(" ", response.Errors.Select(e => e.Message));
            return;
        }

        var data = response.Read<CoverageData>();
        Regions = data.Regions;

        // The API counts each doctor once for the country, even one working in clinics in two regions.
        National = data.National.FirstOrDefault();
        FiguresAsOf = National?.AsOf ?? Regions.FirstOrDefault()?.AsOf;
        WeakestClusters = data.WeakestClusters.Nodes;
        Advisors = data.AdvisorWorkload;
    }

    private async Task ReadLastBackupAsync(CancellationToken cancellationToken)
    {
        var response = await client.ExecuteAsync(new GraphQLRequest(LastBackupQuery, new Dictionary<string, object?>(), "AdminLastBackup"), cancellationToken);
        if (!response.IsSuccess)
        {
            BackupError = string.Join(" ", response.Errors.Select(e => e.Message));
            return;
        }

        LastBackup = response.Read<BackupData>().Backups.FirstOrDefault();
    }

    /// <summary>Coverage of the regions and the country, as the chart draws it.</summary>
    public IReadOnlyList<Bar> CoverageBars(Func<CoverageLine, (int Part, int Whole)> figures) =>
        [.. Regions.Append(National).OfType<CoverageLine>().Select(line =>
        {
            var (part, whole) = figures(line);
            return new Bar(line.Name, whole == 0 ? 0 : (double)part / whole, Danish.Percent(part, whole));
        })];

    /// <summary>The link to a region's uncovered nynedsatte and their group suggestions; a region without a code yet goes by its id.</summary>
    public static string SuggestionsLink(CoverageLine region) =>
        $"/admin/reports/suggestions?region={Uri.EscapeDataString(region.Code ?? region.ScopeId ?? string.Empty)}&asOf={Danish.Date(region.AsOf)}";

    /// <summary>A row of the coverage table.</summary>
    public sealed record CoverageLine(string? ScopeId, string? Code, string Name, DateOnly AsOf, int ActiveDoctors, int CoveredDoctors, int NynedsatActive, int NynedsatCovered)
    {
        public string Coverage => Danish.Percent(CoveredDoctors, ActiveDoctors);

        public string NynedsatCoverage => Danish.Percent(NynedsatCovered, NynedsatActive);

        public int NynedsatUncovered => NynedsatActive - NynedsatCovered;
    }

    public sealed record ClusterLine(ClusterRef Cluster, int ActiveDoctors, int CoveredDoctors, int AlignedCoveredDoctors, double? AlignedCoverage);

    public sealed record ClusterRef(string Id, string Name, Municipality Municipality);

    /// <summary>The cluster's municipality, for its region on the date: from 2027 the reform's.</summary>
    public sealed record Municipality(Named? Region);

    public sealed record Named(string Name);

    public sealed record Workload(int Threshold, int AdvisorsOverThreshold, IReadOnlyList<AdvisorLine> Nodes)
    {
        public IReadOnlyList<AdvisorLine> OverThreshold => [.. Nodes.Where(n => n.OverThreshold)];
    }

    public sealed record AdvisorLine(Advisor Advisor, int ActiveGroups, int CurrentMembers, int Memberships, bool OverThreshold);

    public sealed record Advisor(string Id, string Name, Named? Region);

    /// <summary>A backup as the dashboard names it: when, where, how big.</summary>
    public sealed record BackupLine(DateTime MadeAt, string File, double SizeBytes)
    {
        public string Size => Danish.Decimal(SizeBytes / (1024 * 1024)) + " MB";
    }

    private sealed record BackupData(IReadOnlyList<BackupLine> Backups);

    private sealed record CoverageData(
        IReadOnlyList<CoverageLine> Regions,
        IReadOnlyList<CoverageLine> National,
        Connection<ClusterLine> WeakestClusters,
        Workload AdvisorWorkload);

    private sealed record Connection<T>(IReadOnlyList<T> Nodes);
}

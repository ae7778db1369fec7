using System.Globalization;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Clusters;

/// <summary>The quality clusters: search by name, filter by region, municipality and KAP unit, sort, page, export as CSV.</summary>
public sealed class IndexModel(IAdminGraphQLClient client) : PageModel
{
    private const string Operation = "AdminClusters";

    public static IReadOnlyList<SortColumn> Columns { get; } =
    [
        new("name", "name"),
        new("region", "region.name"),
        new("municipality", "municipality.name"),
    ];

    /// <summary>Part of the cluster's name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>The region's global id.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    /// <summary>The code of the municipality the cluster mainly serves (kommunekode).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Municipality { get; set; }

    /// <summary>A KAP unit's code: the clusters of the unit's region (clusters have no KAP unit of their own).</summary>
    [BindProperty(SupportsGet = true)]
    public string? KapUnit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public SortColumn Order => ListQuery.Sort(Sort, Columns);

    public Connection<ClusterRow>? Clusters { get; private set; }

    public IReadOnlyList<RegionChoice> Regions { get; private set; } = [];

    public IReadOnlyList<MunicipalityChoice> Municipalities { get; private set; } = [];

    public IReadOnlyList<KapUnitChoice> KapUnits { get; private set; } = [];

    public string? LoadError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Regions = await RegionChoice.LoadAsync(client, cancellationToken);
        Municipalities = await MunicipalityChoice.LoadAsync(client, cancellationToken);
        KapUnits = await KapUnitChoice.LoadAsync(client, cancellationToken);
        var variables = Variables();
        foreach (var (key, value) in ListQuery.Page(After, Before))
        {
            variables[key] = value;
        }

        var response = await client.ExecuteAsync(new GraphQLRequest(AdminOperations.Read(Operation), variables, Operation), cancellationToken);
        if (!response.IsSuccess)
        {
            LoadError = string.Join(" ", response.Errors.Select(e => e.Message));
            return;
        }

        Clusters = response.Read<ClustersData>().QualityClusters;
    }

    /// <summary>The filtered list, every page of it, in the chosen order, as CSV for Excel.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var rows = await client.ReadAllAsync(Operation, Variables(), response => response.Read<ClustersData>().QualityClusters, cancellationToken);
        if (rows is null)
        {
            return BadRequest($"Listen har over {ListQuery.ExportLimit} klynger; afgræns den med filtrene først.");
        }

        return CsvFile.Create(
            "klynger.csv",
            ["Navn", "Region", "Kommunekode", "Kommune", "Klinikker", "Klyngepakker i brug", "Aktive læger", "Dækkede læger", "Dækning", "Id"],
            rows.Select(c => (IReadOnlyList<string?>)
            [
                c.Name, c.Region.Name, c.Municipality.Code, c.Municipality.Name, Invariant(c.Clinics.TotalCount), Invariant(c.Packages.TotalCount),
                Invariant(c.Coverage.ActiveDoctors), Invariant(c.Coverage.CoveredDoctors), c.Coverage.Share, c.Id,
            ]));
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private Dictionary<string, object?> Variables()
    {
        var where = ListQuery.And(
            ListQuery.Search(Q, "name"),
            ListQuery.Field("region.id", "eq", Region),
            ListQuery.Field("municipality.code", "eq", Municipality),
            ListQuery.Field("region.kapUnits.some.code", "eq", KapUnit));
        return new() { ["where"] = where, ["order"] = Order.Order() };
    }

    public sealed record ClusterRow(string Id, string Name, Named Region, MunicipalityRef Municipality, Count Clinics, Count Packages, CoverageFigures Coverage);

    public sealed record Named(string Id, string Name);

    public sealed record MunicipalityRef(string Id, string Code, string Name);

    public sealed record Count(int TotalCount);

    private sealed record ClustersData(Connection<ClusterRow> QualityClusters);
}

using System.Globalization;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.KapUnits;

/// <summary>The KAP units (read-only: the API has no mutations for them): search by name or code, filter by region, sort, page, export as CSV.</summary>
public sealed class IndexModel(IAdminGraphQLClient client) : PageModel
{
    private const string Operation = "AdminKapUnits";

    public static IReadOnlyList<SortColumn> Columns { get; } =
    [
        new("name", "name"),
        new("code", "code"),
        new("region", "region.name"),
    ];

    /// <summary>Part of the unit's name or code.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>The region's global id.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    /// <summary>The day the active groups and coverage are counted on (default today).</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public SortColumn Order => ListQuery.Sort(Sort, Columns);

    public DateOnly Day => ReferenceDay.Or(AsOf);

    public Connection<KapUnitRow>? KapUnits { get; private set; }

    public IReadOnlyList<RegionChoice> Regions { get; private set; } = [];

    public string? LoadError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Regions = await RegionChoice.LoadAsync(client, cancellationToken);
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

        KapUnits = response.Read<KapUnitsData>().KapUnits;
    }

    /// <summary>The filtered list, every page of it, in the chosen order, as CSV for Excel.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var rows = await client.ReadAllAsync(Operation, Variables(), response => response.Read<KapUnitsData>().KapUnits, cancellationToken);
        if (rows is null)
        {
            return BadRequest($"Listen har over {ListQuery.ExportLimit} KAP-enheder; afgræns den med filtrene først.");
        }

        return CsvFile.Create(
            "kap-enheder.csv",
            ["Kode", "Navn", "Region", "Dato", "Aktive grupper", "Sekretariat", "Aktive læger", "Dækkede læger", "Dækning", "Nynedsatte dækket", "Id"],
            rows.Select(u => (IReadOnlyList<string?>)
            [
                u.Code, u.Name, u.Region.Name, Danish.Date(Day), Invariant(u.Groups.TotalCount), Invariant(u.Coordinators.TotalCount),
                Invariant(u.Coverage.ActiveDoctors), Invariant(u.Coverage.CoveredDoctors), u.Coverage.Share, u.Coverage.NynedsatShare, u.Id,
            ]));
    }

    /// <summary>Groups active on the day: founded by then and not dissolved by then (the end is exclusive).</summary>
    public static Dictionary<string, object?>? ActiveGroups(DateOnly day) => ListQuery.And(
        ListQuery.Field("foundedOn", "lte", ReferenceDay.Api(day)),
        ListQuery.Field("dissolvedOn", "nlte", ReferenceDay.Api(day)));

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private Dictionary<string, object?> Variables()
    {
        var where = ListQuery.And(ListQuery.Search(Q, "name", "code"), ListQuery.Field("region.id", "eq", Region));
        return new() { ["where"] = where, ["order"] = Order.Order(), ["asOf"] = ReferenceDay.Api(Day), ["activeGroups"] = ActiveGroups(Day) };
    }

    public sealed record KapUnitRow(string Id, string Code, string Name, Named Region, Count Groups, Count Coordinators, CoverageFigures Coverage);

    public sealed record Named(string Id, string Name);

    public sealed record Count(int TotalCount);

    private sealed record KapUnitsData(Connection<KapUnitRow> KapUnits);
}

using System.Globalization;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Regions;

/// <summary>The regions, past and future (the 2027 reform), with their municipalities and coverage as of a chosen day; read-only reference data.</summary>
public sealed class IndexModel(IAdminGraphQLClient client) : PageModel
{
    private const string Operation = "AdminRegions";

    public static IReadOnlyList<SortColumn> Columns { get; } =
    [
        new("name", "name"),
        new("code", "code"),
        new("seat", "seat"),
        new("validFrom", "validFrom"),
        new("validTo", "validTo"),
    ];

    public static IReadOnlyList<(string Value, string Label)> Statuses { get; } =
    [
        ("all", "Alle, også tidligere og kommende"),
        ("current", "Gældende på datoen"),
    ];

    /// <summary>Part of the region's name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Status { get; set; } = "all";

    /// <summary>The day the municipalities and coverage are counted on (default today).</summary>
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

    public Connection<RegionRow>? Regions { get; private set; }

    public string? LoadError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
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

        Regions = response.Read<RegionsData>().Regions;
    }

    /// <summary>The filtered list, every page of it, in the chosen order, as CSV for Excel.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var rows = await client.ReadAllAsync(Operation, Variables(), response => response.Read<RegionsData>().Regions, cancellationToken);
        if (rows is null)
        {
            return BadRequest($"Listen har over {ListQuery.ExportLimit} regioner; afgræns den med filtrene først.");
        }

        return CsvFile.Create(
            "regioner.csv",
            ["Navn", "Kode", "Hjemsted", "Gyldig fra", "Gyldig til", "Efterfølger", "Dato", "Kommuner", "Aktive læger", "Dækkede læger", "Dækning", "Nynedsatte", "Dækkede nynedsatte", "Id"],
            rows.Select(r => (IReadOnlyList<string?>)
            [
                r.Name, r.Code, r.Seat, Danish.Date(r.ValidFrom), r.ValidTo is null ? null : Danish.Date(r.ValidTo), r.Successor?.Name, Danish.Date(Day),
                Invariant(r.Municipalities.TotalCount), Invariant(r.Coverage.ActiveDoctors), Invariant(r.Coverage.CoveredDoctors), r.Coverage.Share,
                Invariant(r.Coverage.NynedsatActive), Invariant(r.Coverage.NynedsatCovered), r.Id,
            ]));
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private Dictionary<string, object?> Variables()
    {
        var day = ReferenceDay.Api(Day);
        var where = ListQuery.And(
            ListQuery.Search(Q, "name"),
            Status == "current" ? ListQuery.Field("validFrom", "lte", day) : null,
            // The end is exclusive: a region closed on the day is gone that day; an open end (null) is never less than the day.
            Status == "current" ? ListQuery.Field("validTo", "nlte", day) : null);
        return new() { ["where"] = where, ["order"] = Order.Order(), ["asOf"] = day };
    }

    public sealed record RegionRow(string Id, string? Code, string Name, string Seat, DateOnly ValidFrom, DateOnly? ValidTo, Named? Successor, Count Municipalities, CoverageFigures Coverage);

    public sealed record Named(string Id, string Name);

    public sealed record Count(int TotalCount);

    private sealed record RegionsData(Connection<RegionRow> Regions);
}

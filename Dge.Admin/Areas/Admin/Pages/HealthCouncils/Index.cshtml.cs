using System.Globalization;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.HealthCouncils;

/// <summary>The 17 health councils of the 2027 structure: search by name, filter by region, sort, page, export as CSV, coverage on a chosen day.</summary>
public sealed class IndexModel(IAdminGraphQLClient client) : PageModel
{
    private const string Operation = "AdminHealthCouncils";

    public static IReadOnlyList<SortColumn> Columns { get; } =
    [
        new("name", "name"),
        new("region", "region.name"),
        new("inForceFrom", "inForceFrom"),
    ];

    /// <summary>Part of the council's name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>The region's global id (the region the council belongs to from 2027).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

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

    public Connection<CouncilRow>? Councils { get; private set; }

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

        Councils = response.Read<CouncilsData>().HealthCouncils;
    }

    /// <summary>The filtered list, every page of it, in the chosen order, as CSV for Excel.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var rows = await client.ReadAllAsync(Operation, Variables(), response => response.Read<CouncilsData>().HealthCouncils, cancellationToken);
        if (rows is null)
        {
            return BadRequest($"Listen har over {ListQuery.ExportLimit} sundhedsråd; afgræns den med filtrene først.");
        }

        return CsvFile.Create(
            "sundhedsraad.csv",
            ["Navn", "Nøgle", "Region", "I kraft fra", "Kommuner", "Dato", "Aktive læger", "Dækkede læger", "Dækning", "Id"],
            rows.Select(c => (IReadOnlyList<string?>)
            [
                c.Name, c.Key, c.Region.Name, Danish.Date(c.InForceFrom), c.Municipalities.TotalCount.ToString(CultureInfo.InvariantCulture), Danish.Date(Day),
                c.Coverage.ActiveDoctors.ToString(CultureInfo.InvariantCulture), c.Coverage.CoveredDoctors.ToString(CultureInfo.InvariantCulture), c.Coverage.Share, c.Id,
            ]));
    }

    private Dictionary<string, object?> Variables()
    {
        var where = ListQuery.And(ListQuery.Search(Q, "name"), ListQuery.Field("region.id", "eq", Region));
        return new() { ["where"] = where, ["order"] = Order.Order(), ["asOf"] = ReferenceDay.Api(Day) };
    }

    public sealed record CouncilRow(string Id, string Key, string Name, DateOnly InForceFrom, Named Region, Count Municipalities, CoverageFigures Coverage);

    public sealed record Named(string Id, string Name);

    public sealed record Count(int TotalCount);

    private sealed record CouncilsData(Connection<CouncilRow> HealthCouncils);
}

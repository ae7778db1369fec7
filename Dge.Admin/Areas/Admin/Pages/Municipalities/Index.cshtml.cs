using System.Globalization;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Municipalities;

/// <summary>The 98 municipalities: search by name or code, filter by the region they belong to on a chosen day, sort, page, export as CSV.</summary>
public sealed class IndexModel(IAdminGraphQLClient client) : PageModel
{
    private const string Operation = "AdminMunicipalities";

    public static IReadOnlyList<SortColumn> Columns { get; } =
    [
        new("code", "code"),
        new("name", "name"),
        new("region", "region.name"),
        new("healthCouncil", "healthCouncil.name"),
    ];

    /// <summary>Part of the name, or digits of the municipality code ("101" finds 0101).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>The region's global id; regions are read as of <see cref="AsOf"/>.</summary>
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

    public Connection<MunicipalityRow>? Municipalities { get; private set; }

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

        Municipalities = response.Read<MunicipalitiesData>().Municipalities;
    }

    /// <summary>The filtered list, every page of it, in the chosen order, as CSV for Excel.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var rows = await client.ReadAllAsync(Operation, Variables(), response => response.Read<MunicipalitiesData>().Municipalities, cancellationToken);
        if (rows is null)
        {
            return BadRequest($"Listen har over {ListQuery.ExportLimit} kommuner; afgræns den med filtrene først.");
        }

        return CsvFile.Create(
            "kommuner.csv",
            ["Kode", "Navn", "Region", "Sundhedsråd", "Dato", "Klinikker", "Aktive læger", "Dækkede læger", "Dækning", "Id"],
            rows.Select(m => (IReadOnlyList<string?>)
            [
                m.Code, m.Name, m.Region?.Name, m.HealthCouncil.Name, Danish.Date(Day), m.Clinics.TotalCount.ToString(CultureInfo.InvariantCulture),
                m.Coverage.ActiveDoctors.ToString(CultureInfo.InvariantCulture), m.Coverage.CoveredDoctors.ToString(CultureInfo.InvariantCulture), m.Coverage.Share, m.Id,
            ]));
    }

    private Dictionary<string, object?> Variables()
    {
        var where = ListQuery.And(
            Q is { Length: > 0 } q && q.Trim().All(char.IsAsciiDigit)
                ? ListQuery.Field("code", "contains", q.Trim())
                : ListQuery.Search(Q, "name"),
            ListQuery.Field("region.id", "eq", Region));
        return new() { ["where"] = where, ["order"] = Order.Order(), ["asOf"] = ReferenceDay.Api(Day) };
    }

    public sealed record MunicipalityRow(string Id, string Code, string Name, Named? Region, Named HealthCouncil, Count Clinics, CoverageFigures Coverage);

    public sealed record Named(string Id, string Name);

    public sealed record Count(int TotalCount);

    private sealed record MunicipalitiesData(Connection<MunicipalityRow> Municipalities);
}

using System.Globalization;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Clinics;

/// <summary>The clinics: search by name or ydernummer, filter by municipality, region, KAP unit, type and open or closed, sort, page, export as CSV.</summary>
public sealed class IndexModel(IAdminGraphQLClient client) : PageModel
{
    private const string Operation = "AdminClinics";

    public static IReadOnlyList<SortColumn> Columns { get; } =
    [
        new("name", "name"),
        new("ydernummer", "ydernummer"),
        new("type", "type"),
        new("municipality", "municipality.name"),
        new("cluster", "cluster.name"),
        new("closed", "closedOn"),
    ];

    public static IReadOnlyList<(string Value, string Label)> Statuses { get; } =
    [
        ("open", "Åbne"),
        ("closed", "Lukkede"),
        ("all", "Alle"),
    ];

    /// <summary>Part of the name or the ydernummer.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>The region the clinic's municipality belongs to today (its global id).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    /// <summary>The clinic's municipality (its global id).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Municipality { get; set; }

    /// <summary>The KAP unit (code) of the clinic's region.</summary>
    [BindProperty(SupportsGet = true)]
    public string? KapUnit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Status { get; set; } = "open";

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public SortColumn Order => ListQuery.Sort(Sort, Columns);

    public Connection<ClinicRow>? Clinics { get; private set; }

    public IReadOnlyList<KapUnitChoice> KapUnits { get; private set; } = [];

    public IReadOnlyList<RegionChoice> Regions { get; private set; } = [];

    public IReadOnlyList<MunicipalityChoice> Municipalities { get; private set; } = [];

    public string? LoadError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        KapUnits = await KapUnitChoice.LoadAsync(client, cancellationToken);
        // The filter offers the regions in force today (the reform's new ones from their first day).
        Regions = (await RegionChoice.LoadAsync(client, cancellationToken)).Where(r => r.ExistsOn(DateOnly.FromDateTime(DateTime.UtcNow))).ToList();
        Municipalities = await MunicipalityChoice.LoadAsync(client, cancellationToken);
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

        Clinics = response.Read<ClinicsData>().Clinics;
    }

    /// <summary>The filtered list, every page of it, in the chosen order, as CSV for Excel.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var rows = await client.ReadAllAsync(Operation, Variables(), response => response.Read<ClinicsData>().Clinics, cancellationToken);
        if (rows is null)
        {
            return BadRequest($"Listen har over {ListQuery.ExportLimit} klinikker; afgræns den med filtrene først.");
        }

        return CsvFile.Create(
            "klinikker.csv",
            ["Navn", "Ydernummer", "Type", "Kommune", "Region", "Klynge", "Uddannelsespraksis", "Læger", "Lukket", "Id"],
            rows.Select(c => (IReadOnlyList<string?>)
                [c.Name, c.Ydernummer, Labels.ClinicTypes.Of(c.Type), c.Municipality.Name, c.Municipality.Region?.Name, c.Cluster?.Name, c.IsTutorPractice ? "Ja" : "Nej",
                 c.Doctors.TotalCount.ToString(CultureInfo.InvariantCulture), c.ClosedOn is null ? null : Danish.Date(c.ClosedOn), c.Id]));
    }

    private Dictionary<string, object?> Variables()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var where = ListQuery.And(
            ListQuery.Search(Q, "name", "ydernummer"),
            ListQuery.Field("municipality.id", "eq", Municipality),
            ListQuery.Field("municipality.region.id", "eq", Region),
            ListQuery.Field("municipality.region.kapUnits.some.code", "eq", KapUnit),
            Labels.ClinicTypes.Offers(Type) ? ListQuery.Field("type", "eq", Type) : null,
            Status switch
            {
                // Closed on a day means gone from that day on (the end is exclusive).
                "closed" => ListQuery.Field("closedOn", "lte", today),
                "all" => null,
                _ => ListQuery.Field("closedOn", "nlte", today),
            });
        return new() { ["where"] = where, ["order"] = Order.Order() };
    }

    public sealed record ClinicRow(string Id, string Name, string Ydernummer, string Type, DateOnly? ClosedOn, bool IsTutorPractice, MunicipalityRef Municipality, Named? Cluster, Count Doctors);

    public sealed record MunicipalityRef(string Id, string Name, RegionName? Region);

    public sealed record RegionName(string Name);

    public sealed record Named(string Id, string Name);

    public sealed record Count(int TotalCount);

    private sealed record ClinicsData(Connection<ClinicRow> Clinics);
}

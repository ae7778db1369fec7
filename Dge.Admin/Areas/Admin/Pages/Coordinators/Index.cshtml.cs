using System.Globalization;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Coordinators;

/// <summary>
/// The coordinators and advisors: search by name, filter by role, region, KAP unit and active or ended, sort, page, export
/// as CSV. E-mail is personal data and stays on the coordinator's own page.
/// </summary>
public sealed class IndexModel(IAdminGraphQLClient client) : PageModel
{
    private const string Operation = "AdminCoordinators";

    public static IReadOnlyList<SortColumn> Columns { get; } =
    [
        new("name", "name"),
        new("role", "role"),
        new("from", "from"),
        new("to", "to"),
        new("hours", "weeklyHours"),
    ];

    public static IReadOnlyList<(string Value, string Label)> Statuses { get; } =
    [
        ("active", "Aktive"),
        ("ended", "Ophørte"),
        ("all", "Alle"),
    ];

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    /// <summary>The region the scope lies in (its global id): the region itself, or the region of the KAP unit, cluster or municipality.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    /// <summary>The KAP unit (code): the unit itself, or its region's scopes.</summary>
    [BindProperty(SupportsGet = true)]
    public string? KapUnit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Status { get; set; } = "active";

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public SortColumn Order => ListQuery.Sort(Sort, Columns);

    public Connection<CoordinatorRow>? Coordinators { get; private set; }

    public IReadOnlyList<KapUnitChoice> KapUnits { get; private set; } = [];

    public IReadOnlyList<RegionChoice> Regions { get; private set; } = [];

    public string? LoadError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        KapUnits = await KapUnitChoice.LoadAsync(client, cancellationToken);
        // The filter offers the regions in force today (the reform's new ones from their first day).
        Regions = (await RegionChoice.LoadAsync(client, cancellationToken)).Where(r => r.ExistsOn(DateOnly.FromDateTime(DateTime.UtcNow))).ToList();
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

        Coordinators = response.Read<CoordinatorsData>().Coordinators;
    }

    /// <summary>The filtered list, every page of it, in the chosen order, as CSV for Excel; without e-mail.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var rows = await client.ReadAllAsync(Operation, Variables(), response => response.Read<CoordinatorsData>().Coordinators, cancellationToken);
        if (rows is null)
        {
            return BadRequest($"Listen har over {ListQuery.ExportLimit} koordinatorer; afgræns den med filtrene først.");
        }

        return CsvFile.Create(
            "koordinatorer.csv",
            ["Navn", "Rolle", "Område", "Fra", "Til", "Timer pr. uge", "Læge", "Id"],
            rows.Select(c => (IReadOnlyList<string?>)
                [c.Name, Labels.CoordinatorRoles.Of(c.Role), c.Scope?.Name, Danish.Date(c.From), c.To is null ? null : Danish.Date(c.To), Danish.Decimal(c.WeeklyHours), c.Doctor is { } d ? $"{d.FirstName} {d.LastName}" : null, c.Id]));
    }

    private Dictionary<string, object?> Variables()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var where = ListQuery.And(
            ListQuery.Search(Q, "name"),
            Labels.CoordinatorRoles.Offers(Role) ? ListQuery.Field("role", "eq", Role) : null,
            InScope("region.id", Region),
            string.IsNullOrWhiteSpace(KapUnit) ? null : ListQuery.Or([ListQuery.Field("kapUnit.code", "eq", KapUnit)!, .. ScopeRegions("region.kapUnits.some.code", KapUnit)]),
            Status switch
            {
                // Ended on a day means out of the role from that day on (the end is exclusive).
                "ended" => ListQuery.Field("to", "lte", today),
                "all" => null,
                _ => ListQuery.Field("to", "nlte", today),
            });
        return new() { ["where"] = where, ["order"] = Order.Order() };
    }

    /// <summary>The coordinators whose scope lies in the region: <paramref name="regionPath"/> under each kind of scope.</summary>
    private static Dictionary<string, object?>? InScope(string regionPath, string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : ListQuery.Or(ScopeRegions(regionPath, value));

    private static readonly string[] ScopeKinds = ["", "kapUnit.", "cluster.", "municipality."];

    private static IEnumerable<Dictionary<string, object?>> ScopeRegions(string regionPath, string value) =>
        ScopeKinds.Select(scope => ListQuery.Field(scope + regionPath, "eq", value)!);

    public sealed record CoordinatorRow(string Id, string Name, string Role, DateOnly From, DateOnly? To, double WeeklyHours, ScopeRef? Region, ScopeRef? KapUnit, ScopeRef? Cluster, ScopeRef? Municipality, DoctorRef? Doctor)
    {
        public Scope? Scope => Scope.Of(Region, KapUnit, Cluster, Municipality);
    }

    public sealed record DoctorRef(string Id, string FirstName, string LastName);

    private sealed record CoordinatorsData(Connection<CoordinatorRow> Coordinators);
}

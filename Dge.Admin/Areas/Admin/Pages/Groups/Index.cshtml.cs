using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Groups;

/// <summary>The DGE groups: search by name, filter by KAP unit, kind and status, sort by any column, page, export as CSV.</summary>
public sealed class IndexModel(IAdminGraphQLClient client) : PageModel
{
    private const string Operation = "AdminGroups";

    public static IReadOnlyList<SortColumn> Columns { get; } =
    [
        new("name", "name"),
        new("kind", "kind"),
        new("kapUnit", "kapUnit.name"),
        new("founded", "foundedOn"),
        new("dissolved", "dissolvedOn"),
    ];

    public static IReadOnlyList<(string Value, string Label)> Statuses { get; } =
    [
        ("active", "Aktive"),
        ("dissolved", "Opløste"),
        ("all", "Alle"),
    ];

    /// <summary>Part of the group's name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? KapUnit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Status { get; set; } = "active";

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public SortColumn Order => ListQuery.Sort(Sort, Columns);

    public Connection<GroupRow>? Groups { get; private set; }

    public IReadOnlyList<KapUnitChoice> KapUnits { get; private set; } = [];

    public string? LoadError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
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

        Groups = response.Read<GroupsData>().Groups;
    }

    /// <summary>The filtered list, every page of it, in the chosen order, as CSV for Excel.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var rows = await client.ReadAllAsync(Operation, Variables(), response => response.Read<GroupsData>().Groups, cancellationToken);
        if (rows is null)
        {
            return BadRequest($"Listen har over {ListQuery.ExportLimit} grupper; afgræns den med filtrene først.");
        }

        return CsvFile.Create(
            "grupper.csv",
            ["Navn", "Type", "KAP-enhed", "Stiftet", "Opløst", "Medlemmer", "Vejleder", "Id"],
            rows.Select(g => (IReadOnlyList<string?>)
                [g.Name, Labels.GroupKinds.Of(g.Kind), g.KapUnit.Name, Danish.Date(g.FoundedOn), g.DissolvedOn is null ? null : Danish.Date(g.DissolvedOn), g.Members.TotalCount.ToString(System.Globalization.CultureInfo.InvariantCulture), g.Advisor?.Name, g.Id]));
    }

    private Dictionary<string, object?> Variables()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var where = ListQuery.And(
            ListQuery.Search(Q, "name"),
            ListQuery.Field("kapUnit.code", "eq", KapUnit),
            Labels.GroupKinds.Offers(Kind) ? ListQuery.Field("kind", "eq", Kind) : null,
            Status switch
            {
                // Dissolved on a day means gone from that day on (the end is exclusive).
                "dissolved" => ListQuery.Field("dissolvedOn", "lte", today),
                "all" => null,
                _ => ListQuery.Field("dissolvedOn", "nlte", today),
            });
        return new() { ["where"] = where, ["order"] = Order.Order() };
    }

    public sealed record GroupRow(string Id, string Name, string Kind, DateOnly FoundedOn, DateOnly? DissolvedOn, KapUnitRef KapUnit, Named? Advisor, Count Members);

    public sealed record KapUnitRef(string Id, string Code, string Name);

    public sealed record Named(string Id, string Name);

    public sealed record Count(int TotalCount);

    private sealed record GroupsData(Connection<GroupRow> Groups);
}

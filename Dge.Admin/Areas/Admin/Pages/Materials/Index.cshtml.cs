using System.Globalization;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Materials;

/// <summary>The learning materials: search title and publisher, filter by kind, theme and status, sort, page, export as CSV.</summary>
public sealed class IndexModel(IAdminGraphQLClient client) : PageModel
{
    private const string Operation = "AdminMaterials";

    public static IReadOnlyList<SortColumn> Columns { get; } =
    [
        new("title", "title"),
        new("kind", "kind"),
        new("publisher", "publisher"),
        new("published", "publishedOn"),
        new("retired", "retiredOn"),
    ];

    public static IReadOnlyList<(string Value, string Label)> Statuses { get; } =
    [
        ("active", "I brug"),
        ("retired", "Udgåede"),
        ("all", "Alle"),
    ];

    /// <summary>Part of the title or the publisher.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    /// <summary>A theme's code: materials treating it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Theme { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Status { get; set; } = "active";

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public SortColumn Order => ListQuery.Sort(Sort, Columns);

    public Connection<MaterialRow>? Materials { get; private set; }

    public IReadOnlyList<ThemeChoice> Themes { get; private set; } = [];

    public string? LoadError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Themes = await ThemeChoice.LoadAsync(client, cancellationToken);
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

        Materials = response.Read<MaterialsData>().LearningMaterials;
    }

    /// <summary>The filtered list, every page of it, in the chosen order, as CSV for Excel.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var rows = await client.ReadAllAsync(Operation, Variables(), response => response.Read<MaterialsData>().LearningMaterials, cancellationToken);
        if (rows is null)
        {
            return BadRequest($"Listen har over {ListQuery.ExportLimit} materialer; afgræns den med filtrene først.");
        }

        return CsvFile.Create(
            "materialer.csv",
            ["Titel", "Type", "Udgiver", "Udgivet", "Udgået", "Emner", "Møder", "Link", "Id"],
            rows.Select(m => (IReadOnlyList<string?>)
            [
                m.Title, Labels.MaterialKinds.Of(m.Kind), m.Publisher, Danish.Date(m.PublishedOn), m.RetiredOn is null ? null : Danish.Date(m.RetiredOn),
                string.Join(", ", m.Themes.Nodes.Select(t => t.Code)), m.Meetings.TotalCount.ToString(CultureInfo.InvariantCulture), m.Url, m.Id,
            ]));
    }

    private Dictionary<string, object?> Variables()
    {
        var today = Danish.Date(DateOnly.FromDateTime(DateTime.UtcNow));
        var where = ListQuery.And(
            ListQuery.Search(Q, "title", "publisher"),
            Labels.MaterialKinds.Offers(Kind) ? ListQuery.Field("kind", "eq", Kind) : null,
            string.IsNullOrWhiteSpace(Theme) ? null : new() { ["themes"] = new Dictionary<string, object?> { ["some"] = ListQuery.Field("code", "eq", Theme) } },
            Status switch
            {
                // Retired on a day means out of use from that day on.
                "retired" => ListQuery.Field("retiredOn", "lte", today),
                "all" => null,
                _ => ListQuery.Field("retiredOn", "nlte", today),
            });
        return new() { ["where"] = where, ["order"] = Order.Order() };
    }

    public sealed record MaterialRow(string Id, string Title, string Kind, string Publisher, DateOnly PublishedOn, DateOnly? RetiredOn, string Url, NodeList<ThemeCode> Themes, Count Meetings);

    public sealed record ThemeCode(string Code);

    public sealed record Count(int TotalCount);

    private sealed record MaterialsData(Connection<MaterialRow> LearningMaterials);
}

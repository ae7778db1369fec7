using System.Globalization;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Themes;

/// <summary>The themes (emner): search code and names, filter by category, sort by any column, page, export as CSV.</summary>
public sealed class IndexModel(IAdminGraphQLClient client) : PageModel
{
    private const string Operation = "AdminThemes";

    public static IReadOnlyList<SortColumn> Columns { get; } =
    [
        new("code", "code"),
        new("nameDa", "nameDa"),
        new("nameEn", "nameEn"),
        new("category", "category"),
    ];

    /// <summary>Part of the code, the Danish or the English name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public SortColumn Order => ListQuery.Sort(Sort, Columns);

    public Connection<ThemeRow>? Themes { get; private set; }

    public IReadOnlyList<string> Categories { get; private set; } = [];

    public string? LoadError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Categories = await ThemeCategories.LoadAsync(client, cancellationToken);
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

        Themes = response.Read<ThemesData>().Themes;
    }

    /// <summary>The filtered list, every page of it, in the chosen order, as CSV for Excel.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var rows = await client.ReadAllAsync(Operation, Variables(), response => response.Read<ThemesData>().Themes, cancellationToken);
        if (rows is null)
        {
            return BadRequest($"Listen har over {ListQuery.ExportLimit} emner; afgræns den med filtrene først.");
        }

        return CsvFile.Create(
            "emner.csv",
            ["Kode", "Dansk navn", "Engelsk navn", "Kategori", "Materialer", "Møder", "Id"],
            rows.Select(t => (IReadOnlyList<string?>)
                [t.Code, t.NameDa, t.NameEn, t.Category, t.Materials.TotalCount.ToString(CultureInfo.InvariantCulture), t.Meetings.TotalCount.ToString(CultureInfo.InvariantCulture), t.Id]));
    }

    private Dictionary<string, object?> Variables()
    {
        var where = ListQuery.And(
            ListQuery.Search(Q, "code", "nameDa", "nameEn"),
            ListQuery.Field("category", "eq", Category));
        return new() { ["where"] = where, ["order"] = Order.Order() };
    }

    public sealed record ThemeRow(string Id, string Code, string NameDa, string NameEn, string Category, Count Materials, Count Meetings);

    public sealed record Count(int TotalCount);

    private sealed record ThemesData(Connection<ThemeRow> Themes);
}

/// <summary>The categories the themes use, each once, for the list's filter and the form's suggestions.</summary>
public static class ThemeCategories
{
    public static async Task<IReadOnlyList<string>> LoadAsync(IAdminGraphQLClient client, CancellationToken cancellationToken)
    {
        var response = await client.ExecuteAsync(new GraphQLRequest(AdminOperations.Read("AdminThemeCategories"), OperationName: "AdminThemeCategories"), cancellationToken);
        return response.IsSuccess
            ? response.Read<Data>().Themes.Nodes.Select(t => t.Category).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    private sealed record CategoryRow(string Category);

    private sealed record Data(NodeList<CategoryRow> Themes);
}

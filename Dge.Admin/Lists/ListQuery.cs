namespace Dge.Admin.Lists;

/// <summary>
/// The parts of a list page's GraphQL variables that every list shares: a where built from the form's fields, an order
/// from the chosen column, and the page (after or before a cursor).
/// </summary>
public static class ListQuery
{
    public const int PageSize = 25;

    /// <summary>The export reads the whole filtered list in pages of the API's maximum.</summary>
    public const int ExportPageSize = 100;

    /// <summary>At most this many rows in one CSV export: a bigger list should be filtered first.</summary>
    public const int ExportLimit = 20_000;

    /// <summary>
    /// The conditions that were given, joined by <c>and</c>; null when none was. Each condition is a path of fields
    /// ending in an operation, e.g. <c>Field("kapUnit.code", "eq", "H")</c>.
    /// </summary>
    public static Dictionary<string, object?>? And(params Dictionary<string, object?>?[] conditions)
    {
        var given = conditions.OfType<Dictionary<string, object?>>().ToList();
        return given.Count switch
        {
            0 => null,
            1 => given[0],
            _ => new() { ["and"] = given },
        };
    }

    /// <summary>At least one of the conditions.</summary>
    public static Dictionary<string, object?> Or(IEnumerable<Dictionary<string, object?>> conditions) => new() { ["or"] = conditions.ToList() };

    /// <summary>The filter <c>{ a: { b: { operation: value } } }</c> for the path "a.b"; null when there is no value.</summary>
    public static Dictionary<string, object?>? Field(string path, string operation, object? value)
    {
        if (value is null || value is string text && string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        Dictionary<string, object?> filter = new() { [operation] = value is string s ? s.Trim() : value };
        foreach (var name in path.Split('.').Reverse())
        {
            filter = new() { [name] = filter };
        }

        return filter;
    }

    /// <summary>
    /// A free-text search over text fields: the API's <c>contains</c> is case-sensitive, so the text is tried as typed,
    /// in lower and upper case and with a capital first letter ("jens" finds "Jensen", "Jens" and "JENS").
    /// </summary>
    public static Dictionary<string, object?>? Search(string? text, params string[] paths)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        string[] variants = [trimmed, trimmed.ToLowerInvariant(), trimmed.ToUpperInvariant(), char.ToUpperInvariant(trimmed[0]) + trimmed[1..].ToLowerInvariant()];
        return Or(variants.Distinct(StringComparer.Ordinal).SelectMany(variant => paths.Select(path => Field(path, "contains", variant)!)));
    }

    /// <summary>The order for the chosen column: "name" ascending, "-name" descending; an unknown column falls back to the first.</summary>
    public static SortColumn Sort(string? sort, IReadOnlyList<SortColumn> columns)
    {
        var key = sort?.TrimStart('-');
        var column = columns.FirstOrDefault(c => c.Key == key) ?? columns[0];
        return sort is ['-', ..] && column.Key == key ? column with { Descending = true } : column;
    }

    /// <summary>The paging variables: the page after a cursor, the page before one, or the first page.</summary>
    public static Dictionary<string, object?> Page(string? after, string? before, int pageSize = PageSize) =>
        !string.IsNullOrEmpty(before)
            ? new() { ["last"] = pageSize, ["before"] = before }
            : new() { ["first"] = pageSize, ["after"] = string.IsNullOrEmpty(after) ? null : after };
}

/// <summary>A sortable column: the key in the URL and the field path in the API's order input (e.g. "kapUnit.name").</summary>
public sealed record SortColumn(string Key, string Path, bool Descending = false)
{
    /// <summary>The value of the sort parameter that sorts by this column; the other direction when it is already the order.</summary>
    public string Toggle(SortColumn current) => current.Key == Key && !current.Descending ? "-" + Key : Key;

    /// <summary>The order input: <c>[{ kapUnit: { name: ASC } }]</c>.</summary>
    public IReadOnlyList<Dictionary<string, object?>> Order()
    {
        object? order = Descending ? "DESC" : "ASC";
        foreach (var name in Path.Split('.').Reverse())
        {
            order = new Dictionary<string, object?> { [name] = order };
        }

        return [(Dictionary<string, object?>)order!];
    }

    /// <summary>The header's aria-sort for this column under the current order.</summary>
    public string? AriaSort(SortColumn current) => current.Key != Key ? null : current.Descending ? "descending" : "ascending";
}

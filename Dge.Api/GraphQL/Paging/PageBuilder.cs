namespace Dge.Api.GraphQL.Paging;

/// <summary>Turns the rows fetched for a window (one extra to detect a next page) into a <see cref="Connection"/>.</summary>
public static class PageBuilder
{
    public static Connection Forward<T>(IReadOnlyList<T> rows, PageWindow window, int? total)
        where T : notnull
    {
        var edges = rows.Take(window.Take).Select((row, i) => new Edge(window.Cursor(window.Skip + i), row)).ToList();
        return new Connection
        {
            Edges = edges,
            HasNextPage = rows.Count > window.Take,
            HasPreviousPage = window.Skip > 0,
            TotalCount = total,
        };
    }

    /// <summary>Rows fetched in reverse order for <c>last</c> without <c>before</c>; <paramref name="total"/> places them.</summary>
    public static Connection Backward<T>(IReadOnlyList<T> reversedRows, PageWindow window, int total)
        where T : notnull
    {
        var firstOffset = total - reversedRows.Count;
        var edges = reversedRows.Reverse()
            .Select((row, i) => (Offset: firstOffset + i, Row: row))
            .Where(x => x.Offset >= window.Skip)
            .Select(x => new Edge(window.Cursor(x.Offset), x.Row))
            .ToList();
        var start = edges.Count > 0 ? firstOffset + (reversedRows.Count - edges.Count) : total;
        return new Connection { Edges = edges, HasNextPage = false, HasPreviousPage = start > 0, TotalCount = total };
    }
}

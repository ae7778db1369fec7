namespace Dge.Admin.Lists;

/// <summary>One page of a connection as the list pages ask for it: the total of the filtered list, where the page is, and its rows.</summary>
public sealed record Connection<T>(int TotalCount, PageInfo PageInfo, IReadOnlyList<T> Nodes);

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

/// <summary>A connection's rows only, for the related lists of a details page.</summary>
public sealed record NodeList<T>(IReadOnlyList<T> Nodes);

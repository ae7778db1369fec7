namespace Dge.Api.GraphQL.Paging;

/// <summary>One page of a connection, in HotChocolate's shape.</summary>
public sealed class Connection
{
    public required IReadOnlyList<Edge> Edges { get; init; }

    public required bool HasNextPage { get; init; }

    public required bool HasPreviousPage { get; init; }

    /// <summary>Counted only when the client selected <c>totalCount</c>.</summary>
    public int? TotalCount { get; init; }

    public static Connection Empty(int? totalCount) =>
        new() { Edges = [], HasNextPage = false, HasPreviousPage = false, TotalCount = totalCount };
}

/// <summary>An item of a page with its cursor.</summary>
public sealed record Edge(string Cursor, object Node);

using Dge.Admin.Client;

namespace Dge.Admin.Lists;

/// <summary>
/// The whole filtered list for a CSV export, read page by page with the list's own operation (so the export holds exactly
/// what the page would show, under the same permissions), up to <see cref="ListQuery.ExportLimit"/> rows.
/// </summary>
public static class ListExport
{
    /// <summary>The rows, or null when the list is longer than the limit (the page then asks for a narrower filter).</summary>
    public static async Task<IReadOnlyList<T>?> ReadAllAsync<T>(
        this IAdminGraphQLClient client,
        string operation,
        Dictionary<string, object?> variables,
        Func<GraphQLResponse, Connection<T>> read,
        CancellationToken cancellationToken)
    {
        var query = AdminOperations.Read(operation);
        var rows = new List<T>();
        string? after = null;
        while (true)
        {
            var pageVariables = new Dictionary<string, object?>(variables) { ["first"] = ListQuery.ExportPageSize, ["after"] = after, ["last"] = null, ["before"] = null };
            var response = await client.ExecuteAsync(new GraphQLRequest(query, pageVariables, operation), cancellationToken);
            var page = read(response);
            if (page.TotalCount > ListQuery.ExportLimit)
            {
                return null;
            }

            rows.AddRange(page.Nodes);
            if (!page.PageInfo.HasNextPage || page.PageInfo.EndCursor is null)
            {
                return rows;
            }

            after = page.PageInfo.EndCursor;
        }
    }
}

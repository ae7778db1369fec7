using Microsoft.AspNetCore.Http;

namespace Dge.Admin.Lists;

/// <summary>Links that keep a list page's filters: the same query string with some parameters changed or removed.</summary>
public static class QueryLinks
{
    public static string With(this HttpRequest request, params (string Key, string? Value)[] changes)
    {
        var query = request.Query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        query.Remove("handler");
        foreach (var (key, value) in changes)
        {
            if (string.IsNullOrEmpty(value))
            {
                query.Remove(key);
            }
            else
            {
                query[key] = value;
            }
        }

        return request.PathBase + request.Path + QueryString.Create(query.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)));
    }
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Dge.Tests.GraphQL.Http;

/// <summary>Builds the HTTP requests the endpoint tests send and reads the GraphQL responses they get back.</summary>
public static class GraphQLHttp
{
    public static readonly Uri Endpoint = new("/graphql", UriKind.Relative);

    public const string RegionsQuery = "{ regions(first: 2) { nodes { name } } }";

    public static HttpRequestMessage Post(string body, string? accept = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return request;
    }

    public static HttpRequestMessage PostQuery(string query, string? accept = null) => Post(JsonSerializer.Serialize(new { query }), accept);

    public static HttpRequestMessage Get(string queryString, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/graphql?{queryString}", UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return request;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>The first error's <c>extensions.code</c>.</summary>
    public static async Task<string?> ErrorCodeAsync(HttpResponseMessage response) =>
        (await JsonAsync(response)).GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString();
}

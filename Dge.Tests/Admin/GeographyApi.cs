using System.Net;
using System.Text;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.Admin;

/// <summary>The API's own answers for the geography and cluster page tests, and those pages' CSV exports read back.</summary>
internal static class GeographyApi
{
    /// <summary>The data of <paramref name="query"/>, asked with an admin key; a GraphQL error fails the test.</summary>
    public static async Task<JsonElement> DataAsync(this AccessHost host, string query)
    {
        using var client = await host.WithKeyAsync(Roles.Admin);
        using var response = await client.SendAsync(PostQuery(query));
        var json = await JsonAsync(response);
        Assert.False(json.TryGetProperty("errors", out var errors), errors.ToString());
        return json.GetProperty("data").Clone();
    }

    /// <summary>The strings at <paramref name="property"/> of every node of a connection.</summary>
    public static List<string> Strings(this JsonElement connection, string property) =>
        connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty(property).GetString()!).ToList();

    /// <summary>A list's CSV: asserts it is UTF-8 with a BOM for Danish Excel, and returns its lines (header first).</summary>
    public static async Task<string[]> CsvLinesAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        return Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>An anonymous GET of an admin page is sent to sign in.</summary>
    public static async Task AssertSignInRequiredAsync(this AccessHost host, string path)
    {
        using var client = host.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/admin/account/signin", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}

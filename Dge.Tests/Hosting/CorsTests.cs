using System.Net;
using Dge.Tests.GraphQL.Http;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Hosting;

public sealed class CorsTests
{
    private const string DevServer = "http://localhost:5173";

    [Fact]
    public async Task Preflight_NoOriginsConfigured_GetsNoCorsHeaders()
    {
        await using var factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync());
        var client = await factory.CreateReadyClientAsync();

        using var preflight = await client.SendAsync(Preflight(DevServer));
        using var post = await client.SendAsync(WithOrigin(GraphQLHttp.PostQuery(GraphQLHttp.RegionsQuery), DevServer));

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(post.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflight_AllowedOrigin_AllowsJsonPostWithAuthorizationWithoutCredentials()
    {
        await using var factory = await StartAsync(DevServer);
        var client = await factory.CreateReadyClientAsync();

        using var preflight = await client.SendAsync(Preflight(DevServer));

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(DevServer, Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(preflight, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        var allowedHeaders = Header(preflight, "Access-Control-Allow-Headers").ToLowerInvariant();
        Assert.Contains("content-type", allowedHeaders, StringComparison.Ordinal);
        Assert.Contains("authorization", allowedHeaders, StringComparison.Ordinal);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Post_OneOfTwoAllowedOrigins_IsAnsweredWithItAndVariesByOrigin()
    {
        await using var factory = await StartAsync(DevServer, "https://portal.example");
        var client = await factory.CreateReadyClientAsync();

        using var response = await client.SendAsync(WithOrigin(GraphQLHttp.PostQuery(GraphQLHttp.RegionsQuery), DevServer));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DevServer, Header(response, "Access-Control-Allow-Origin"));
        // With more than one origin the answer depends on Origin, so caches must key on it as well as on Accept.
        Assert.Contains("Origin", response.Headers.Vary);
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Fact]
    public async Task Post_WithoutOrigin_StillVariesByOrigin()
    {
        await using var factory = await StartAsync("http://localhost:5173");
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(GraphQLHttp.PostQuery(GraphQLHttp.RegionsQuery));

        Assert.Contains("Origin", Header(response, "Vary"), StringComparison.Ordinal);
        Assert.Contains("Accept", Header(response, "Vary"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_OtherOrigin_GetsNoAllowOrigin()
    {
        await using var factory = await StartAsync(DevServer);
        var client = await factory.CreateReadyClientAsync();

        using var preflight = await client.SendAsync(Preflight("http://evil.example"));
        using var post = await client.SendAsync(WithOrigin(GraphQLHttp.PostQuery(GraphQLHttp.RegionsQuery), "http://evil.example"));

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(post.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Admin_AllowedOrigin_GetsNoCorsHeaders()
    {
        await using var factory = await StartAsync(DevServer);
        var client = await factory.CreateReadyClientAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/admin", UriKind.Relative));
        using var response = await client.SendAsync(WithOrigin(request, DevServer));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Start_OriginWithAPath_FailsWithTheSetting()
    {
        await using var factory = await StartAsync("http://localhost:5173/app");

        var failure = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Dge:Cors:Origins", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<DgeAppFactory> StartAsync(params string[] origins) =>
        new(await TestDatabases.CopyReferenceOnlyAsync(), settings: origins.Select((origin, i) => (Key: $"Dge:Cors:Origins:{i}", Value: origin)).ToDictionary(s => s.Key, s => s.Value));

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, GraphQLHttp.Endpoint);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,authorization");
        return WithOrigin(request, origin);
    }

    private static HttpRequestMessage WithOrigin(HttpRequestMessage request, string origin)
    {
        request.Headers.Add("Origin", origin);
        return request;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : throw new Xunit.Sdk.XunitException($"{name} is missing.");
}

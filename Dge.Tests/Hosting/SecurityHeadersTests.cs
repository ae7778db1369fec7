using System.Net;
using Dge.Tests.GraphQL.Http;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Hosting;

public sealed class SecurityHeadersTests(ReferenceOnlyHost host) : IClassFixture<ReferenceOnlyHost>
{
    [Theory]
    [InlineData("/admin/account/signin", false)]
    [InlineData("/graphql/", true)]
    public async Task HtmlPage_Get_CarriesCspFrameAndSniffingProtection(string path, bool allowsEval)
    {
        using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        // Only the IDE needs eval (its JSON schema validator compiles functions); the admin shell runs no script at all.
        Assert.Equal(allowsEval, policy.Contains("'unsafe-eval'", StringComparison.Ordinal));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task JsonResponse_Post_IsNosniffAndRunsNothing()
    {
        using var response = await host.Client.SendAsync(GraphQLHttp.PostQuery(GraphQLHttp.RegionsQuery));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
    }

    [Theory]
    [InlineData("/reports/annual/KAP-H/2025.csv")]
    [InlineData("/no-such-page")]
    [InlineData("/graphql")]
    public async Task OtherResponse_Get_RunsNothing(string path)
    {
        using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task IdeAsset_Get_IsNosniff()
    {
        using var response = await host.Client.GetAsync(new Uri("/graphql/favicon.svg", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task Kestrel_AnyResponse_HasNoServerHeader()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var live = await LiveDgeHost.StartAsync(timeout.Token);
        using var client = new HttpClient { BaseAddress = live.BaseAddress };

        using var health = await client.GetAsync(new Uri("healthz", UriKind.Relative), timeout.Token);
        using var missing = await client.GetAsync(new Uri("no-such-page", UriKind.Relative), timeout.Token);

        Assert.Empty(health.Headers.Server);
        Assert.Empty(missing.Headers.Server);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task SecurityHeaders_ConfiguredOff_AreNotSent()
    {
        await using var factory = new DgeAppFactory(
            await TestDatabases.CopyReferenceOnlyAsync(), settings: new Dictionary<string, string> { ["Dge:SecurityHeaders:Enabled"] = "false" });
        var client = await factory.CreateReadyClientAsync();

        using var response = await client.GetAsync(new Uri("/admin/account/signin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
        Assert.False(response.Headers.Contains("Referrer-Policy"));
        // A page with a form keeps the antiforgery's own X-Frame-Options (SAMEORIGIN), not the host's DENY.
        Assert.NotEqual("DENY", response.Headers.TryGetValues("X-Frame-Options", out var frame) ? string.Join(",", frame) : null);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : throw new Xunit.Sdk.XunitException($"{name} is missing.");
}

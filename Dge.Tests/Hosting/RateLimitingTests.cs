using System.Net;
using Dge.Api.Access;
using Dge.Api.Hosting;
using Dge.Tests.GraphQL.Http;
using Dge.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.Hosting;

public sealed class RateLimitingTests : IAsyncLifetime
{
    /// <summary>Each caller may send two requests, then one a minute: the third within a test is always refused.</summary>
    private static readonly Dictionary<string, string> TwoThenOneAMinute = new()
    {
        ["Dge:RateLimit:Enabled"] = "true",
        ["Dge:RateLimit:PermitsPerMinute"] = "1",
        ["Dge:RateLimit:Burst"] = "2",
    };

    private DgeAppFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync(), settings: TwoThenOneAMinute);
        await _factory.CreateReadyClientAsync();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Post_CallerOverTheLimit_Answers429WithRetryAfterAndATypedError()
    {
        using var client = ClientFrom("192.0.2.1");
        await UseUpAsync(client);

        using var response = await client.SendAsync(GraphQLHttp.PostQuery(GraphQLHttp.RegionsQuery));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {response.Headers.RetryAfter}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(RateLimitingExtensions.RateLimitedCode, await GraphQLHttp.ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Post_OtherAddress_HasItsOwnLimit()
    {
        using var limited = ClientFrom("192.0.2.1");
        using var other = ClientFrom("192.0.2.2");
        await UseUpAsync(limited);

        using var response = await other.SendAsync(GraphQLHttp.PostQuery(GraphQLHttp.RegionsQuery));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_SameApiKeyFromOtherAddress_SharesItsLimit()
    {
        var key = await NewKeyAsync();
        using var first = ClientFrom("192.0.2.1", token: key);
        using var second = ClientFrom("192.0.2.2", token: key);
        await UseUpAsync(first);

        using var response = await second.SendAsync(GraphQLHttp.PostQuery(GraphQLHttp.RegionsQuery));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task Post_ApiKeyFromAnExhaustedAddress_HasItsOwnBucket()
    {
        using var anonymous = ClientFrom("192.0.2.1");
        using var withKey = ClientFrom("192.0.2.1", token: await NewKeyAsync());
        await UseUpAsync(anonymous);

        using var response = await withKey.SendAsync(GraphQLHttp.PostQuery(GraphQLHttp.RegionsQuery));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_MadeUpKeyPerRequest_IsRefusedAndCountsAgainstTheAddress()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var client = ClientFrom("192.0.2.1", token: $"dge_made-up-{i}");
            using var response = await client.SendAsync(GraphQLHttp.PostQuery(GraphQLHttp.RegionsQuery));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    private async Task<string> NewKeyAsync() =>
        (await _factory.Services.GetRequiredService<ApiKeys>().CreateAsync("rate test", Roles.Reader, null, "tests", CancellationToken.None)).Secret;

    [Theory]
    [InlineData("/GraphQL")]
    [InlineData("/graphql/")]
    public async Task Post_OtherSpellingOfTheEndpoint_IsLimitedToo(string path)
    {
        using var client = ClientFrom("192.0.2.1");
        await UseUpAsync(client);
        using var request = GraphQLHttp.PostQuery(GraphQLHttp.RegionsQuery);
        request.RequestUri = new Uri(path, UriKind.Relative);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task GetReport_CallerOverTheLimit_IsLimitedToo()
    {
        using var client = ClientFrom("192.0.2.7");
        await UseUpAsync(client);

        using var response = await client.GetAsync(new Uri("/reports/annual/KAP-H/2025.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Theory]
    [InlineData("/admin/account/signin")]
    [InlineData("/admin/account/invitation")]
    public async Task PasswordPage_CallerOverTheLimit_IsLimitedToo(string path)
    {
        using var client = ClientFrom("192.0.2.8");
        await UseUpAsync(client);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task OtherAdminAnswers_CallerOverTheLimit_AreNotLimited()
    {
        using var client = ClientFrom("192.0.2.9");
        await UseUpAsync(client);

        using var script = await client.GetAsync(new Uri("/admin/assets/admin.js", UriKind.Relative));
        using var page = await client.GetAsync(new Uri("/admin/status?code=404", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, page.StatusCode);
    }

    [Fact]
    public async Task GetHealthz_CallerOverTheLimit_IsNotLimited()
    {
        using var client = ClientFrom("192.0.2.1");
        await UseUpAsync(client);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    /// <summary>A client whose requests come from <paramref name="address"/>, as a remote caller's would.</summary>
    private HttpClient ClientFrom(string address, string? token = null)
    {
        var client = new HttpClient(_factory.Server.CreateHandler(context => context.Connection.RemoteIpAddress = IPAddress.Parse(address)))
        {
            BaseAddress = _factory.Server.BaseAddress,
        };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Sends the burst the limit allows, each answered normally.</summary>
    private static async Task UseUpAsync(HttpClient client)
    {
        for (var i = 0; i < int.Parse(TwoThenOneAMinute["Dge:RateLimit:Burst"], System.Globalization.CultureInfo.InvariantCulture); i++)
        {
            using var response = await client.SendAsync(GraphQLHttp.PostQuery(GraphQLHttp.RegionsQuery));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.Access;

public sealed class ApiKeyTests(AccessHost host) : IClassFixture<AccessHost>
{
    [Theory]
    [InlineData("dge_unknownunknownunknownunknownunknown0000")]
    [InlineData("not-a-key")]
    [InlineData("")]
    public async Task Request_UnknownKey_Is401AndRunsNothing(string secret)
    {
        using var client = host.Anonymous();
        using var request = PostQuery("{ me { authenticated } }");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {secret}");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Request_OtherAuthorizationScheme_Is401()
    {
        using var client = host.Anonymous();
        using var request = PostQuery("{ me { authenticated } }");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "YWRtaW46YWRtaW4=");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_RevokedKey_Is401()
    {
        var secret = await host.NewKeyAsync(Roles.Reader);
        using var client = host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using (var before = await client.SendAsync(PostQuery("{ me { authenticated } }")))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await using (var db = TestDatabasesOf(host))
        {
            var hash = ApiKeys.Hash(secret);
            await db.ApiKeys.Where(k => k.SecretHash == hash).ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, DateTime.UtcNow));
        }

        using var after = await client.SendAsync(PostQuery("{ me { authenticated } }"));

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Request_ExpiredKey_Is401()
    {
        var secret = await host.NewKeyAsync(Roles.Reader, expiresAt: DateTime.UtcNow.AddSeconds(-1));
        using var client = host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        using var response = await client.SendAsync(PostQuery("{ me { authenticated } }"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_ValidKey_RecordsItsLastUseAndStoresOnlyAHash()
    {
        var secret = await host.NewKeyAsync(Roles.Reader);
        using var client = host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        using var response = await client.SendAsync(PostQuery("{ me { authenticated } }"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = TestDatabasesOf(host);
        var hash = ApiKeys.Hash(secret);
        var key = await db.ApiKeys.SingleAsync(k => k.SecretHash == hash);
        Assert.NotNull(key.LastUsedAt);
        Assert.DoesNotContain(secret, $"{key.Name}{key.Hint}{key.SecretHash}", StringComparison.Ordinal);
        Assert.StartsWith(key.Hint, secret, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_WithABadKey_StillAnswers()
    {
        using var client = host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "dge_nope");

        using var response = await client.GetAsync(new Uri("/healthz/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Dge.Api.Data.DgeDbContext TestDatabasesOf(AccessHost host) =>
        host.Services.GetRequiredService<IDbContextFactory<Dge.Api.Data.DgeDbContext>>().CreateDbContext();
}

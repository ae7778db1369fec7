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
    public async Task Request_KeyRevokedInTheDatabaseBehindTheHost_Is401OnceTheKeyIsCheckedAgain()
    {
        // A key checked a moment ago is trusted for ApiKeys.RecheckAfter; a revocation through the API is seen at once
        // (ApiKeyMutationsTests), one made by hand in the database (or by another host) once that time has passed.
        var clock = new SteppingClock();
        await using var factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync(), configureServices: services => services.AddSingleton<TimeProvider>(clock));
        using var client = await factory.CreateReadyClientAsync();
        var (_, secret) = await factory.Services.GetRequiredService<ApiKeys>().CreateAsync("Hand-revoked", Roles.Reader, null, "test", CancellationToken.None);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using (var before = await client.SendAsync(PostQuery("{ me { authenticated } }")))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await using (var db = factory.Services.GetRequiredService<IDbContextFactory<Dge.Api.Data.DgeDbContext>>().CreateDbContext())
        {
            var hash = ApiKeys.Hash(secret);
            await db.ApiKeys.Where(k => k.SecretHash == hash).ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, DateTime.UtcNow));
        }

        using var withinRecheck = await client.SendAsync(PostQuery("{ me { authenticated } }"));
        clock.Advance(ApiKeys.RecheckAfter);
        using var afterRecheck = await client.SendAsync(PostQuery("{ me { authenticated } }"));

        Assert.Equal(HttpStatusCode.OK, withinRecheck.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRecheck.StatusCode);
    }

    [Fact]
    public async Task Request_KeyThatExpiresWhileRemembered_Is401AtOnce()
    {
        var clock = new SteppingClock();
        await using var factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync(), configureServices: services => services.AddSingleton<TimeProvider>(clock));
        using var client = await factory.CreateReadyClientAsync();
        var (_, secret) = await factory.Services.GetRequiredService<ApiKeys>().CreateAsync("Short-lived", Roles.Reader, clock.GetUtcNow().UtcDateTime.AddSeconds(1), "test", CancellationToken.None);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using (var before = await client.SendAsync(PostQuery("{ me { authenticated } }")))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        clock.Advance(TimeSpan.FromSeconds(2));
        using var expired = await client.SendAsync(PostQuery("{ me { authenticated } }"));

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
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

    /// <summary>The system clock, moved forward by the test: wall time and the timestamp alike.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _offsetTicks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

        public override long GetTimestamp() =>
            System.GetTimestamp() + (long)(Interlocked.Read(ref _offsetTicks) * (System.TimestampFrequency / (double)TimeSpan.TicksPerSecond));

        public override long TimestampFrequency => System.TimestampFrequency;
    }
}

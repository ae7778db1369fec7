using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Api.Data;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.Access;

/// <summary>Admins create and revoke API keys through the API, as the admin shell and a script do.</summary>
public sealed class ApiKeyMutationsTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Create = """
        mutation($input: CreateApiKeyInput!) {
          createApiKey(input: $input) { created { secret apiKey { id name role hint expiresAt } } errors { __typename ... on ValidationError { path code } } }
        }
        """;

    private const string Revoke = """
        mutation($input: RevokeApiKeyInput!) {
          revokeApiKey(input: $input) { apiKey { id revokedAt } errors { __typename ... on ValidationError { path code } } }
        }
        """;

    private static async Task<JsonElement> PayloadAsync(HttpClient client, string document, object input, string field)
    {
        using var response = await client.SendAsync(Post(JsonSerializer.Serialize(new { query = document, variables = new { input } })));
        var json = await JsonAsync(response);
        Assert.False(json.TryGetProperty("errors", out var errors), errors.ToString());
        return json.GetProperty("data").GetProperty(field);
    }

    private HttpClient WithSecret(string secret)
    {
        var client = host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    [Fact]
    public async Task CreateApiKey_AsAdmin_ReturnsTheSecretOnceAndTheKeyActsWithItsRole()
    {
        using var admin = await host.WithKeyAsync(Roles.Admin);

        var created = (await PayloadAsync(admin, Create, new { name = "Frontend build", role = Roles.Editor }, "createApiKey")).GetProperty("created");

        var secret = created.GetProperty("secret").GetString()!;
        Assert.StartsWith(ApiKeys.SecretPrefix, secret, StringComparison.Ordinal);
        Assert.Equal(secret[..10], created.GetProperty("apiKey").GetProperty("hint").GetString());
        using var program = WithSecret(secret);
        using var response = await program.SendAsync(PostQuery("{ me { name roles via } }"));
        var me = (await JsonAsync(response)).GetProperty("data").GetProperty("me");
        Assert.Equal("Frontend build", me.GetProperty("name").GetString());
        Assert.Contains(Roles.Editor, me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.DoesNotContain(Roles.Admin, me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task CreateApiKey_Audited_WithoutTheSecretOrItsHash()
    {
        using var admin = await host.WithKeyAsync(Roles.Admin);

        var created = (await PayloadAsync(admin, Create, new { name = "Analyst notebook", role = Roles.Reader }, "createApiKey")).GetProperty("created");

        var id = created.GetProperty("apiKey").GetProperty("id").GetString()!;
        var secret = created.GetProperty("secret").GetString()!;
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<DgeDbContext>>().CreateDbContextAsync();
        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityId == id);
        Assert.Equal("createApiKey", audit.Operation);
        Assert.Contains("\"name\":\"Analyst notebook\"", audit.After, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, audit.After, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKeys.Hash(secret), audit.After, StringComparison.Ordinal);
        Assert.DoesNotContain("secretHash", audit.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Superuser", null, "role", "UNKNOWN_ROLE")]
    [InlineData("Reader", "2020-01-01T00:00:00Z", "expiresAt", "EXPIRY_IN_PAST")]
    [InlineData(" ", null, "role", "UNKNOWN_ROLE")]
    public async Task CreateApiKey_BadRoleOrExpiry_IsAValidationErrorNamingTheField(string role, string? expiresAt, string field, string code)
    {
        using var admin = await host.WithKeyAsync(Roles.Admin);

        var payload = await PayloadAsync(admin, Create, new { name = "Bad key", role, expiresAt }, "createApiKey");

        var error = Assert.Single(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(["input", field], error.GetProperty("path").EnumerateArray().Select(p => p.GetString()!).ToArray());
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("created").ValueKind);
    }

    [Fact]
    public async Task RevokeApiKey_RefusesTheKeyFromThenOnAndOnlyOnce()
    {
        using var admin = await host.WithKeyAsync(Roles.Admin);
        var created = (await PayloadAsync(admin, Create, new { name = "Leaked key", role = Roles.Reader }, "createApiKey")).GetProperty("created");
        var id = created.GetProperty("apiKey").GetProperty("id").GetString()!;
        using var leaked = WithSecret(created.GetProperty("secret").GetString()!);
        using (var before = await leaked.SendAsync(PostQuery("{ me { name } }")))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var revoked = await PayloadAsync(admin, Revoke, new { id }, "revokeApiKey");
        var again = await PayloadAsync(admin, Revoke, new { id }, "revokeApiKey");

        Assert.NotEqual(JsonValueKind.Null, revoked.GetProperty("apiKey").GetProperty("revokedAt").ValueKind);
        using var after = await leaked.SendAsync(PostQuery("{ me { name } }"));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("ALREADY_REVOKED", Assert.Single(again.GetProperty("errors").EnumerateArray()).GetProperty("code").GetString());
    }
}

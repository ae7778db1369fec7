using System.Net;
using System.Net.Http.Json;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.Access;

public sealed class SignInTests(AccessHost host) : IClassFixture<AccessHost>
{
    [Fact]
    public async Task SignIn_ConfiguredAdmin_GetsAStrictHttpOnlyCookieAndTheAdminRole()
    {
        using var client = host.Anonymous();

        using var response = await client.PostAsJsonAsync("/account/signin", new { email = AccessHost.AdminEmail, password = AccessHost.AdminPassword });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AccessServiceCollectionExtensions.CookieName, StringComparison.Ordinal));
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        using var me = await client.SendAsync(PostQuery("{ me { name roles } }"));
        Assert.Contains(Roles.Admin, (await JsonAsync(me)).GetProperty("data").GetProperty("me").GetProperty("roles").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountEvenForTheRightOne()
    {
        using var reader = await host.SignedInAsync(Roles.Reader);
        var email = (await JsonAsync(await reader.SendAsync(PostQuery("{ me { name } }")))).GetProperty("data").GetProperty("me").GetProperty("name").GetString();
        using var client = host.Anonymous();
        for (var i = 0; i < 4; i++)
        {
            using var wrong = await client.PostAsJsonAsync("/account/signin", new { email, password = "wrong-password-123" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var fifth = await client.PostAsJsonAsync("/account/signin", new { email, password = "wrong-password-123" });
        using var right = await client.PostAsJsonAsync("/account/signin", new { email, password = AccessHost.UserPassword });

        Assert.Equal(HttpStatusCode.Locked, fifth.StatusCode);
        Assert.Equal(HttpStatusCode.Locked, right.StatusCode);
        Assert.Equal("ACCOUNT_LOCKED", await ErrorCodeAsync(right));
    }

    [Fact]
    public async Task SignIn_Form_IsRefused()
    {
        using var client = host.Anonymous();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = AccessHost.AdminEmail, ["password"] = AccessHost.AdminPassword });

        using var response = await client.PostAsync(new Uri("/account/signin", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task SignOut_SignedIn_EndsTheSession()
    {
        using var client = await host.SignedInAsync(Roles.Reader);

        using var signOut = await client.PostAsync(new Uri("/account/signout", UriKind.Relative), null);
        using var me = await client.SendAsync(PostQuery("{ me { authenticated } }"));

        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.False((await JsonAsync(me)).GetProperty("data").GetProperty("me").GetProperty("authenticated").GetBoolean());
    }

    [Theory]
    [InlineData("https://evil.example", null)]
    [InlineData(null, "cross-site")]
    public async Task GraphQL_SignedInRequestFromAnotherSite_IsRefusedBeforeItRuns(string? origin, string? fetchSite)
    {
        using var client = await host.SignedInAsync(Roles.Admin);
        using var request = PostQuery("{ me { name } }");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("CROSS_SITE_REQUEST", await ErrorCodeAsync(response));
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "query=mutation+%7B+__typename+%7D")]
    [InlineData("text/plain", "{\"query\":\"mutation { __typename }\"}")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"query\"\r\n\r\nmutation { __typename }\r\n--x--\r\n")]
    public async Task GraphQL_SignedInFormPost_CannotRunAMutation(string contentType, string body)
    {
        using var client = await host.SignedInAsync(Roles.Admin);

        using var response = await client.SendAsync(Post(body, contentType: contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.DoesNotContain("\"data\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GraphQL_SignedInSameSiteRequest_Runs(bool sendsOrigin)
    {
        using var client = await host.SignedInAsync(Roles.Reader);
        using var request = PostQuery("{ me { authenticated } }");
        // Chromium sends "Origin: null" from a page with Referrer-Policy: no-referrer; Sec-Fetch-Site still says same-origin.
        request.Headers.Add("Origin", sendsOrigin ? client.BaseAddress!.GetLeftPart(UriPartial.Authority) : "null");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("data").GetProperty("me").GetProperty("authenticated").GetBoolean());
    }
}

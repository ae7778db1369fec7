using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.ApiKeys;

/// <summary>The API key page: admins only; a new key's secret shown once and usable; errors on their fields; revocation.</summary>
public sealed class IndexTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Path = "/admin/apikeys";

    private static int _lastName;

    private static string NewName() => $"Portal {Interlocked.Increment(ref _lastName)}";

    private static Task<HttpResponseMessage> CreateAsync(HttpClient admin, AngleSharp.Html.Dom.IHtmlDocument page, string name, string role = Roles.Reader, string expiresAt = "") =>
        admin.PostFormAsync(page, $"{Path}?handler=Create", [new("Input.Name", name), new("Input.Role", role), new("Input.ExpiresAt", expiresAt)]);

    private async Task<HttpStatusCode> MeStatusAsync(string secret)
    {
        var client = host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await client.PostAsJsonAsync("/graphql", new { query = "{ me { name } }" });
        return response.StatusCode;
    }

    [Theory]
    [InlineData(Roles.Reader)]
    [InlineData(Roles.Editor)]
    public async Task Page_BelowAdmin_Answers403AndTheMenuHidesIt(string role)
    {
        var browser = await host.SignedInAsync(role);

        using var response = await browser.GetAsync(new Uri(Path, UriKind.Relative));
        var home = await browser.PageAsync("/admin");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(home.QuerySelectorAll("nav a"), a => a.GetAttribute("href") == Path);
    }

    [Fact]
    public async Task Create_PostedByAReader_Answers403AndMakesNoKey()
    {
        var admin = await host.SignedInAsync(Roles.Admin);
        var reader = await host.SignedInAsync(Roles.Reader);
        var readerPage = await reader.PageAsync("/admin/account/signin");
        var name = NewName();

        using var response = await CreateAsync(reader, readerPage, name);
        var list = await admin.PageAsync(Path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(list.QuerySelectorAll("#api-keys tbody td:first-child"), td => td.TextContent == name);
    }

    [Fact]
    public async Task Create_Valid_ShowsTheSecretOnceAndTheKeyWorks()
    {
        var admin = await host.SignedInAsync(Roles.Admin);
        var page = await admin.PageAsync(Path);
        var name = NewName();

        using var response = await CreateAsync(admin, page, name, Roles.Editor, "2031-01-01");
        var result = await response.DocumentAsync();
        var secret = result.QuerySelector("input.secret-value")?.GetAttribute("value");
        var later = await admin.PageAsync(Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("dge_", secret, StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Contains(result.QuerySelectorAll("#api-keys tbody tr"), row => row.QuerySelector("td")?.TextContent == name);
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(secret!));
        Assert.Null(later.QuerySelector("input.secret-value"));
        Assert.DoesNotContain(secret!, later.Source.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_EmptyName_ShowsTheErrorAtTheFieldAndMakesNoKey()
    {
        var admin = await host.SignedInAsync(Roles.Admin);
        var page = await admin.PageAsync(Path);
        var rows = page.QuerySelectorAll("#api-keys tbody tr").Length;

        using var response = await CreateAsync(admin, page, "   ");
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Giv nøglen et navn, fx programmet eller teamet.", result.QuerySelector("[data-valmsg-for='Input.Name']")?.TextContent);
        Assert.Null(result.QuerySelector("input.secret-value"));
        Assert.Equal(rows, result.QuerySelectorAll("#api-keys tbody tr").Length);
    }

    [Fact]
    public async Task Create_ExpiryInThePast_ShowsTheApisErrorAtTheFieldAndKeepsTheInput()
    {
        var admin = await host.SignedInAsync(Roles.Admin);
        var page = await admin.PageAsync(Path);
        var name = NewName();

        using var response = await CreateAsync(admin, page, name, Roles.Admin, "2020-01-01");
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("expiresAt must lie in the future.", result.QuerySelector("[data-valmsg-for='Input.ExpiresAt']")?.TextContent);
        Assert.Contains("expiresAt must lie in the future.", result.QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(name, result.QuerySelector("input[name='Input.Name']")?.GetAttribute("value"));
        Assert.Equal("selected", result.QuerySelector("select[name='Input.Role'] option[value=Admin]")?.GetAttribute("selected"));
    }

    [Fact]
    public async Task Revoke_Key_SaysSoAndTheKeyIsRefused()
    {
        var admin = await host.SignedInAsync(Roles.Admin);
        var page = await admin.PageAsync(Path);
        var name = NewName();
        using var created = await CreateAsync(admin, page, name);
        var withKey = await created.DocumentAsync();
        var secret = withKey.QuerySelector("input.secret-value")!.GetAttribute("value")!;
        var row = withKey.QuerySelectorAll("#api-keys tbody tr").Single(r => r.QuerySelector("td")?.TextContent == name);

        using var response = await admin.PostFormAsync(withKey, $"{Path}?handler=Revoke", [new("id", row.GetAttribute("data-key")!), new("name", name)]);
        var after = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"API-nøglen »{name}« er tilbagekaldt og afvises fra nu af.", after.QuerySelector("p.status")?.TextContent);
        Assert.Equal("Tilbagekaldt", after.QuerySelector($"#api-keys tr[data-key='{row.GetAttribute("data-key")}'] td.state")?.TextContent);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(secret));
    }

    [Fact]
    public async Task List_KeyUsed_ShowsItsLastUse()
    {
        var admin = await host.SignedInAsync(Roles.Admin);
        var secret = await host.NewKeyAsync(Roles.Reader);
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(secret));

        var list = await admin.PageAsync(Path);

        Assert.Contains(list.QuerySelectorAll("#api-keys td.last-used"), td => td.TextContent.EndsWith(" UTC", StringComparison.Ordinal));
    }
}

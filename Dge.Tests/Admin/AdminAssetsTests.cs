using System.Net;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin;

/// <summary>The pages' script, served from the admin assembly (the Content-Security-Policy allows no inline script).</summary>
public sealed class AdminAssetsTests(AccessHost host) : IClassFixture<AccessHost>
{
    [Fact]
    public async Task Script_IsServedToAnyoneAsJavaScriptAndCached()
    {
        using var client = host.Anonymous();

        using var response = await client.GetAsync(new Uri("/admin/assets/admin.js", UriKind.Relative));
        var script = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("enhancePicker", script, StringComparison.Ordinal);
        Assert.Equal("public, max-age=3600", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("/admin/assets/missing.js")]
    [InlineData("/admin/assets/admin.exe")]
    [InlineData("/admin/assets/..%2FIndex.cshtml")]
    [InlineData("/admin/assets/Dge.Admin.Areas.Admin.Pages.Users.AdminUsers.graphql")]
    public async Task Other_Names_Answer404(string path)
    {
        using var client = host.Anonymous();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Layout_LoadsTheScriptFromItsOwnOrigin()
    {
        using var client = host.Anonymous();

        var page = await client.PageAsync("/admin/account/signin");

        Assert.Equal("/admin/assets/admin.js", page.QuerySelector("head script")?.GetAttribute("src"));
    }
}

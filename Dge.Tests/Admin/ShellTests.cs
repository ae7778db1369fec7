using System.Net;
using AngleSharp.Html.Parser;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin;

public sealed class ShellTests
{
    [Fact]
    public async Task Admin_Get_RendersTheShellWithNavigation()
    {
        await using var factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync());
        (await factory.CreateReadyClientAsync()).Dispose();
        var client = await factory.SignedInClientAsync(Roles.Reader);

        using var response = await client.GetAsync(new Uri("/admin", UriKind.Relative));
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("DgeGraph admin", document.QuerySelector("header .brand")?.TextContent);
        Assert.Contains(document.QuerySelectorAll("nav a"), a => a.GetAttribute("href") == "/graphql/");
    }

    [Fact]
    public async Task ApiPath_Unknown_Answers404WithoutTheShellsPage()
    {
        await using var factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync());
        var client = await factory.CreateReadyClientAsync();

        using var response = await client.GetAsync(new Uri("/findes-ikke", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }
}

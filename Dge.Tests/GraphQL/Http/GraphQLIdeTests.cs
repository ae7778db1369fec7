using System.Net;
using System.Text.RegularExpressions;
using Dge.Api.GraphQL.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.GraphQL.Http;

public sealed partial class GraphQLIdeTests(ReferenceOnlyHost host) : IClassFixture<ReferenceOnlyHost>
{
    private HttpClient Client => host.Client;

    [Fact]
    public async Task Get_IdePage_ServesBananaCakePop()
    {
        AssertIdeInstalled();

        using var response = await Client.GetAsync(new Uri("/graphql/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Banana Cake Pop</title>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_IdePage_ReferencesOnlyItsOwnFilesAndAllAreServed()
    {
        AssertIdeInstalled();
        var index = await Client.GetStringAsync(new Uri("/graphql/", UriKind.Relative));

        var references = AssetReference().Matches(index).Select(match => match.Groups["url"].Value).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.False(Uri.TryCreate(reference, UriKind.Absolute, out _), $"{reference} leaves the host"));
        foreach (var reference in references)
        {
            using var response = await Client.GetAsync(new Uri(new Uri("http://localhost/graphql/"), reference));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{reference}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Get_IdeLicence_IsServedAsText()
    {
        AssertIdeInstalled();

        using var response = await Client.GetAsync(new Uri("/graphql/LICENSE", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ChilliCream License", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_BcpConfig_PointsTheIdeAtTheEndpointWithoutTelemetry()
    {
        using var response = await Client.GetAsync(new Uri("/graphql/bcp-config.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var config = await GraphQLHttp.JsonAsync(response);
        Assert.Equal("/graphql", config.GetProperty("endpoint").GetString());
        Assert.True(config.GetProperty("useBrowserUrlAsEndpoint").GetBoolean());
        Assert.True(config.GetProperty("disableTelemetry").GetBoolean());
    }

    [Fact]
    public async Task WriteIndex_PackageNotInstalled_Answers404WithHowToInstall()
    {
        var ide = new GraphQLIde(Path.Combine(Path.GetTempPath(), $"no-ide-{Guid.NewGuid():N}"));
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;

        await ide.WriteIndexAsync(context);

        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
        Assert.StartsWith("text/html", context.Response.ContentType, StringComparison.Ordinal);
        var page = System.Text.Encoding.UTF8.GetString(body.ToArray());
        Assert.Contains("npm ci", page, StringComparison.Ordinal);
        Assert.Contains("Dge.Api/GraphQL/Ide", page, StringComparison.Ordinal);
    }

    /// <summary>The build installs the IDE with npm (CI has it); without it these tests cannot say anything.</summary>
    private void AssertIdeInstalled()
    {
        var ide = GraphQLIde.Locate(host.Factory.Services.GetRequiredService<IWebHostEnvironment>());
        Assert.True(ide.IsInstalled, $"The IDE package is not installed at {ide.PackageDirectory}: build with npm on the PATH, or run npm ci in Dge.Api/GraphQL/Ide.");
    }

    [GeneratedRegex("(?:src|href)=\"(?<url>[^\"]+)\"")]
    private static partial Regex AssetReference();
}

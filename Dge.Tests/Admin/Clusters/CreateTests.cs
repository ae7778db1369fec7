using System.Net;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Clusters;

/// <summary>A new cluster: created through the form and sent to its page; errors next to their fields with the input kept; editors only.</summary>
public sealed class CreateTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Path = "/admin/clusters/create";

    private static Dictionary<string, string> Fields(string name, string regionId, string municipalityId) => new()
    {
        ["Input.Name"] = name,
        ["Input.RegionId"] = regionId,
        ["Input.MunicipalityId"] = municipalityId,
    };

    [Fact]
    public async Task Create_Valid_RedirectsToTheClusterWithAStatusAndTheApiHasIt()
    {
        var (regionId, municipalityId, _) = await host.RegionAsync();
        var editor = await host.NoRedirectAsync(Roles.Editor);
        var form = await editor.PageAsync(Path);
        var name = ClusterData.NewName();

        using var response = await editor.PostFormAsync(form, Path, Fields(name, regionId, municipalityId));
        var cluster = (await host.DataAsync($"{{ qualityClusters(where: {{ name: {{ eq: \"{name}\" }} }}) {{ nodes {{ id region {{ id }} municipality {{ id }} }} }} }}"))
            .GetProperty("qualityClusters").GetProperty("nodes")[0];
        var list = await editor.PageAsync("/admin/clusters");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ClusterData.Page(cluster.GetProperty("id").GetString()!), response.Headers.Location?.ToString());
        Assert.Equal(regionId, cluster.GetProperty("region").GetProperty("id").GetString());
        Assert.Equal(municipalityId, cluster.GetProperty("municipality").GetProperty("id").GetString());
        Assert.Equal($"Klyngen {name} er oprettet.", list.QuerySelector("p.status")?.TextContent);
    }

    [Fact]
    public async Task Create_NoName_ShowsTheErrorNextToTheNameKeepingTheChoices()
    {
        var (regionId, municipalityId, _) = await host.RegionAsync();
        var editor = await host.SignedInAsync(Roles.Editor);
        var form = await editor.PageAsync(Path);

        using var response = await editor.PostFormAsync(form, Path, Fields("", regionId, municipalityId));
        var page = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Skriv klyngens navn.", page.QuerySelector("[data-valmsg-for='Input.Name']")?.TextContent);
        Assert.Equal(regionId, page.QuerySelector("#Input_RegionId option[selected]")?.GetAttribute("value"));
        Assert.Equal(municipalityId, page.QuerySelector("#Input_MunicipalityId option[selected]")?.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector(".validation-summary-errors"));
    }

    [Fact]
    public async Task Create_MunicipalityOfAnotherRegion_ShowsTheApisErrorNextToTheMunicipality()
    {
        var (regionId, _, _) = await host.RegionAsync();
        var foreign = await host.ForeignMunicipalityAsync();
        var editor = await host.SignedInAsync(Roles.Editor);
        var form = await editor.PageAsync(Path);
        var name = ClusterData.NewName();

        using var response = await editor.PostFormAsync(form, Path, Fields(name, regionId, foreign));
        var page = await response.DocumentAsync();
        var made = (await host.DataAsync($"{{ qualityClusters(where: {{ name: {{ eq: \"{name}\" }} }}) {{ totalCount }} }}")).GetProperty("qualityClusters").GetProperty("totalCount").GetInt32();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("København", page.QuerySelector("[data-valmsg-for='Input.MunicipalityId']")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(name, page.QuerySelector("#Input_Name")?.GetAttribute("value"));
        Assert.Equal(0, made);
    }

    [Fact]
    public async Task Form_HasAntiforgeryAndALabelOnEveryControl()
    {
        var editor = await host.SignedInAsync(Roles.Editor);

        var page = await editor.PageAsync(Path);

        Assert.NotNull(page.QuerySelector("form[method=post] input[name=__RequestVerificationToken]"));
        Assert.All(page.QuerySelectorAll("form[method=post] input:not([type=hidden]), form[method=post] select"), control =>
            Assert.NotNull(page.QuerySelector($"label[for='{control.Id}']")));
    }

    [Fact]
    public async Task Create_Reader_GetsA403ForThePageAndThePost()
    {
        var (regionId, municipalityId, _) = await host.RegionAsync();
        var reader = await host.SignedInAsync(Roles.Reader);
        var token = await reader.PageAsync("/admin/account/signin");

        using var get = await reader.GetAsync(new Uri(Path, UriKind.Relative));
        using var post = await reader.PostFormAsync(token, Path, Fields(ClusterData.NewName(), regionId, municipalityId));

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }
}

using System.Net;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Clusters;

/// <summary>Adopting a cluster package: recorded and sent to the cluster's page; overlaps and missing choices shown at their fields; editors only.</summary>
public sealed class AdoptPackageTests(AccessHost host) : IClassFixture<AccessHost>
{
    private static string Path(string clusterId) => $"{ClusterData.Page(clusterId)}/packages/adopt";

    private static Dictionary<string, string> Fields(string materialId, string from, string to = "") => new()
    {
        ["Input.MaterialId"] = materialId,
        ["Input.From"] = from,
        ["Input.To"] = to,
    };

    [Fact]
    public async Task Adopt_Valid_RedirectsToTheClusterAndTheApiHasTheAdoption()
    {
        var cluster = await host.NewClusterAsync();
        var package = (await host.PackagesAsync())[0];
        var editor = await host.NoRedirectAsync(Roles.Editor);
        var form = await editor.PageAsync(Path(cluster.Id));

        using var response = await editor.PostFormAsync(form, Path(cluster.Id), Fields(package, "2026-02-01", "2027-02-01"));
        var adoptions = (await host.NodeAsync(cluster.Id, "... on QualityCluster { packageAdoptions { nodes { from to package { id } } } }")).GetProperty("packageAdoptions").GetProperty("nodes");

        Assert.Equal(60, form.QuerySelectorAll("#Input_MaterialId option[value]:not([value=''])").Length);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ClusterData.Page(cluster.Id), response.Headers.Location?.ToString());
        Assert.Equal(1, adoptions.GetArrayLength());
        Assert.Equal(package, adoptions[0].GetProperty("package").GetProperty("id").GetString());
        Assert.Equal("2026-02-01", adoptions[0].GetProperty("from").GetString());
        Assert.Equal("2027-02-01", adoptions[0].GetProperty("to").GetString());
    }

    [Fact]
    public async Task Adopt_OverlappingTheRunningAdoption_ShowsTheErrorAtFromKeepingTheChoice()
    {
        var cluster = await host.NewClusterAsync();
        var package = (await host.PackagesAsync())[0];
        await host.AdoptAsync(cluster.Id, package, "2025-01-01");
        var editor = await host.SignedInAsync(Roles.Editor);
        var form = await editor.PageAsync(Path(cluster.Id));

        using var response = await editor.PostFormAsync(form, Path(cluster.Id), Fields(package, "2026-01-01"));
        var page = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("2025-01-01", page.QuerySelector("[data-valmsg-for='Input.From']")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(package, page.QuerySelector("#Input_MaterialId option[selected]")?.GetAttribute("value"));
        Assert.Equal("2026-01-01", page.QuerySelector("#Input_From")?.GetAttribute("value"));
        Assert.Equal(1, page.QuerySelectorAll("#adoptions tbody tr").Length);
        Assert.EndsWith("/end", page.QuerySelector("#adoptions tbody a[href$='/end']")?.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adopt_NoPackage_ShowsTheErrorNextToThePackage()
    {
        var cluster = await host.NewClusterAsync();
        var editor = await host.SignedInAsync(Roles.Editor);
        var form = await editor.PageAsync(Path(cluster.Id));

        using var response = await editor.PostFormAsync(form, Path(cluster.Id), Fields("", "2026-01-01"));
        var page = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Vælg klyngepakken.", page.QuerySelector("[data-valmsg-for='Input.MaterialId']")?.TextContent);
    }

    [Fact]
    public async Task Adopt_MaterialThatIsNoClusterPackage_ShowsTheApisErrorNextToThePackage()
    {
        var cluster = await host.NewClusterAsync();
        var module = (await host.DataAsync("{ learningMaterials(where: { kind: { eq: MODULE } }, first: 1) { nodes { id } } }")).GetProperty("learningMaterials").Strings("id")[0];
        var editor = await host.SignedInAsync(Roles.Editor);
        var form = await editor.PageAsync(Path(cluster.Id));

        using var response = await editor.PostFormAsync(form, Path(cluster.Id), Fields(module, "2026-01-01"));
        var page = await response.DocumentAsync();

        Assert.Contains("CLUSTER_PACKAGE", page.QuerySelector("[data-valmsg-for='Input.MaterialId']")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adopt_Reader_GetsA403ForThePageAndThePost()
    {
        var cluster = await host.NewClusterAsync();
        var package = (await host.PackagesAsync())[0];
        var reader = await host.SignedInAsync(Roles.Reader);
        var token = await reader.PageAsync("/admin/account/signin");

        using var get = await reader.GetAsync(new Uri(Path(cluster.Id), UriKind.Relative));
        using var post = await reader.PostFormAsync(token, Path(cluster.Id), Fields(package, "2026-01-01"));
        var adoptions = (await host.NodeAsync(cluster.Id, "... on QualityCluster { packageAdoptions { totalCount } }")).GetProperty("packageAdoptions").GetProperty("totalCount").GetInt32();

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(0, adoptions);
    }

    [Fact]
    public async Task Adopt_IdOfNoCluster_Answers404()
    {
        var editor = await host.SignedInAsync(Roles.Editor);

        using var response = await editor.GetAsync(new Uri(Path("UXVhbGl0eUNsdXN0ZXI6OTk5OTk="), UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

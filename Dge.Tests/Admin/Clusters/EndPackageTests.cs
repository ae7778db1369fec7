using System.Net;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Clusters;

/// <summary>Ending a cluster package: recorded and sent to the cluster's page; a stale version shows the conflict box; editors only.</summary>
public sealed class EndPackageTests(AccessHost host) : IClassFixture<AccessHost>
{
    private static string Path(string clusterId, string adoptionId) => $"{ClusterData.Page(clusterId)}/packages/{Uri.EscapeDataString(adoptionId)}/end";

    private static Dictionary<string, string> Fields(string to, int version) => new()
    {
        ["Input.To"] = to,
        ["Input.ExpectedVersion"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private async Task<(ClusterData.Cluster Cluster, string AdoptionId, int Version)> RunningAdoptionAsync()
    {
        var cluster = await host.NewClusterAsync();
        var (id, version) = await host.AdoptAsync(cluster.Id, (await host.PackagesAsync())[1], "2025-01-01");
        return (cluster, id, version);
    }

    [Fact]
    public async Task End_Valid_RedirectsToTheClusterAndTheApiHasTheEnd()
    {
        var (cluster, adoptionId, version) = await RunningAdoptionAsync();
        var editor = await host.NoRedirectAsync(Roles.Editor);
        var form = await editor.PageAsync(Path(cluster.Id, adoptionId));

        using var response = await editor.PostFormAsync(form, Path(cluster.Id, adoptionId), Fields("2026-06-01", version));
        var adoption = await host.NodeAsync(adoptionId, "... on ClusterPackageAdoption { to }");

        Assert.Equal("Løbende", form.QuerySelector("#adoption-to")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ClusterData.Page(cluster.Id), response.Headers.Location?.ToString());
        Assert.Equal("2026-06-01", adoption.GetProperty("to").GetString());
    }

    [Fact]
    public async Task End_BeforeTheStart_ShowsTheErrorNextToTheDateKeepingIt()
    {
        var (cluster, adoptionId, version) = await RunningAdoptionAsync();
        var editor = await host.SignedInAsync(Roles.Editor);
        var form = await editor.PageAsync(Path(cluster.Id, adoptionId));

        using var response = await editor.PostFormAsync(form, Path(cluster.Id, adoptionId), Fields("2024-01-01", version));
        var page = await response.DocumentAsync();
        var adoption = await host.NodeAsync(adoptionId, "... on ClusterPackageAdoption { to }");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(page.QuerySelector("[data-valmsg-for='Input.To']")?.TextContent ?? "");
        Assert.Equal("2024-01-01", page.QuerySelector("#Input_To")?.GetAttribute("value"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, adoption.GetProperty("to").ValueKind);
    }

    [Fact]
    public async Task End_StaleVersion_ShowsTheConflictBoxWithBothEnds()
    {
        var (cluster, adoptionId, version) = await RunningAdoptionAsync();
        var editor = await host.SignedInAsync(Roles.Editor);
        var form = await editor.PageAsync(Path(cluster.Id, adoptionId));
        await host.DataAsync($"mutation {{ endClusterPackage(input: {{ id: \"{adoptionId}\", expectedVersion: {version}, to: \"2026-03-01\" }}) {{ adoption {{ version }} }} }}");

        using var response = await editor.PostFormAsync(form, Path(cluster.Id, adoptionId), Fields("2026-06-01", version));
        var page = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Klyngepakkens periode er ændret af en anden, mens du redigerede.", page.QuerySelector(".conflict strong")?.TextContent);
        Assert.Equal(["Til (ekskl.)", "2026-06-01", "2026-03-01"], page.QuerySelectorAll("#conflict-fields tbody td").Select(td => td.TextContent));
        Assert.Equal("2026-06-01", page.QuerySelector("#Input_To")?.GetAttribute("value"));
        Assert.Equal((version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("#Input_ExpectedVersion")?.GetAttribute("value"));
    }

    [Fact]
    public async Task End_AdoptionOfAnotherCluster_Answers404()
    {
        var (_, adoptionId, _) = await RunningAdoptionAsync();
        var other = await host.NewClusterAsync();
        var editor = await host.SignedInAsync(Roles.Editor);

        using var response = await editor.GetAsync(new Uri(Path(other.Id, adoptionId), UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task End_Reader_GetsA403ForThePageAndThePost()
    {
        var (cluster, adoptionId, version) = await RunningAdoptionAsync();
        var reader = await host.SignedInAsync(Roles.Reader);
        var token = await reader.PageAsync("/admin/account/signin");

        using var get = await reader.GetAsync(new Uri(Path(cluster.Id, adoptionId), UriKind.Relative));
        using var post = await reader.PostFormAsync(token, Path(cluster.Id, adoptionId), Fields("2026-06-01", version));
        var adoption = await host.NodeAsync(adoptionId, "... on ClusterPackageAdoption { to }");

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, adoption.GetProperty("to").ValueKind);
    }
}

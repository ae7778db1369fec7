using System.Net;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Clusters;

/// <summary>Editing a cluster: saved and sent to its page; a stale version shows the conflict box keeping the input; editors only.</summary>
public sealed class EditTests(AccessHost host) : IClassFixture<AccessHost>
{
    private static string Path(ClusterData.Cluster cluster) => $"{ClusterData.Page(cluster.Id)}/edit";

    private static Dictionary<string, string> Fields(string name, string municipalityId, int version) => new()
    {
        ["Input.Name"] = name,
        ["Input.MunicipalityId"] = municipalityId,
        ["Input.ExpectedVersion"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Edit_Valid_RedirectsToTheClusterAndTheApiHasTheChange()
    {
        var cluster = await host.NewClusterAsync();
        var editor = await host.NoRedirectAsync(Roles.Editor);
        var form = await editor.PageAsync(Path(cluster));
        var name = ClusterData.NewName();

        using var response = await editor.PostFormAsync(form, Path(cluster), Fields(name, cluster.OtherMunicipalityId, cluster.Version));
        var saved = await host.NodeAsync(cluster.Id, "... on QualityCluster { name version municipality { id } }");

        Assert.Equal(cluster.Name, form.QuerySelector("#Input_Name")?.GetAttribute("value"));
        Assert.Equal(cluster.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), form.QuerySelector("#Input_ExpectedVersion")?.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ClusterData.Page(cluster.Id), response.Headers.Location?.ToString());
        Assert.Equal(name, saved.GetProperty("name").GetString());
        Assert.Equal(cluster.OtherMunicipalityId, saved.GetProperty("municipality").GetProperty("id").GetString());
        Assert.Equal(cluster.Version + 1, saved.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Edit_NameOnly_RenamesKeepingTheMunicipality()
    {
        var cluster = await host.NewClusterAsync();
        var editor = await host.NoRedirectAsync(Roles.Editor);
        var form = await editor.PageAsync(Path(cluster));
        var name = ClusterData.NewName();

        using var response = await editor.PostFormAsync(form, Path(cluster), Fields(name, cluster.MunicipalityId, cluster.Version));
        var saved = await host.NodeAsync(cluster.Id, "... on QualityCluster { name municipality { id } }");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(name, saved.GetProperty("name").GetString());
        Assert.Equal(cluster.MunicipalityId, saved.GetProperty("municipality").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Edit_StaleVersion_ShowsTheConflictBoxKeepsTheInputAndSavingAgainOverwrites()
    {
        var cluster = await host.NewClusterAsync();
        var editor = await host.NoRedirectAsync(Roles.Editor);
        var form = await editor.PageAsync(Path(cluster));
        var theirs = ClusterData.NewName();
        await host.DataAsync($"mutation {{ updateCluster(input: {{ id: \"{cluster.Id}\", expectedVersion: {cluster.Version}, name: \"{theirs}\" }}) {{ cluster {{ version }} }} }}");
        var mine = ClusterData.NewName();

        using var response = await editor.PostFormAsync(form, Path(cluster), Fields(mine, cluster.MunicipalityId, cluster.Version));
        var page = await response.DocumentAsync();
        using var again = await editor.PostFormAsync(page, Path(cluster), Fields(mine, cluster.MunicipalityId, int.Parse(page.QuerySelector("#Input_ExpectedVersion")!.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture)));
        var saved = await host.NodeAsync(cluster.Id, "... on QualityCluster { name }");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Klyngen er ændret af en anden, mens du redigerede.", page.QuerySelector(".conflict strong")?.TextContent);
        Assert.Equal(["Navn", mine, theirs], page.QuerySelectorAll("#conflict-fields tbody td").Select(td => td.TextContent));
        Assert.Equal(mine, page.QuerySelector("#Input_Name")?.GetAttribute("value"));
        Assert.Equal((cluster.Version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("#Input_ExpectedVersion")?.GetAttribute("value"));
        Assert.Equal(Path(cluster), page.QuerySelector(".conflict a")?.GetAttribute("href"));
        Assert.Equal("Genindlæs", page.QuerySelector(".conflict a")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(mine, saved.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Edit_NameOfAnotherCluster_ShowsTheErrorNextToTheName()
    {
        var cluster = await host.NewClusterAsync();
        var other = await host.NewClusterAsync();
        var editor = await host.SignedInAsync(Roles.Editor);
        var form = await editor.PageAsync(Path(cluster));

        using var response = await editor.PostFormAsync(form, Path(cluster), Fields(other.Name, cluster.MunicipalityId, cluster.Version));
        var page = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(other.Name, page.QuerySelector("[data-valmsg-for='Input.Name']")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(other.Name, page.QuerySelector("#Input_Name")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Form_OffersOnlyTheRegionsMunicipalities()
    {
        var cluster = await host.NewClusterAsync();
        var foreign = await host.ForeignMunicipalityAsync();
        var editor = await host.SignedInAsync(Roles.Editor);

        var page = await editor.PageAsync(Path(cluster));

        Assert.Equal(cluster.MunicipalityId, page.QuerySelector("#Input_MunicipalityId option[selected]")?.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector($"#Input_MunicipalityId option[value='{cluster.OtherMunicipalityId}']"));
        Assert.Null(page.QuerySelector($"#Input_MunicipalityId option[value='{foreign}']"));
    }

    [Fact]
    public async Task Edit_Reader_GetsA403ForThePageAndThePost()
    {
        var cluster = await host.NewClusterAsync();
        var reader = await host.SignedInAsync(Roles.Reader);
        var token = await reader.PageAsync("/admin/account/signin");

        using var get = await reader.GetAsync(new Uri(Path(cluster), UriKind.Relative));
        using var post = await reader.PostFormAsync(token, Path(cluster), Fields(ClusterData.NewName(), cluster.MunicipalityId, cluster.Version));
        var saved = await host.NodeAsync(cluster.Id, "... on QualityCluster { name }");

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(cluster.Name, saved.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("UXVhbGl0eUNsdXN0ZXI6OTk5OTk=")]
    [InlineData("UmVnaW9uOjE=")]
    public async Task Edit_IdOfNoCluster_Answers404(string id)
    {
        var editor = await host.SignedInAsync(Roles.Editor);

        using var response = await editor.GetAsync(new Uri($"/admin/clusters/{id}/edit", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

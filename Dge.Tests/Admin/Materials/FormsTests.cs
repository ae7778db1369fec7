using System.Net;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using static Dge.Tests.Admin.Materials.CatalogData;

namespace Dge.Tests.Admin.Materials;

/// <summary>The material's forms: create, edit (with the conflict of a stale edit) and retire, each through the API's mutation.</summary>
public sealed class FormsTests(AccessHost host) : IClassFixture<AccessHost>
{
    private readonly CatalogData data = new(host);

    private static string MaterialPath(string id) => $"/admin/materials/{Uri.EscapeDataString(id)}";

    private Task<JsonElement> MaterialAsync(string id) =>
        data.NodeAsync(id, "... on LearningMaterial { title kind publisher url retiredOn version themes { nodes { id } } intendedFor { nodes { kind } } }");

    [Fact]
    public async Task Create_Valid_CreatesTheMaterialWithItsThemesAndTargetGroups()
    {
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync("/admin/materials/create");
        var theme = page.QuerySelector("#themes input[type=checkbox]")!.GetAttribute("value")!;
        var title = Unique("Nyt modul");

        using var response = await SubmitAsync(editor, page, "/admin/materials/create",
            ("Input.Title", title), ("Input.Kind", "E_LEARNING"), ("Input.Publisher", "KiAP"), ("Input.PublishedOn", "2025-03-01"),
            ("Input.Url", "https://example.org/e"), ("Input.ThemeIds", theme), ("Input.IntendedFor", "DGE"), ("Input.IntendedFor", "JUNIOR"));
        var materialPage = await FollowAsync(editor, response);

        Assert.Equal($"Materialet {title} er oprettet.", materialPage.QuerySelector("p.status")?.TextContent);
        Assert.Equal("DGE-gruppe, Juniorgruppe", materialPage.QuerySelector("#intended-for")?.TextContent);
        var material = await MaterialAsync(Uri.UnescapeDataString(response.Headers.Location!.ToString()["/admin/materials/".Length..]));
        Assert.Equal("E_LEARNING", material.GetProperty("kind").GetString());
        Assert.Equal(theme, material.GetProperty("themes").GetProperty("nodes")[0].GetProperty("id").GetString());
        Assert.Equal(2, material.GetProperty("intendedFor").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task Create_NoTitleAndNoLink_ShowsTheErrorsAtTheirFieldsAndKeepsTheInput()
    {
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync("/admin/materials/create");

        using var response = await SubmitAsync(editor, page, "/admin/materials/create",
            ("Input.Title", ""), ("Input.Kind", "GUIDELINE"), ("Input.Publisher", "DSAM"), ("Input.PublishedOn", "2025-03-01"), ("Input.Url", "ikke et link"), ("Input.IntendedFor", "KGE"));
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Skriv materialets titel.", result.QuerySelector("[data-valmsg-for='Input.Title']")?.TextContent);
        Assert.Equal("Skriv et fuldt link, der begynder med http:// eller https://.", result.QuerySelector("[data-valmsg-for='Input.Url']")?.TextContent);
        Assert.Equal("GUIDELINE", ((AngleSharp.Html.Dom.IHtmlSelectElement)result.QuerySelector("#Input_Kind")!).Value);
        Assert.Equal("DSAM", result.QuerySelector("#Input_Publisher")?.GetAttribute("value"));
        Assert.True(result.QuerySelector("#intended-for input[value=KGE]")?.HasAttribute("checked"));
    }

    [Theory]
    [InlineData("/admin/materials/create")]
    [InlineData("{0}/edit")]
    [InlineData("{0}/retire")]
    public async Task FormPage_Reader_Answers403ForGetAndPostAndNothingChanges(string template)
    {
        var id = await data.NewMaterialAsync(Unique("Læsemateriale"));
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, MaterialPath(id));
        var reader = await host.SignedInAsync(Roles.Reader);
        var before = (await MaterialAsync(id)).ToString();

        using var get = await reader.GetAsync(new Uri(path, UriKind.Relative));
        var forbidden = await get.DocumentAsync();
        using var post = await reader.PostFormAsync(forbidden, path, [new("Input.Title", "Læser"), new("Input.Kind", "MODULE"), new("Input.Publisher", "X"), new("Input.PublishedOn", "2025-01-01"), new("Input.Url", "https://x.org"), new("Input.RetiredOn", "2025-06-01")]);

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(before, (await MaterialAsync(id)).ToString());
    }

    [Fact]
    public async Task Edit_Valid_SavesAndKeepsTheThemesAndTargetGroups()
    {
        var theme = (await data.QueryAsync("{ themes(first: 1, order: [{ code: ASC }]) { nodes { id } } }")).GetProperty("themes").GetProperty("nodes")[0].GetProperty("id").GetString()!;
        var id = await data.NewMaterialAsync(Unique("Redigeres"), theme);
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync($"{MaterialPath(id)}/edit");
        var title = Unique("Omdøbt");

        using var response = await SubmitAsync(editor, page, $"{MaterialPath(id)}/edit", ("Input.Title", title), ("Input.Publisher", "PLO-E"));
        var materialPage = await FollowAsync(editor, response);

        Assert.Equal($"Materialet {title} er gemt.", materialPage.QuerySelector("p.status")?.TextContent);
        var material = await MaterialAsync(id);
        Assert.Equal(title, material.GetProperty("title").GetString());
        Assert.Equal("PLO-E", material.GetProperty("publisher").GetString());
        Assert.Equal(theme, material.GetProperty("themes").GetProperty("nodes")[0].GetProperty("id").GetString());
        Assert.Equal("DGE", material.GetProperty("intendedFor").GetProperty("nodes")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Edit_Stale_ShowsWhatChangedMeanwhileKeepsTheInputAndOverwritesOnTheNextSave()
    {
        var id = await data.NewMaterialAsync(Unique("Konflikt"));
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync($"{MaterialPath(id)}/edit");
        var other = await editor.PageAsync($"{MaterialPath(id)}/edit");
        using (var first = await SubmitAsync(editor, other, $"{MaterialPath(id)}/edit", ("Input.Publisher", "Deres udgiver")))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var stale = await SubmitAsync(editor, page, $"{MaterialPath(id)}/edit", ("Input.Publisher", "Min udgiver"));
        var conflict = await stale.DocumentAsync();
        using var again = await SubmitAsync(editor, conflict, $"{MaterialPath(id)}/edit");

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Materialet er ændret af en anden", conflict.QuerySelector("#conflict")?.TextContent, StringComparison.Ordinal);
        var row = conflict.QuerySelectorAll("#conflict tbody tr").Single();
        Assert.Equal(["Udgiver", "Min udgiver", "Deres udgiver"], row.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal("Min udgiver", conflict.QuerySelector("#Input_Publisher")?.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("Min udgiver", (await MaterialAsync(id)).GetProperty("publisher").GetString());
    }

    [Fact]
    public async Task Retire_Valid_RetiresFromTheDayAndSaysSo()
    {
        var id = await data.NewMaterialAsync(Unique("Udfases"));
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync($"{MaterialPath(id)}/retire");

        using var response = await SubmitAsync(editor, page, $"{MaterialPath(id)}/retire", ("Input.RetiredOn", "2025-06-01"));
        var materialPage = await FollowAsync(editor, response);

        Assert.EndsWith("er udfaset fra 2025-06-01.", materialPage.QuerySelector("p.status")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Udgået fra 2025-06-01", materialPage.QuerySelector("#material-status")?.TextContent);
        Assert.Equal("2025-06-01", (await MaterialAsync(id)).GetProperty("retiredOn").GetString());
    }

    [Fact]
    public async Task Retire_BeforePublication_ShowsTheApisErrorAtTheFieldAndChangesNothing()
    {
        var id = await data.NewMaterialAsync(Unique("For tidligt"));
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync($"{MaterialPath(id)}/retire");

        using var response = await SubmitAsync(editor, page, $"{MaterialPath(id)}/retire", ("Input.RetiredOn", "2020-01-01"));
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(result.QuerySelector("[data-valmsg-for='Input.RetiredOn']")?.TextContent));
        Assert.Equal("2020-01-01", result.QuerySelector("#Input_RetiredOn")?.GetAttribute("value"));
        Assert.Equal(JsonValueKind.Null, (await MaterialAsync(id)).GetProperty("retiredOn").ValueKind);
    }
}

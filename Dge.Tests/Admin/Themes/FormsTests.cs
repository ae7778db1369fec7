using System.Net;
using Dge.Api.Access;
using Dge.Tests.Admin.Materials;
using Dge.Tests.Infrastructure;
using static Dge.Tests.Admin.Materials.CatalogData;

namespace Dge.Tests.Admin.Themes;

/// <summary>The theme's forms: create and edit (with the conflict of a stale edit), each through the API's mutation.</summary>
public sealed class FormsTests(AccessHost host) : IClassFixture<AccessHost>
{
    private readonly CatalogData data = new(host);

    private static string ThemePath(string id) => $"/admin/themes/{Uri.EscapeDataString(id)}";

    private Task<System.Text.Json.JsonElement> ThemeAsync(string id) => data.NodeAsync(id, "... on Theme { code nameDa nameEn category version }");

    [Fact]
    public async Task Create_Valid_CreatesTheThemeAndShowsItsPageWithTheMessage()
    {
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync("/admin/themes/create");
        var code = UniqueCode();

        using var response = await SubmitAsync(editor, page, "/admin/themes/create",
            ("Input.Code", code), ("Input.NameDa", "Søvnapnø"), ("Input.NameEn", "Sleep apnoea"), ("Input.Category", "Lunger"));
        var themePage = await FollowAsync(editor, response);

        Assert.Equal($"Emnet Søvnapnø ({code}) er oprettet.", themePage.QuerySelector("p.status")?.TextContent);
        var id = Uri.UnescapeDataString(response.Headers.Location!.ToString()["/admin/themes/".Length..]);
        var theme = await ThemeAsync(id);
        Assert.Equal(code, theme.GetProperty("code").GetString());
        Assert.Equal("Lunger", theme.GetProperty("category").GetString());
    }

    [Fact]
    public async Task Create_EmptyNameAndTooLongCode_ShowsTheErrorsAtTheirFieldsAndKeepsTheInput()
    {
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync("/admin/themes/create");

        using var response = await SubmitAsync(editor, page, "/admin/themes/create",
            ("Input.Code", "ALTFORLANGKODE"), ("Input.NameDa", " "), ("Input.NameEn", "Kept"), ("Input.Category", "Beholdt"));
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Koden må højst have 10 tegn.", result.QuerySelector("[data-valmsg-for='Input.Code']")?.TextContent);
        Assert.Equal("Skriv emnets danske navn.", result.QuerySelector("[data-valmsg-for='Input.NameDa']")?.TextContent);
        Assert.Equal("Kept", result.QuerySelector("#Input_NameEn")?.GetAttribute("value"));
        Assert.Equal("Beholdt", result.QuerySelector("#Input_Category")?.GetAttribute("value"));
        Assert.Equal(2, result.QuerySelectorAll(".validation-summary-errors li").Length);
    }

    [Fact]
    public async Task Create_CodeInUse_ShowsTheApisRefusalAndCreatesNothing()
    {
        var code = UniqueCode();
        await data.NewThemeAsync(code);
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync("/admin/themes/create");

        using var response = await SubmitAsync(editor, page, "/admin/themes/create",
            ("Input.Code", code), ("Input.NameDa", "Dublet"), ("Input.NameEn", "Duplicate"), ("Input.Category", "Test"));
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(result.QuerySelectorAll(".validation-summary-errors li"));
        var count = (await data.QueryAsync($"{{ themes(where: {{ code: {{ eq: \"{code}\" }} }}) {{ totalCount }} }}")).GetProperty("themes").GetProperty("totalCount").GetInt32();
        Assert.Equal(1, count);
    }

    [Theory]
    [InlineData("/admin/themes/create")]
    [InlineData("{0}/edit")]
    public async Task FormPage_Reader_Answers403ForGetAndPostAndNothingChanges(string template)
    {
        var id = await data.NewThemeAsync(UniqueCode());
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, ThemePath(id));
        var reader = await host.SignedInAsync(Roles.Reader);
        var before = (await ThemeAsync(id)).ToString();

        using var get = await reader.GetAsync(new Uri(path, UriKind.Relative));
        var forbidden = await get.DocumentAsync();
        using var post = await reader.PostFormAsync(forbidden, path, [new("Input.Code", UniqueCode()), new("Input.NameDa", "Læser"), new("Input.NameEn", "Reader"), new("Input.Category", "X")]);

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(before, (await ThemeAsync(id)).ToString());
    }

    [Fact]
    public async Task Edit_Valid_SavesAndSaysSo()
    {
        var id = await data.NewThemeAsync(UniqueCode());
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync($"{ThemePath(id)}/edit");

        using var response = await SubmitAsync(editor, page, $"{ThemePath(id)}/edit", ("Input.NameDa", "Nyt dansk navn"), ("Input.Category", "Ny kategori"));
        var themePage = await FollowAsync(editor, response);

        Assert.StartsWith("Emnet Nyt dansk navn (", themePage.QuerySelector("p.status")?.TextContent, StringComparison.Ordinal);
        var theme = await ThemeAsync(id);
        Assert.Equal("Nyt dansk navn", theme.GetProperty("nameDa").GetString());
        Assert.Equal("Ny kategori", theme.GetProperty("category").GetString());
    }

    [Fact]
    public async Task Edit_Stale_ShowsWhatChangedMeanwhileKeepsTheInputAndOverwritesOnTheNextSave()
    {
        var id = await data.NewThemeAsync(UniqueCode());
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync($"{ThemePath(id)}/edit");
        var other = await editor.PageAsync($"{ThemePath(id)}/edit");
        using (var first = await SubmitAsync(editor, other, $"{ThemePath(id)}/edit", ("Input.NameEn", "Theirs")))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var stale = await SubmitAsync(editor, page, $"{ThemePath(id)}/edit", ("Input.NameEn", "Mine"));
        var conflict = await stale.DocumentAsync();
        using var again = await SubmitAsync(editor, conflict, $"{ThemePath(id)}/edit");

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Emnet er ændret af en anden", conflict.QuerySelector("#conflict")?.TextContent, StringComparison.Ordinal);
        var row = conflict.QuerySelectorAll("#conflict tbody tr").Single();
        Assert.Equal(["Engelsk navn", "Mine", "Theirs"], row.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal("Mine", conflict.QuerySelector("#Input_NameEn")?.GetAttribute("value"));
        Assert.Equal($"{ThemePath(id)}/edit", conflict.QuerySelector("#conflict a")?.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("Mine", (await ThemeAsync(id)).GetProperty("nameEn").GetString());
    }
}

using System.Net;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using static Dge.Tests.Admin.PeopleData;

namespace Dge.Tests.Admin.Clinics;

/// <summary>The clinic's forms: create, edit (with the stale-edit conflict), move to another cluster, close.</summary>
public sealed class FormsTests(AccessHost host) : IClassFixture<AccessHost>
{
    private readonly PeopleData data = new(host);

    private async Task<string> SomeMunicipalityIdAsync() =>
        (await data.QueryAsync("{ municipalities(first: 1, order: [{ name: ASC }]) { nodes { id } } }")).GetProperty("municipalities").GetProperty("nodes")[0].GetProperty("id").GetString()!;

    [Fact]
    public async Task Create_Valid_CreatesTheClinicAndShowsItsPage()
    {
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync("/admin/clinics/create");
        var name = Unique("Lægehuset");
        var ydernummer = await data.FreeYdernummerAsync();

        using var response = await SubmitAsync(editor, page, "/admin/clinics/create",
            ("Input.Name", name), ("Input.Ydernummer", ydernummer), ("Input.Address", "Storegade 2"), ("Input.MunicipalityId", await SomeMunicipalityIdAsync()), ("Input.Type", "REGION"), ("Input.IsTutorPractice", "true"));
        var clinicPage = await FollowAsync(editor, response);

        Assert.Equal(name, clinicPage.QuerySelector("h1")?.TextContent);
        Assert.Equal($"Klinikken {name} er oprettet. Vælg nu dens klynge.", clinicPage.QuerySelector("p.status")?.TextContent);
        var id = Uri.UnescapeDataString(response.Headers.Location!.ToString()["/admin/clinics/".Length..]);
        var saved = await data.NodeAsync(id, "... on Clinic { ydernummer type isTutorPractice }");
        Assert.Equal(ydernummer, saved.GetProperty("ydernummer").GetString());
        Assert.Equal("REGION", saved.GetProperty("type").GetString());
        Assert.True(saved.GetProperty("isTutorPractice").GetBoolean());
    }

    [Fact]
    public async Task Create_EmptyNameAndShortYdernummer_ShowsTheErrorsAtTheirFieldsAndKeepsTheInput()
    {
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync("/admin/clinics/create");

        using var response = await SubmitAsync(editor, page, "/admin/clinics/create",
            ("Input.Name", ""), ("Input.Ydernummer", "123"), ("Input.Address", "Beholdt vej 3"), ("Input.MunicipalityId", ""), ("Input.Type", "TENDER"));
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Skriv klinikkens navn.", result.QuerySelector("[data-valmsg-for='Input.Name']")?.TextContent);
        Assert.Equal("Ydernummeret er seks cifre.", result.QuerySelector("[data-valmsg-for='Input.Ydernummer']")?.TextContent);
        Assert.Equal("Vælg kommunen.", result.QuerySelector("[data-valmsg-for='Input.MunicipalityId']")?.TextContent);
        Assert.Equal("Beholdt vej 3", result.QuerySelector("#Input_Address")?.GetAttribute("value"));
        Assert.Equal("TENDER", ((AngleSharp.Html.Dom.IHtmlSelectElement)result.QuerySelector("#Input_Type")!).Value);
    }

    [Fact]
    public async Task Create_YdernummerInUse_ShowsTheApisErrorAtTheField()
    {
        var existing = await data.SomeClinicAsync();
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync("/admin/clinics/create");

        using var response = await SubmitAsync(editor, page, "/admin/clinics/create",
            ("Input.Name", Unique("Dublet")), ("Input.Ydernummer", existing.Ydernummer), ("Input.Address", "Storegade 2"), ("Input.MunicipalityId", await SomeMunicipalityIdAsync()), ("Input.Type", "PLO"));
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(result.QuerySelector("[data-valmsg-for='Input.Ydernummer']")?.TextContent));
    }

    [Theory]
    [InlineData("/admin/clinics/create")]
    [InlineData("{0}/edit")]
    [InlineData("{0}/cluster")]
    [InlineData("{0}/close")]
    public async Task FormPage_Reader_Answers403ForGetAndPostAndNothingChanges(string template)
    {
        var clinic = await data.NewClinicAsync();
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, PathOf("clinics", clinic.Id));
        var reader = await host.SignedInAsync(Roles.Reader);
        const string Fields = "... on Clinic { name version closedOn clusterMemberships { totalCount } }";
        var before = (await data.NodeAsync(clinic.Id, Fields)).ToString();

        using var get = await reader.GetAsync(new Uri(path, UriKind.Relative));
        var forbidden = await get.DocumentAsync();
        using var post = await reader.PostFormAsync(forbidden, path, [new("Input.Name", "Læser"), new("Input.ClosedOn", "2025-06-01"), new("Input.Confirmed", "true"), new("Input.ExpectedVersion", "1")]);

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(before, (await data.NodeAsync(clinic.Id, Fields)).ToString());
    }

    [Fact]
    public async Task Edit_Valid_SavesAndSaysSo()
    {
        var clinic = await data.NewClinicAsync();
        var editor = await data.EditorAsync();
        var path = $"{PathOf("clinics", clinic.Id)}/edit";
        var page = await editor.PageAsync(path);
        var name = Unique("Omdøbt klinik");

        using var response = await SubmitAsync(editor, page, path, ("Input.Name", name), ("Input.Address", "Ny vej 9"));
        var clinicPage = await FollowAsync(editor, response);

        Assert.Equal($"Klinikken {name} er gemt.", clinicPage.QuerySelector("p.status")?.TextContent);
        var saved = await data.NodeAsync(clinic.Id, "... on Clinic { name address }");
        Assert.Equal(name, saved.GetProperty("name").GetString());
        Assert.Equal("Ny vej 9", saved.GetProperty("address").GetString());
    }

    [Fact]
    public async Task Edit_Stale_ShowsWhatChangedMeanwhileKeepsTheInputAndOverwritesOnTheNextSave()
    {
        var clinic = await data.NewClinicAsync();
        var editor = await data.EditorAsync();
        var path = $"{PathOf("clinics", clinic.Id)}/edit";
        var page = await editor.PageAsync(path);
        var theirs = Unique("Deres klinik");
        var mine = Unique("Min klinik");
        using (var first = await SubmitAsync(editor, await editor.PageAsync(path), path, ("Input.Name", theirs)))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var stale = await SubmitAsync(editor, page, path, ("Input.Name", mine));
        var conflict = await stale.DocumentAsync();
        using var again = await SubmitAsync(editor, conflict, path);

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("ændret af en anden", conflict.QuerySelector("#conflict")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Navn", mine, theirs], conflict.QuerySelectorAll("#conflict tbody tr").Single().QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal(mine, conflict.QuerySelector("#Input_Name")?.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(mine, (await data.NodeAsync(clinic.Id, "... on Clinic { name }")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task MoveToCluster_AClusterOfTheRegion_MovesTheClinicFromTheDay()
    {
        var clinic = await data.NewClinicAsync();
        var editor = await data.EditorAsync();
        var path = $"{PathOf("clinics", clinic.Id)}/cluster";
        var page = await editor.PageAsync(path);
        var option = page.QuerySelectorAll("#Input_ClusterId option").Skip(1).First();

        using var response = await SubmitAsync(editor, page, path, ("Input.ClusterId", option.GetAttribute("value")!), ("Input.From", "2025-03-01"));
        var clinicPage = await FollowAsync(editor, response);

        Assert.StartsWith($"Klinikken {clinic.Name} er i klyngen ", clinicPage.QuerySelector("p.status")?.TextContent, StringComparison.Ordinal);
        var membership = (await data.NodeAsync(clinic.Id, "... on Clinic { clusterMemberships { nodes { from cluster { id } } } }")).GetProperty("clusterMemberships").GetProperty("nodes")[0];
        Assert.Equal(option.GetAttribute("value"), membership.GetProperty("cluster").GetProperty("id").GetString());
        Assert.Equal("2025-03-01", membership.GetProperty("from").GetString());
        Assert.Equal(PathOf("clusters", option.GetAttribute("value")!), clinicPage.QuerySelector("#clinic-cluster a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task MoveToCluster_NoClusterChosen_IsAnErrorAtTheField()
    {
        var clinic = await data.NewClinicAsync();
        var editor = await data.EditorAsync();
        var path = $"{PathOf("clinics", clinic.Id)}/cluster";
        var page = await editor.PageAsync(path);

        using var response = await SubmitAsync(editor, page, path, ("Input.ClusterId", ""), ("Input.From", "2025-03-01"));
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Vælg klyngen.", result.QuerySelector("[data-valmsg-for='Input.ClusterId']")?.TextContent);
        Assert.Equal("2025-03-01", result.QuerySelector("#Input_From")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Close_Confirmed_ClosesTheClinicAndHidesItsActions()
    {
        var clinic = await data.NewClinicAsync();
        var editor = await data.EditorAsync();
        var path = $"{PathOf("clinics", clinic.Id)}/close";
        var page = await editor.PageAsync(path);

        using var response = await SubmitAsync(editor, page, path, ("Input.ClosedOn", "2025-05-01"), ("Input.Confirmed", "true"));
        var clinicPage = await FollowAsync(editor, response);

        Assert.Equal($"Klinikken {clinic.Name} er lukket fra 2025-05-01.", clinicPage.QuerySelector("p.status")?.TextContent);
        Assert.Equal("Lukket fra 2025-05-01", clinicPage.QuerySelector("#clinic-status")?.TextContent);
        Assert.Null(clinicPage.QuerySelector("nav.actions"));
        Assert.Equal("2025-05-01", (await data.NodeAsync(clinic.Id, "... on Clinic { closedOn }")).GetProperty("closedOn").GetString());
    }

    [Fact]
    public async Task Close_NotConfirmed_WritesNothing()
    {
        var clinic = await data.NewClinicAsync();
        var editor = await data.EditorAsync();
        var path = $"{PathOf("clinics", clinic.Id)}/close";
        var page = await editor.PageAsync(path);

        using var response = await SubmitAsync(editor, page, path, ("Input.ClosedOn", "2025-05-01"));
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bekræft, at klinikken skal lukkes.", result.QuerySelector("[data-valmsg-for='Input.Confirmed']")?.TextContent);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await data.NodeAsync(clinic.Id, "... on Clinic { closedOn }")).GetProperty("closedOn").ValueKind);
    }
}

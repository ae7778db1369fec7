using System.Net;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using static Dge.Tests.Admin.PeopleData;

namespace Dge.Tests.Admin.Coordinators;

/// <summary>The coordinator's forms: create, edit (with the stale-edit conflict), link to a doctor (picked by name), end the role.</summary>
public sealed class FormsTests(AccessHost host) : IClassFixture<AccessHost>
{
    private readonly PeopleData data = new(host);

    [Fact]
    public async Task Create_AdvisorInARegion_CreatesTheCoordinatorAndShowsTheirPage()
    {
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync("/admin/coordinators/create");
        var name = Unique("Ny vejleder");
        var region = await data.SomeRegionIdAsync();

        using var response = await SubmitAsync(editor, page, "/admin/coordinators/create",
            ("Input.Name", name), ("Input.Email", "ny@vejleder.test"), ("Input.Role", "ADVISOR"), ("Input.ScopeId", region), ("Input.WeeklyHours", "7.5"), ("Input.From", "2025-01-01"));
        var coordinatorPage = await FollowAsync(editor, response);

        Assert.Equal(name, coordinatorPage.QuerySelector("h1")?.TextContent);
        Assert.Equal($"{name} er oprettet som efteruddannelsesvejleder.", coordinatorPage.QuerySelector("p.status")?.TextContent);
        var id = Uri.UnescapeDataString(response.Headers.Location!.ToString()["/admin/coordinators/".Length..]);
        var saved = await data.NodeAsync(id, "... on Coordinator { role weeklyHours region { id } }");
        Assert.Equal(7.5, saved.GetProperty("weeklyHours").GetDouble());
        Assert.Equal(region, saved.GetProperty("region").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Create_EmptyNameAndNoHours_ShowsTheErrorsAtTheirFieldsAndKeepsTheInput()
    {
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync("/admin/coordinators/create");

        using var response = await SubmitAsync(editor, page, "/admin/coordinators/create",
            ("Input.Name", ""), ("Input.Email", "beholdt@vejleder.test"), ("Input.Role", "SECRETARIAT"), ("Input.WeeklyHours", ""), ("Input.From", "2025-01-01"));
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Skriv navnet.", result.QuerySelector("[data-valmsg-for='Input.Name']")?.TextContent);
        Assert.Equal("Skriv timer pr. uge.", result.QuerySelector("[data-valmsg-for='Input.WeeklyHours']")?.TextContent);
        Assert.Equal("beholdt@vejleder.test", result.QuerySelector("#Input_Email")?.GetAttribute("value"));
        Assert.Equal("SECRETARIAT", ((AngleSharp.Html.Dom.IHtmlSelectElement)result.QuerySelector("#Input_Role")!).Value);
    }

    [Fact]
    public async Task Create_ScopeOfTheWrongKind_ShowsTheApisErrorAndWritesNothing()
    {
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync("/admin/coordinators/create");
        var name = Unique("Forkert område");
        var municipality = (await data.QueryAsync("{ municipalities(first: 1) { nodes { id } } }")).GetProperty("municipalities").GetProperty("nodes")[0].GetProperty("id").GetString()!;

        using var response = await SubmitAsync(editor, page, "/admin/coordinators/create",
            ("Input.Name", name), ("Input.Email", "forkert@vejleder.test"), ("Input.Role", "ADVISOR"), ("Input.ScopeId", municipality), ("Input.WeeklyHours", "5"), ("Input.From", "2025-01-01"));
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(result.QuerySelectorAll(".validation-summary-errors li"));
        Assert.Equal(0, (await data.QueryAsync($"{{ coordinators(where: {{ name: {{ eq: \"{name}\" }} }}) {{ totalCount }} }}")).GetProperty("coordinators").GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("/admin/coordinators/create")]
    [InlineData("{0}/edit")]
    [InlineData("{0}/doctor")]
    [InlineData("{0}/end")]
    public async Task FormPage_Reader_Answers403ForGetAndPostAndNothingChanges(string template)
    {
        var coordinator = await data.NewCoordinatorAsync();
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, PathOf("coordinators", coordinator.Id));
        var reader = await host.SignedInAsync(Roles.Reader);
        const string Fields = "... on Coordinator { name version to doctor { id } }";
        var before = (await data.NodeAsync(coordinator.Id, Fields)).ToString();

        using var get = await reader.GetAsync(new Uri(path, UriKind.Relative));
        var forbidden = await get.DocumentAsync();
        using var post = await reader.PostFormAsync(forbidden, path, [new("Input.Name", "Læser"), new("Input.Email", "l@l.dk"), new("Input.WeeklyHours", "3"), new("Input.To", "2025-06-01"), new("Input.DoctorText", "Jensen"), new("Input.ExpectedVersion", "1")]);

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(before, (await data.NodeAsync(coordinator.Id, Fields)).ToString());
    }

    [Fact]
    public async Task Edit_Valid_SavesAndSaysSo()
    {
        var coordinator = await data.NewCoordinatorAsync();
        var editor = await data.EditorAsync();
        var path = $"{PathOf("coordinators", coordinator.Id)}/edit";
        var page = await editor.PageAsync(path);
        var name = Unique("Omdøbt vejleder");

        using var response = await SubmitAsync(editor, page, path, ("Input.Name", name), ("Input.WeeklyHours", "12"));
        var coordinatorPage = await FollowAsync(editor, response);

        Assert.Equal($"Koordinatoren {name} er gemt.", coordinatorPage.QuerySelector("p.status")?.TextContent);
        var saved = await data.NodeAsync(coordinator.Id, "... on Coordinator { name weeklyHours }");
        Assert.Equal(name, saved.GetProperty("name").GetString());
        Assert.Equal(12, saved.GetProperty("weeklyHours").GetDouble());
    }

    [Fact]
    public async Task Edit_Stale_ShowsWhatChangedMeanwhileKeepsTheInputAndOverwritesOnTheNextSave()
    {
        var coordinator = await data.NewCoordinatorAsync();
        var editor = await data.EditorAsync();
        var path = $"{PathOf("coordinators", coordinator.Id)}/edit";
        var page = await editor.PageAsync(path);
        var theirs = Unique("Deres vejleder");
        var mine = Unique("Min vejleder");
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
        Assert.Equal(mine, (await data.NodeAsync(coordinator.Id, "... on Coordinator { name }")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task LinkDoctor_NameMatchingOne_LinksThatDoctor()
    {
        var coordinator = await data.NewCoordinatorAsync();
        var doctor = await data.NewDoctorAsync();
        var editor = await data.EditorAsync();
        var path = $"{PathOf("coordinators", coordinator.Id)}/doctor";
        var page = await editor.PageAsync(path);

        using var response = await SubmitAsync(editor, page, path, ("Input.DoctorText", $"Test {doctor.LastName}"));
        var coordinatorPage = await FollowAsync(editor, response);

        Assert.Equal(doctor.Id, (await data.NodeAsync(coordinator.Id, "... on Coordinator { doctor { id } }")).GetProperty("doctor").GetProperty("id").GetString());
        Assert.Equal($"{coordinator.Name} er knyttet til Test {doctor.LastName}.", coordinatorPage.QuerySelector("p.status")?.TextContent);
        Assert.Equal(PathOf("doctors", doctor.Id), coordinatorPage.QuerySelector("#coordinator-doctor a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task LinkDoctor_NameMatchingSeveral_OffersChoicesAndTheChosenOneIsLinked()
    {
        var coordinator = await data.NewCoordinatorAsync();
        var lastName = Unique("Tvilling");
        var first = await data.NewDoctorAsync(lastName);
        await data.NewDoctorAsync(lastName);
        var editor = await data.EditorAsync();
        var path = $"{PathOf("coordinators", coordinator.Id)}/doctor";
        var page = await editor.PageAsync(path);

        using var ambiguous = await SubmitAsync(editor, page, path, ("Input.DoctorText", lastName));
        var choices = await ambiguous.DocumentAsync();
        using var chosen = await SubmitAsync(editor, choices, path, ("Input.DoctorId", first.Id));

        Assert.Equal(HttpStatusCode.OK, ambiguous.StatusCode);
        Assert.Equal(2, choices.QuerySelectorAll("fieldset.candidates input[type=radio][name='Input.DoctorId']").Length);
        Assert.StartsWith($"Flere matcher »{lastName}«", choices.QuerySelector(".picker .field-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal(first.Id, (await data.NodeAsync(coordinator.Id, "... on Coordinator { doctor { id } }")).GetProperty("doctor").GetProperty("id").GetString());
    }

    [Fact]
    public async Task LinkDoctor_NameMatchingNone_IsAnErrorAtTheField()
    {
        var coordinator = await data.NewCoordinatorAsync();
        var editor = await data.EditorAsync();
        var path = $"{PathOf("coordinators", coordinator.Id)}/doctor";
        var page = await editor.PageAsync(path);

        using var response = await SubmitAsync(editor, page, path, ("Input.DoctorText", "Qwxz Zyxw"));
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ingen læge matcher »Qwxz Zyxw«.", result.QuerySelector(".picker .field-error")?.TextContent);
        Assert.Equal("Qwxz Zyxw", result.QuerySelector("#Input_DoctorText")?.GetAttribute("value"));
    }

    [Fact]
    public async Task End_Valid_EndsTheRoleAndHidesTheActions()
    {
        var coordinator = await data.NewCoordinatorAsync();
        var editor = await data.EditorAsync();
        var path = $"{PathOf("coordinators", coordinator.Id)}/end";
        var page = await editor.PageAsync(path);

        using var response = await SubmitAsync(editor, page, path, ("Input.To", "2025-02-01"));
        var coordinatorPage = await FollowAsync(editor, response);

        Assert.Equal($"{coordinator.Name}s rolle som efteruddannelsesvejleder slutter 2025-02-01.", coordinatorPage.QuerySelector("p.status")?.TextContent);
        Assert.Equal("Ophørt fra 2025-02-01", coordinatorPage.QuerySelector("#coordinator-status")?.TextContent);
        Assert.Null(coordinatorPage.QuerySelector("nav.actions"));
    }

    [Fact]
    public async Task End_BeforeTheStart_ShowsTheApisErrorAtTheField()
    {
        var coordinator = await data.NewCoordinatorAsync();
        var editor = await data.EditorAsync();
        var path = $"{PathOf("coordinators", coordinator.Id)}/end";
        var page = await editor.PageAsync(path);

        using var response = await SubmitAsync(editor, page, path, ("Input.To", "2020-01-01"));
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(result.QuerySelector("[data-valmsg-for='Input.To']")?.TextContent));
        Assert.Equal("2020-01-01", result.QuerySelector("#Input_To")?.GetAttribute("value"));
    }
}

using System.Net;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using static Dge.Tests.Admin.PeopleData;

namespace Dge.Tests.Admin.Doctors;

/// <summary>The doctor's forms: create, edit (with the stale-edit conflict), start an employment, end one.</summary>
public sealed class FormsTests(AccessHost host) : IClassFixture<AccessHost>
{
    private readonly PeopleData data = new(host);

    [Fact]
    public async Task Create_Valid_CreatesTheDoctorAndShowsTheirPage()
    {
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync("/admin/doctors/create");
        var lastName = Unique("Nyesen");

        using var response = await SubmitAsync(editor, page, "/admin/doctors/create",
            ("Input.FirstName", "Ida"), ("Input.LastName", lastName), ("Input.Phase", "GP"), ("Input.EstablishedOn", "2020-05-01"), ("Input.Email", "ida@laege.test"), ("Input.Phone", "12 34 56 78"));
        var doctorPage = await FollowAsync(editor, response);

        Assert.Equal($"Ida {lastName}", doctorPage.QuerySelector("h1")?.TextContent);
        Assert.Equal($"Lægen Ida {lastName} er oprettet. Tilføj nu en ansættelse i en klinik.", doctorPage.QuerySelector("p.status")?.TextContent);
        var id = Uri.UnescapeDataString(response.Headers.Location!.ToString()["/admin/doctors/".Length..]);
        var saved = await data.NodeAsync(id, "... on Doctor { lastName phone establishedOn }");
        Assert.Equal("12345678", saved.GetProperty("phone").GetString());
        Assert.Equal("2020-05-01", saved.GetProperty("establishedOn").GetString());
    }

    [Fact]
    public async Task Create_EmptyNameAndBadEmail_ShowsTheErrorsAtTheirFieldsAndKeepsTheInput()
    {
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync("/admin/doctors/create");

        using var response = await SubmitAsync(editor, page, "/admin/doctors/create",
            ("Input.FirstName", ""), ("Input.LastName", "Beholdt"), ("Input.Phase", "TRAINEE"), ("Input.Email", "ikke-en-adresse"), ("Input.Phone", "12345678"));
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Skriv fornavnet.", result.QuerySelector("[data-valmsg-for='Input.FirstName']")?.TextContent);
        Assert.Equal("Skriv en gyldig e-mailadresse.", result.QuerySelector("[data-valmsg-for='Input.Email']")?.TextContent);
        Assert.Equal("Beholdt", result.QuerySelector("#Input_LastName")?.GetAttribute("value"));
        Assert.Equal("TRAINEE", ((AngleSharp.Html.Dom.IHtmlSelectElement)result.QuerySelector("#Input_Phase")!).Value);
    }

    [Fact]
    public async Task Create_GpWithoutEstablishedDay_ShowsTheApisErrorAndWritesNothing()
    {
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync("/admin/doctors/create");
        var lastName = Unique("Udennedsat");

        using var response = await SubmitAsync(editor, page, "/admin/doctors/create",
            ("Input.FirstName", "Ole"), ("Input.LastName", lastName), ("Input.Phase", "GP"), ("Input.EstablishedOn", ""), ("Input.Email", "ole@laege.test"), ("Input.Phone", "12345678"));
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(result.QuerySelectorAll(".validation-summary-errors li"));
        Assert.Equal(0, (await data.QueryAsync($"{{ doctors(where: {{ lastName: {{ eq: \"{lastName}\" }} }}) {{ totalCount }} }}")).GetProperty("doctors").GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("/admin/doctors/create")]
    [InlineData("{0}/edit")]
    [InlineData("{0}/employments/start")]
    [InlineData("{0}/employments/{1}/end")]
    public async Task FormPage_Reader_Answers403ForGetAndPostAndNothingChanges(string template)
    {
        var doctor = await data.NewDoctorAsync();
        var employment = await data.StartEmploymentAsync(doctor.Id, (await data.SomeClinicAsync()).Id);
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, PathOf("doctors", doctor.Id), Uri.EscapeDataString(employment));
        var reader = await host.SignedInAsync(Roles.Reader);
        const string Fields = "... on Doctor { firstName lastName version employments { nodes { to } } }";
        var before = (await data.NodeAsync(doctor.Id, Fields)).ToString();

        using var get = await reader.GetAsync(new Uri(path, UriKind.Relative));
        var forbidden = await get.DocumentAsync();
        using var post = await reader.PostFormAsync(forbidden, path, [new("Input.FirstName", "Læser"), new("Input.LastName", "Læser"), new("Input.Phase", "GP"), new("Input.To", "2025-06-01"), new("Input.ExpectedVersion", "1")]);

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(before, (await data.NodeAsync(doctor.Id, Fields)).ToString());
    }

    [Fact]
    public async Task Edit_Valid_SavesAndSaysSo()
    {
        var doctor = await data.NewDoctorAsync();
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync($"{PathOf("doctors", doctor.Id)}/edit");
        var lastName = Unique("Omdøbt");

        using var response = await SubmitAsync(editor, page, $"{PathOf("doctors", doctor.Id)}/edit", ("Input.LastName", lastName), ("Input.Phone", "87654321"));
        var doctorPage = await FollowAsync(editor, response);

        Assert.Equal($"Lægen Test {lastName} er gemt.", doctorPage.QuerySelector("p.status")?.TextContent);
        var saved = await data.NodeAsync(doctor.Id, "... on Doctor { lastName phone }");
        Assert.Equal(lastName, saved.GetProperty("lastName").GetString());
        Assert.Equal("87654321", saved.GetProperty("phone").GetString());
    }

    [Fact]
    public async Task Edit_Stale_ShowsWhatChangedMeanwhileKeepsTheInputAndOverwritesOnTheNextSave()
    {
        var doctor = await data.NewDoctorAsync();
        var editor = await data.EditorAsync();
        var path = $"{PathOf("doctors", doctor.Id)}/edit";
        var page = await editor.PageAsync(path);
        var theirs = Unique("Deres");
        var mine = Unique("Mit");
        using (var first = await SubmitAsync(editor, await editor.PageAsync(path), path, ("Input.LastName", theirs)))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var stale = await SubmitAsync(editor, page, path, ("Input.LastName", mine));
        var conflict = await stale.DocumentAsync();
        using var again = await SubmitAsync(editor, conflict, path);

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("ændret af en anden", conflict.QuerySelector("#conflict")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Efternavn", mine, theirs], conflict.QuerySelectorAll("#conflict tbody tr").Single().QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal(mine, conflict.QuerySelector("#Input_LastName")?.GetAttribute("value"));
        Assert.Equal(path, conflict.QuerySelector("#conflict a")?.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(mine, (await data.NodeAsync(doctor.Id, "... on Doctor { lastName }")).GetProperty("lastName").GetString());
    }

    [Fact]
    public async Task StartEmployment_YdernummerTyped_FindsTheClinicAndStartsTheEmployment()
    {
        var doctor = await data.NewDoctorAsync();
        var clinic = await data.SomeClinicAsync(1);
        var editor = await data.EditorAsync();
        var path = $"{PathOf("doctors", doctor.Id)}/employments/start";
        var page = await editor.PageAsync(path);

        using var response = await SubmitAsync(editor, page, path, ("Input.ClinicText", clinic.Ydernummer), ("Input.From", "2025-02-01"));
        var doctorPage = await FollowAsync(editor, response);

        Assert.Equal($"Test {doctor.LastName} er ansat i {clinic.Name} fra 2025-02-01.", doctorPage.QuerySelector("p.status")?.TextContent);
        var employment = (await data.NodeAsync(doctor.Id, "... on Doctor { employments { nodes { from clinic { id } } } }")).GetProperty("employments").GetProperty("nodes")[0];
        Assert.Equal(clinic.Id, employment.GetProperty("clinic").GetProperty("id").GetString());
        Assert.Equal("2025-02-01", employment.GetProperty("from").GetString());
    }

    [Fact]
    public async Task StartEmployment_UnknownYdernummer_IsAnErrorAtTheClinicFieldWithTheInputKept()
    {
        var doctor = await data.NewDoctorAsync();
        var free = await data.FreeYdernummerAsync();
        var editor = await data.EditorAsync();
        var path = $"{PathOf("doctors", doctor.Id)}/employments/start";
        var page = await editor.PageAsync(path);

        using var response = await SubmitAsync(editor, page, path, ("Input.ClinicText", free), ("Input.From", "2025-02-01"));
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"Ingen klinik har ydernummer {free}.", result.QuerySelector(".picker .field-error")?.TextContent);
        Assert.Equal(free, result.QuerySelector("#Input_ClinicText")?.GetAttribute("value"));
        Assert.Equal("2025-02-01", result.QuerySelector("#Input_From")?.GetAttribute("value"));
    }

    [Fact]
    public async Task EndEmployment_Valid_EndsItAndSaysSo()
    {
        var doctor = await data.NewDoctorAsync();
        var clinic = await data.SomeClinicAsync();
        var employment = await data.StartEmploymentAsync(doctor.Id, clinic.Id);
        var editor = await data.EditorAsync();
        var path = $"{PathOf("doctors", doctor.Id)}/employments/{Uri.EscapeDataString(employment)}/end";
        var page = await editor.PageAsync(path);

        using var response = await SubmitAsync(editor, page, path, ("Input.To", "2025-06-01"));
        var doctorPage = await FollowAsync(editor, response);

        Assert.Equal($"Test {doctor.LastName}s ansættelse i {clinic.Name} slutter 2025-06-01.", doctorPage.QuerySelector("p.status")?.TextContent);
        Assert.Equal("2025-06-01", (await data.NodeAsync(employment, "... on ClinicEmployment { to }")).GetProperty("to").GetString());
        Assert.Null(doctorPage.QuerySelector("#employments a[href$='/end']"));
    }

    [Fact]
    public async Task EndEmployment_BeforeItsStart_ShowsTheApisErrorAtTheField()
    {
        var doctor = await data.NewDoctorAsync();
        var employment = await data.StartEmploymentAsync(doctor.Id, (await data.SomeClinicAsync()).Id);
        var editor = await data.EditorAsync();
        var path = $"{PathOf("doctors", doctor.Id)}/employments/{Uri.EscapeDataString(employment)}/end";
        var page = await editor.PageAsync(path);

        using var response = await SubmitAsync(editor, page, path, ("Input.To", "2020-01-01"));
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(result.QuerySelector("[data-valmsg-for='Input.To']")?.TextContent));
        Assert.Equal("2020-01-01", result.QuerySelector("#Input_To")?.GetAttribute("value"));
    }
}

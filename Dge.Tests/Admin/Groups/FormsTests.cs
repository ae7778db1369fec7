using System.Net;
using AngleSharp.Html.Dom;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Groups;

/// <summary>
/// The group's forms: create, edit (with the conflict of a stale edit), add and end a membership, change the leader,
/// assign an advisor, dissolve. Each writes through the API's mutation, redirects to the group's page and says what changed.
/// </summary>
public sealed class FormsTests(AccessHost host) : IClassFixture<AccessHost>
{
    private readonly GroupData data = new(host);

    private static string GroupPath(string id) => $"/admin/groups/{Uri.EscapeDataString(id)}";

    private static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 9)];

    /// <summary>Posts the page's form as it stands, with <paramref name="fields"/> changed.</summary>
    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, IHtmlDocument page, string path, params (string Name, string Value)[] fields)
    {
        var form = page.QuerySelector("main form[method=post]")!;
        var values = form.QuerySelectorAll("input[name], select[name]")
            .Where(e => e is not IHtmlInputElement { Type: "checkbox" or "radio" } box || box.IsChecked)
            .Select(e => (Name: e.GetAttribute("name")!, Value: e is IHtmlSelectElement select ? select.Value ?? string.Empty : e.GetAttribute("value") ?? string.Empty))
            .Where(v => v.Name != "__RequestVerificationToken" && fields.All(f => f.Name != v.Name))
            .Concat(fields.Where(f => f.Value is not null));
        return client.PostFormAsync(page, path, values.Select(v => KeyValuePair.Create(v.Name, v.Value)));
    }

    private static async Task<IHtmlDocument> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await response.DocumentAsync()).QuerySelector(".validation-summary-errors")?.TextContent ?? response.StatusCode.ToString());
        return await client.PageAsync(response.Headers.Location!.ToString());
    }

    private Task<HttpClient> EditorAsync() =>
        host.Factory.SignedInClientAsync(Roles.Editor, new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Create_Valid_CreatesTheGroupAndShowsItsPageWithTheMessageAndTheNormWarnings()
    {
        var editor = await EditorAsync();
        var page = await editor.PageAsync("/admin/groups/create");
        var name = Unique("Ny gruppe");

        using var response = await SubmitAsync(editor, page, "/admin/groups/create",
            ("Input.Name", name), ("Input.Kind", "TOPIC"), ("Input.KapUnitId", await data.KapUnitIdAsync()), ("Input.FoundedOn", "2025-01-01"));
        var groupPage = await FollowAsync(editor, response);

        Assert.Equal(name, groupPage.QuerySelector("h1")?.TextContent);
        Assert.Equal($"Gruppen {name} er oprettet. Tilføj nu medlemmer og en gruppeleder.", groupPage.QuerySelector("p.status")?.TextContent);
        Assert.Contains("ingen gruppeleder", groupPage.QuerySelector(".warning")?.TextContent, StringComparison.Ordinal);
        var id = response.Headers.Location!.ToString()["/admin/groups/".Length..];
        Assert.Equal("TOPIC", (await data.GroupAsync(Uri.UnescapeDataString(id))).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Create_EmptyNameAndNoKapUnit_ShowsTheErrorsAtTheirFieldsAndKeepsTheInput()
    {
        var editor = await EditorAsync();
        var page = await editor.PageAsync("/admin/groups/create");

        using var response = await SubmitAsync(editor, page, "/admin/groups/create", ("Input.Name", " "), ("Input.Kind", "SUPERVISION"), ("Input.KapUnitId", ""), ("Input.FoundedOn", "2025-03-04"));
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Skriv gruppens navn.", result.QuerySelector("[data-valmsg-for='Input.Name']")?.TextContent);
        Assert.Equal("Vælg KAP-enheden.", result.QuerySelector("[data-valmsg-for='Input.KapUnitId']")?.TextContent);
        Assert.Equal("2025-03-04", result.QuerySelector("#Input_FoundedOn")?.GetAttribute("value"));
        Assert.Equal("SUPERVISION", ((IHtmlSelectElement)result.QuerySelector("#Input_Kind")!).Value);
        Assert.Equal(2, result.QuerySelectorAll(".validation-summary-errors li").Length);
    }

    [Fact]
    public async Task Create_FoundedOnAnImpossibleDay_ShowsTheApisErrorAtTheField()
    {
        var editor = await EditorAsync();
        var page = await editor.PageAsync("/admin/groups/create");

        using var response = await SubmitAsync(editor, page, "/admin/groups/create",
            ("Input.Name", Unique("Gammel")), ("Input.Kind", "DGE"), ("Input.KapUnitId", await data.KapUnitIdAsync()), ("Input.FoundedOn", "1800-01-01"));
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(result.QuerySelector("[data-valmsg-for='Input.FoundedOn']")?.TextContent));
    }

    [Theory]
    [InlineData("/admin/groups/create")]
    [InlineData("{0}/edit")]
    [InlineData("{0}/members/add")]
    [InlineData("{0}/leader")]
    [InlineData("{0}/advisor")]
    [InlineData("{0}/dissolve")]
    [InlineData("/admin/meetings/record?groupId={1}")]
    public async Task FormPage_Reader_Answers403ForGetAndPostAndNothingChanges(string template)
    {
        var id = await data.NewGroupAsync(Unique("Læsegruppe"));
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, GroupPath(id), Uri.EscapeDataString(id));
        var reader = await host.SignedInAsync(Roles.Reader);
        var before = (await data.GroupAsync(id)).ToString();

        using var get = await reader.GetAsync(new Uri(path, UriKind.Relative));
        var forbidden = await get.DocumentAsync();
        using var post = await reader.PostFormAsync(forbidden, path, [new("Input.Name", "Læserens navn"), new("Input.Kind", "DGE"), new("Input.FoundedOn", "2025-01-01"), new("Input.DissolvedOn", "2025-06-01"), new("Input.Confirmed", "true")]);

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(before, (await data.GroupAsync(id)).ToString());
    }

    [Fact]
    public async Task Edit_Valid_SavesAndSaysSo()
    {
        var id = await data.NewGroupAsync(Unique("Redigeres"));
        var editor = await EditorAsync();
        var page = await editor.PageAsync($"{GroupPath(id)}/edit");
        var name = Unique("Omdøbt");

        using var response = await SubmitAsync(editor, page, $"{GroupPath(id)}/edit", ("Input.Name", name));
        var groupPage = await FollowAsync(editor, response);

        Assert.Equal($"Gruppen {name} er gemt.", groupPage.QuerySelector("p.status")?.TextContent);
        Assert.Equal(name, (await data.GroupAsync(id)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Edit_Stale_ShowsWhatChangedMeanwhileKeepsTheInputAndOverwritesOnTheNextSave()
    {
        var id = await data.NewGroupAsync(Unique("Konflikt"));
        var editor = await EditorAsync();
        var page = await editor.PageAsync($"{GroupPath(id)}/edit");
        var theirs = Unique("Deres navn");
        var mine = Unique("Mit navn");
        var other = await editor.PageAsync($"{GroupPath(id)}/edit");
        using (var first = await SubmitAsync(editor, other, $"{GroupPath(id)}/edit", ("Input.Name", theirs)))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var stale = await SubmitAsync(editor, page, $"{GroupPath(id)}/edit", ("Input.Name", mine));
        var conflict = await stale.DocumentAsync();
        using var again = await SubmitAsync(editor, conflict, $"{GroupPath(id)}/edit");

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("ændret af en anden", conflict.QuerySelector("#conflict")?.TextContent, StringComparison.Ordinal);
        var row = conflict.QuerySelectorAll("#conflict tbody tr").Single();
        Assert.Equal(["Navn", mine, theirs], row.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal(mine, conflict.QuerySelector("#Input_Name")?.GetAttribute("value"));
        Assert.Equal($"{GroupPath(id)}/edit", conflict.QuerySelector("#conflict a")?.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(mine, (await data.GroupAsync(id)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task AddMember_NameTypedWithoutScripts_FindsTheDoctorAddsThemAndShowsTheNormWarning()
    {
        var id = await data.NewGroupAsync(Unique("Medlemmer"));
        var doctor = (await data.DoctorsAsync(1, 7))[0];
        var editor = await EditorAsync();
        var page = await editor.PageAsync($"{GroupPath(id)}/members/add");

        using var response = await SubmitAsync(editor, page, $"{GroupPath(id)}/members/add", ("Input.DoctorText", doctor.Name), ("Input.From", "2025-02-01"));
        var groupPage = await FollowAsync(editor, response);

        Assert.StartsWith($"{doctor.Name} er tilføjet til ", groupPage.QuerySelector("p.status")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("færre medlemmer end normen", groupPage.QuerySelector(".warning li")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(doctor.Id, (await data.GroupAsync(id)).GetProperty("members").GetProperty("nodes")[0].GetProperty("doctor").GetProperty("id").GetString());
    }

    [Fact]
    public async Task AddMember_TextNamingSeveral_OffersThemAsChoicesAndWritesNothing()
    {
        var id = await data.NewGroupAsync(Unique("Flere"));
        var editor = await EditorAsync();
        var page = await editor.PageAsync($"{GroupPath(id)}/members/add");

        using var response = await SubmitAsync(editor, page, $"{GroupPath(id)}/members/add", ("Input.DoctorText", "an"), ("Input.From", "2025-02-01"));
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(10, result.QuerySelectorAll("fieldset.candidates input[type=radio][name='Input.DoctorId']").Length);
        Assert.StartsWith("Over 10 matcher »an«", result.QuerySelector(".picker .field-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, (await data.GroupAsync(id)).GetProperty("members").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task AddMember_UnknownName_IsAnErrorAtTheDoctorField()
    {
        var id = await data.NewGroupAsync(Unique("Ukendt"));
        var editor = await EditorAsync();
        var page = await editor.PageAsync($"{GroupPath(id)}/members/add");

        using var response = await SubmitAsync(editor, page, $"{GroupPath(id)}/members/add", ("Input.DoctorText", "Qwxz Zyxw"), ("Input.From", "2025-02-01"));
        var result = await response.DocumentAsync();

        Assert.Equal("Ingen læge matcher »Qwxz Zyxw«.", result.QuerySelector(".picker .field-error")?.TextContent);
        Assert.Equal("Qwxz Zyxw", result.QuerySelector("#Input_DoctorText")?.GetAttribute("value"));
    }

    [Fact]
    public async Task AddMember_ThirteenthMember_IsAddedWithTheManyMembersWarning()
    {
        var id = await data.NewGroupAsync(Unique("Stor"));
        var doctors = await data.DoctorsAsync(13, 20);
        foreach (var doctor in doctors.Take(12))
        {
            await data.AddMemberAsync(id, doctor.Id);
        }

        var editor = await EditorAsync();
        var page = await editor.PageAsync($"{GroupPath(id)}/members/add");

        using var response = await SubmitAsync(editor, page, $"{GroupPath(id)}/members/add", ("Input.DoctorId", doctors[12].Id), ("Input.DoctorText", doctors[12].Name), ("Input.From", "2025-02-01"));
        var groupPage = await FollowAsync(editor, response);

        Assert.Contains("flere medlemmer end normen", groupPage.QuerySelector(".warning li")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("13", groupPage.QuerySelector("#member-count")?.TextContent);
    }

    [Fact]
    public async Task ChangeLeaderThenEndTheOldLeader_WorkThroughTheirForms()
    {
        var id = await data.NewGroupAsync(Unique("Leder"));
        var doctors = await data.DoctorsAsync(2, 40);
        var first = await data.AddMemberAsync(id, doctors[0].Id, "LEADER");
        await data.AddMemberAsync(id, doctors[1].Id);
        var editor = await EditorAsync();
        var leaderPage = await editor.PageAsync($"{GroupPath(id)}/leader");

        using var changed = await SubmitAsync(editor, leaderPage, $"{GroupPath(id)}/leader", ("Input.DoctorId", doctors[1].Id), ("Input.From", "2025-03-01"));
        var afterChange = await FollowAsync(editor, changed);
        var group = await data.GroupAsync(id);
        var oldLeader = group.GetProperty("members").GetProperty("nodes").EnumerateArray().First(m => m.GetProperty("doctor").GetProperty("id").GetString() == doctors[0].Id && m.GetProperty("role").GetString() == "MEMBER");
        var endPage = await editor.PageAsync($"{GroupPath(id)}/members/{Uri.EscapeDataString(oldLeader.GetProperty("id").GetString()!)}/end");
        using var ended = await SubmitAsync(editor, endPage, $"{GroupPath(id)}/members/{Uri.EscapeDataString(oldLeader.GetProperty("id").GetString()!)}/end", ("Input.To", "2025-06-01"));
        var afterEnd = await FollowAsync(editor, ended);

        Assert.Equal($"{doctors[1].Name} er gruppeleder for {group.GetProperty("name").GetString()} fra 2025-03-01.", afterChange.QuerySelector("p.status")?.TextContent);
        Assert.Contains(doctors[1].Name, afterChange.QuerySelector("dl.facts")?.TextContent, StringComparison.Ordinal);
        Assert.StartsWith($"{doctors[0].Name}s medlemskab af", afterEnd.QuerySelector("p.status")?.TextContent, StringComparison.Ordinal);
        Assert.NotEqual(first, oldLeader.GetProperty("id").GetString());
    }

    [Fact]
    public async Task EndMembership_ToBeforeTheStart_ShowsTheApisErrorAtTheField()
    {
        var id = await data.NewGroupAsync(Unique("Slut"));
        var membership = await data.AddMemberAsync(id, (await data.DoctorsAsync(1, 60))[0].Id);
        var path = $"{GroupPath(id)}/members/{Uri.EscapeDataString(membership)}/end";
        var editor = await EditorAsync();
        var page = await editor.PageAsync(path);

        using var response = await SubmitAsync(editor, page, path, ("Input.To", "2024-01-01"));
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(result.QuerySelector("[data-valmsg-for='Input.To']")?.TextContent));
        Assert.Equal("2024-01-01", result.QuerySelector("#Input_To")?.GetAttribute("value"));
    }

    [Fact]
    public async Task AssignAdvisor_ChoosesAnActiveAdvisorOfTheRegion()
    {
        var id = await data.NewGroupAsync(Unique("Vejledt"));
        var editor = await EditorAsync();
        var page = await editor.PageAsync($"{GroupPath(id)}/advisor");
        var options = page.QuerySelectorAll("#Input_AdvisorId option[value]").Select(o => o.GetAttribute("value")!).Where(v => v.Length > 0).ToList();
        string? chosen = null;

        foreach (var advisor in options)
        {
            var current = await editor.PageAsync($"{GroupPath(id)}/advisor");
            using var response = await SubmitAsync(editor, current, $"{GroupPath(id)}/advisor", ("Input.AdvisorId", advisor));
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                chosen = advisor;
                break;
            }
        }

        Assert.NotNull(chosen);
        Assert.Equal(chosen, (await data.GroupAsync(id)).GetProperty("advisor").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Dissolve_NeedsTheConfirmationThenEndsTheGroupAndItsMemberships()
    {
        var id = await data.NewGroupAsync(Unique("Opløses"));
        await data.AddMemberAsync(id, (await data.DoctorsAsync(1, 80))[0].Id);
        var editor = await EditorAsync();
        var page = await editor.PageAsync($"{GroupPath(id)}/dissolve");

        using var unconfirmed = await SubmitAsync(editor, page, $"{GroupPath(id)}/dissolve", ("Input.DissolvedOn", "2025-09-01"));
        var refused = await unconfirmed.DocumentAsync();
        using var confirmed = await SubmitAsync(editor, refused, $"{GroupPath(id)}/dissolve", ("Input.DissolvedOn", "2025-09-01"), ("Input.Confirmed", "true"));
        var groupPage = await FollowAsync(editor, confirmed);

        Assert.Equal("Bekræft, at gruppen skal opløses.", refused.QuerySelector("[data-valmsg-for='Input.Confirmed']")?.TextContent);
        Assert.Equal("Opløst fra 2025-09-01", groupPage.QuerySelector("#group-status")?.TextContent);
        var group = await data.GroupAsync(id);
        Assert.Equal("2025-09-01", group.GetProperty("dissolvedOn").GetString());
        Assert.Null(groupPage.QuerySelector("nav.actions"));
    }

    [Fact]
    public async Task ChangeLeader_StaleGroup_SaysSoTakesTheCurrentVersionAndSucceedsOnTheNextTry()
    {
        var id = await data.NewGroupAsync(Unique("Forældet"));
        var doctors = await data.DoctorsAsync(2, 70);
        await data.AddMemberAsync(id, doctors[0].Id, "LEADER");
        await data.AddMemberAsync(id, doctors[1].Id);
        var editor = await EditorAsync();
        var page = await editor.PageAsync($"{GroupPath(id)}/leader");
        var rename = await editor.PageAsync($"{GroupPath(id)}/edit");
        using (var renamed = await SubmitAsync(editor, rename, $"{GroupPath(id)}/edit", ("Input.Name", Unique("Omdøbt imens"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        }

        using var stale = await SubmitAsync(editor, page, $"{GroupPath(id)}/leader", ("Input.DoctorId", doctors[1].Id), ("Input.From", "2025-03-01"));
        var refused = await stale.DocumentAsync();
        using var retried = await SubmitAsync(editor, refused, $"{GroupPath(id)}/leader");

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.StartsWith("Gruppen er ændret af en anden", refused.QuerySelector(".validation-summary-errors li")?.TextContent, StringComparison.Ordinal);
        Assert.NotEqual(page.QuerySelector("#Input_ExpectedVersion")?.GetAttribute("value"), refused.QuerySelector("#Input_ExpectedVersion")?.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        var leader = (await data.GroupAsync(id)).GetProperty("members").GetProperty("nodes").EnumerateArray()
            .Single(m => m.GetProperty("role").GetString() == "LEADER" && m.GetProperty("to").ValueKind == System.Text.Json.JsonValueKind.Null);
        Assert.Equal(doctors[1].Id, leader.GetProperty("doctor").GetProperty("id").GetString());
    }
}

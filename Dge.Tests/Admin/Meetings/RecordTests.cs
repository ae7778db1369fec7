using System.Net;
using AngleSharp.Html.Dom;
using Dge.Api.Access;
using Dge.Tests.Admin.Groups;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Meetings;

/// <summary>Recording a meeting: the group first, then the day, hours, attendees among the members, themes and materials.</summary>
public sealed class RecordTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Path = "/admin/meetings/record";

    private readonly GroupData data = new(host);

    private Task<HttpClient> EditorAsync() =>
        host.Factory.SignedInClientAsync(Roles.Editor, new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<(string Id, List<(string Id, string Name)> Members)> GroupWithMembersAsync(int count, int skip)
    {
        var id = await data.NewGroupAsync($"Mødegruppe {Guid.NewGuid():N}"[..20]);
        var doctors = await data.DoctorsAsync(count, skip);
        foreach (var doctor in doctors)
        {
            await data.AddMemberAsync(id, doctor.Id);
        }

        return (id, doctors);
    }

    private static IEnumerable<KeyValuePair<string, string>> Fields(IHtmlDocument page, params (string Name, string Value)[] extra) =>
        page.QuerySelectorAll("main form[method=post] input[name]")
            .Where(e => e is not IHtmlInputElement { Type: "checkbox" } box || box.IsChecked)
            .Where(e => e.GetAttribute("name") is not "__RequestVerificationToken" && extra.All(x => x.Name != e.GetAttribute("name")))
            .Select(e => KeyValuePair.Create(e.GetAttribute("name")!, e.GetAttribute("value") ?? string.Empty))
            .Concat(extra.Select(x => KeyValuePair.Create(x.Name, x.Value)));

    [Fact]
    public async Task Record_TwoOfThreeMembersAndATheme_RecordsTheMeetingAndSaysSo()
    {
        var (id, members) = await GroupWithMembersAsync(3, 90);
        var editor = await EditorAsync();
        var page = await editor.PageAsync($"{Path}?groupId={Uri.EscapeDataString(id)}");
        var theme = page.QuerySelector("#themes input[type=checkbox]")!.GetAttribute("value")!;
        var attendees = page.QuerySelectorAll("#attendees input[type=checkbox]").Select(b => b.GetAttribute("value")!).ToList();

        using var response = await editor.PostFormAsync(page, $"{Path}?groupId={Uri.EscapeDataString(id)}",
            Fields(page, ("Input.Date", "2025-05-06"), ("Input.DurationHours", "2.5"), ("Input.ThemeIds", theme))
                .Where(f => f.Key != "Input.AttendeeIds" || f.Value != members[2].Id));
        var groupPage = await editor.PageAsync(response.Headers.Location!.ToString());

        Assert.Equal(members.Select(m => m.Id).Order(StringComparer.Ordinal), attendees.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("den 2025-05-06 er registreret med 2 deltagere.", groupPage.QuerySelector("p.status")?.TextContent, StringComparison.Ordinal);
        var meetings = (await data.GroupAsync(id)).GetProperty("meetings");
        Assert.Equal(1, meetings.GetProperty("totalCount").GetInt32());
        Assert.Equal(2, meetings.GetProperty("nodes")[0].GetProperty("attendees").GetProperty("totalCount").GetInt32());
        Assert.Equal("2025-05-06", groupPage.QuerySelector("#meetings tbody td a")?.TextContent);
    }

    [Fact]
    public async Task Record_DurationOutOfRangeAndADayBeforeTheGroup_ShowsTheErrorsAndKeepsTheTicks()
    {
        var (id, members) = await GroupWithMembersAsync(2, 94);
        var editor = await EditorAsync();
        var page = await editor.PageAsync($"{Path}?groupId={Uri.EscapeDataString(id)}");

        using var tooLong = await editor.PostFormAsync(page, $"{Path}?groupId={Uri.EscapeDataString(id)}", Fields(page, ("Input.Date", "2025-05-06"), ("Input.DurationHours", "14")));
        var tooLongPage = await tooLong.DocumentAsync();
        using var tooEarly = await editor.PostFormAsync(page, $"{Path}?groupId={Uri.EscapeDataString(id)}", Fields(page, ("Input.Date", "2020-01-01"), ("Input.DurationHours", "3")));
        var tooEarlyPage = await tooEarly.DocumentAsync();

        Assert.Equal("Varigheden skal være mellem 0,5 og 12 timer.", tooLongPage.QuerySelector("[data-valmsg-for='Input.DurationHours']")?.TextContent);
        Assert.Equal(2, tooLongPage.QuerySelectorAll("#attendees input:checked").Length);
        Assert.NotEmpty(tooEarlyPage.QuerySelectorAll(".validation-summary-errors li"));
        Assert.Equal("2020-01-01", tooEarlyPage.QuerySelector("#Input_Date")?.GetAttribute("value"));
        Assert.Equal(0, (await data.GroupAsync(id)).GetProperty("meetings").GetProperty("totalCount").GetInt32());
        Assert.Equal(2, members.Count);
    }

    [Fact]
    public async Task Record_AMaterialTypedByItsFullTitle_IsAttachedToTheMeeting()
    {
        var (id, _) = await GroupWithMembersAsync(1, 96);
        var material = (await data.QueryAsync("{ learningMaterials(first: 1, where: { kind: { eq: GUIDELINE } }, order: [{ title: DESC }]) { nodes { id title } } }"))
            .GetProperty("learningMaterials").GetProperty("nodes")[0];
        var title = material.GetProperty("title").GetString()!;
        var editor = await EditorAsync();
        var page = await editor.PageAsync($"{Path}?groupId={Uri.EscapeDataString(id)}");

        using var response = await editor.PostFormAsync(page, $"{Path}?groupId={Uri.EscapeDataString(id)}",
            Fields(page, ("Input.Date", "2025-05-07"), ("Input.DurationHours", "2"), ("Input.MaterialText", title)));
        var meetings = await data.QueryAsync(
            "query($id: ID!) { node(id: $id) { ... on DgeGroup { meetings { nodes { materials { nodes { id } } } } } } }", new { id });

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await response.DocumentAsync()).QuerySelector(".validation-summary-errors")?.TextContent);
        var materials = meetings.GetProperty("node").GetProperty("meetings").GetProperty("nodes")[0].GetProperty("materials").GetProperty("nodes");
        Assert.Contains(material.GetProperty("id").GetString(), materials.EnumerateArray().Select(m => m.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task ChooseGroup_ByTypedName_GoesToTheGroupsForm()
    {
        var name = $"Entydig {Guid.NewGuid():N}"[..22];
        var id = await data.NewGroupAsync(name);
        var editor = await EditorAsync();

        using var response = await editor.GetAsync(new Uri($"{Path}?groupText={Uri.EscapeDataString(name)}", UriKind.Relative));
        var form = await editor.PageAsync(response.Headers.Location!.ToString());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"Registrér møde i {name}", form.QuerySelector("h1")?.TextContent);
        Assert.Equal(id, form.QuerySelector("input[name=groupId]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Page_UnknownGroup_Answers404()
    {
        var editor = await EditorAsync();

        using var response = await editor.GetAsync(new Uri($"{Path}?groupId=RG9jdG9yOjE%3D", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

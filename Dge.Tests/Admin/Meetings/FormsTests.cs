using System.Net;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Tests.Admin.Materials;
using Dge.Tests.Infrastructure;
using static Dge.Tests.Admin.Materials.CatalogData;

namespace Dge.Tests.Admin.Meetings;

/// <summary>A meeting's forms: edit (with the conflict of a stale edit) and delete after a confirmation.</summary>
public sealed class FormsTests(AccessHost host) : IClassFixture<AccessHost>
{
    private readonly CatalogData data = new(host);

    private static string MeetingPath(string id) => $"/admin/meetings/{Uri.EscapeDataString(id)}";

    private Task<JsonElement> MeetingAsync(string id) =>
        data.NodeAsync(id, "... on Meeting { date durationHours version attendees { totalCount nodes { id } } themes { totalCount } }");

    [Fact]
    public async Task Edit_Valid_SavesTheHoursAndAttendeesAndSaysSo()
    {
        var (id, _, members) = await data.NewMeetingAsync(60);
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync($"{MeetingPath(id)}/edit");

        using var response = await SubmitAsync(editor, page, $"{MeetingPath(id)}/edit",
            ("Input.DurationHours", "3.5"), ("Input.AttendeeIds", members[0].Id), ("Input.AttendeeIds", members[1].Id), ("Input.AttendeeIds", members[2].Id));
        var meetingPage = await FollowAsync(editor, response);

        Assert.EndsWith("den 2025-05-06 er gemt.", meetingPage.QuerySelector("p.status")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, page.QuerySelectorAll("#attendees input[type=checkbox]").Length);
        var meeting = await MeetingAsync(id);
        Assert.Equal(3.5, meeting.GetProperty("durationHours").GetDouble());
        Assert.Equal(3, meeting.GetProperty("attendees").GetProperty("totalCount").GetInt32());
        Assert.Equal("3", meetingPage.QuerySelector("#attendee-count")?.TextContent);
    }

    [Fact]
    public async Task Edit_TooManyHours_ShowsTheErrorAtTheFieldAndKeepsTheInput()
    {
        var (id, _, _) = await data.NewMeetingAsync(63);
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync($"{MeetingPath(id)}/edit");

        using var response = await SubmitAsync(editor, page, $"{MeetingPath(id)}/edit", ("Input.DurationHours", "20"), ("Input.Date", "2025-05-07"));
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Varigheden skal være mellem 0,5 og 12 timer.", result.QuerySelector("[data-valmsg-for='Input.DurationHours']")?.TextContent);
        Assert.Equal("2025-05-07", result.QuerySelector("#Input_Date")?.GetAttribute("value"));
        Assert.Equal(2.5, (await MeetingAsync(id)).GetProperty("durationHours").GetDouble());
    }

    [Fact]
    public async Task Edit_DayBeforeTheGroupExisted_ShowsTheApisRefusal()
    {
        var (id, _, _) = await data.NewMeetingAsync(66);
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync($"{MeetingPath(id)}/edit");

        using var response = await SubmitAsync(editor, page, $"{MeetingPath(id)}/edit", ("Input.Date", "2020-01-01"));
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(result.QuerySelectorAll(".validation-summary-errors li"));
        Assert.Equal("2025-05-06", (await MeetingAsync(id)).GetProperty("date").GetString());
    }

    [Fact]
    public async Task Edit_Stale_ShowsWhatChangedMeanwhileKeepsTheInputAndOverwritesOnTheNextSave()
    {
        var (id, _, _) = await data.NewMeetingAsync(69);
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync($"{MeetingPath(id)}/edit");
        var other = await editor.PageAsync($"{MeetingPath(id)}/edit");
        using (var first = await SubmitAsync(editor, other, $"{MeetingPath(id)}/edit", ("Input.DurationHours", "4")))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var stale = await SubmitAsync(editor, page, $"{MeetingPath(id)}/edit", ("Input.DurationHours", "1.5"));
        var conflict = await stale.DocumentAsync();
        using var again = await SubmitAsync(editor, conflict, $"{MeetingPath(id)}/edit");

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Mødet er ændret af en anden", conflict.QuerySelector("#conflict")?.TextContent, StringComparison.Ordinal);
        var row = conflict.QuerySelectorAll("#conflict tbody tr").Single();
        Assert.Equal(["Varighed (timer)", "1,5", "4"], row.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal("1.5", conflict.QuerySelector("#Input_DurationHours")?.GetAttribute("value"));
        Assert.Equal($"{MeetingPath(id)}/edit", conflict.QuerySelector("#conflict a")?.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(1.5, (await MeetingAsync(id)).GetProperty("durationHours").GetDouble());
    }

    [Fact]
    public async Task Delete_NotConfirmed_AsksForTheConfirmationAndDeletesNothing()
    {
        var (id, _, _) = await data.NewMeetingAsync(72);
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync($"{MeetingPath(id)}/delete");

        using var response = await SubmitAsync(editor, page, $"{MeetingPath(id)}/delete");
        var result = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bekræft, at mødet skal slettes.", result.QuerySelector("[data-valmsg-for='Input.Confirmed']")?.TextContent);
        Assert.Equal("Meeting", (await MeetingAsync(id)).GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task Delete_Confirmed_DeletesTheMeetingAndShowsTheGroupsMeetings()
    {
        var (id, groupId, _) = await data.NewMeetingAsync(75);
        var editor = await data.EditorAsync();
        var page = await editor.PageAsync($"{MeetingPath(id)}/delete");

        using var response = await SubmitAsync(editor, page, $"{MeetingPath(id)}/delete", ("Input.Confirmed", "true"));
        var list = await FollowAsync(editor, response);

        Assert.Equal($"/admin/meetings?group={Uri.EscapeDataString(groupId)}", response.Headers.Location?.ToString());
        Assert.EndsWith("den 2025-05-06 er slettet.", list.QuerySelector("p.status")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Ingen møder matcher.", list.QuerySelector("#meetings + p.muted")?.TextContent);
        Assert.Equal(JsonValueKind.Null, (await MeetingAsync(id)).ValueKind);
    }

    [Theory]
    [InlineData("{0}/edit")]
    [InlineData("{0}/delete")]
    public async Task FormPage_Reader_Answers403ForGetAndPostAndNothingChanges(string template)
    {
        var (id, _, _) = await data.NewMeetingAsync(78);
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, MeetingPath(id));
        var reader = await host.SignedInAsync(Roles.Reader);
        var before = (await MeetingAsync(id)).ToString();

        using var get = await reader.GetAsync(new Uri(path, UriKind.Relative));
        var forbidden = await get.DocumentAsync();
        using var post = await reader.PostFormAsync(forbidden, path, [new("Input.DurationHours", "5"), new("Input.Date", "2025-05-06"), new("Input.Confirmed", "true")]);

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(before, (await MeetingAsync(id)).ToString());
    }
}

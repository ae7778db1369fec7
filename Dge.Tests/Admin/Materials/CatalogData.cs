using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Dge.Api.Access;
using Dge.Tests.Admin.Groups;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Materials;

/// <summary>
/// The catalog page tests' own data (themes, materials, meetings), made and read through the API with an Editor key, and
/// the form helpers their tests share.
/// </summary>
internal sealed class CatalogData(AccessHost host)
{
    private readonly GroupData groups = new(host);

    public GroupData Groups => groups;

    public Task<JsonElement> QueryAsync(string query, object? variables = null) => groups.QueryAsync(query, variables);

    public static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 9)];

    /// <summary>A theme code of its own (at most 10 characters).</summary>
    public static string UniqueCode() => "Z" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    public async Task<string> NewThemeAsync(string code, string category = "Testkategori")
    {
        var data = await QueryAsync(
            "mutation($input: CreateThemeInput!) { createTheme(input: $input) { theme { id } errors { __typename ... on Error { message } } } }",
            new { input = new { code, nameDa = $"Emne {code}", nameEn = $"Theme {code}", category } });
        return data.GetProperty("createTheme").GetProperty("theme").GetProperty("id").GetString()!;
    }

    public async Task<string> NewMaterialAsync(string title, params string[] themeIds)
    {
        var data = await QueryAsync(
            "mutation($input: CreateLearningMaterialInput!) { createLearningMaterial(input: $input) { learningMaterial { id } errors { __typename ... on Error { message } } } }",
            new { input = new { title, kind = "MODULE", publisher = "DSAM", publishedOn = "2024-01-01", url = "https://example.org/m", themeIds, intendedFor = new[] { "DGE" } } });
        return data.GetProperty("createLearningMaterial").GetProperty("learningMaterial").GetProperty("id").GetString()!;
    }

    /// <summary>A new group with three members and one meeting of theirs on 2025-05-06 (2.5 hours, two attending): the ids.</summary>
    public async Task<(string MeetingId, string GroupId, List<(string Id, string Name)> Members)> NewMeetingAsync(int skip, string[]? themeIds = null, string[]? materialIds = null)
    {
        var groupId = await groups.NewGroupAsync(Unique("Katalogmøde"));
        var members = await groups.DoctorsAsync(3, skip);
        foreach (var member in members)
        {
            await groups.AddMemberAsync(groupId, member.Id);
        }

        var data = await QueryAsync(
            "mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { meeting { id } errors { __typename ... on Error { message } } } }",
            new { input = new { groupId, date = "2025-05-06", durationHours = 2.5, attendeeIds = members.Take(2).Select(m => m.Id).ToArray(), themeIds = themeIds ?? [], materialIds = materialIds ?? [] } });
        var meeting = data.GetProperty("recordMeeting").GetProperty("meeting");
        Assert.Equal(JsonValueKind.Object, meeting.ValueKind);
        return (meeting.GetProperty("id").GetString()!, groupId, members);
    }

    public async Task<JsonElement> NodeAsync(string id, string fields) =>
        (await QueryAsync($"query($id: ID!) {{ node(id: $id) {{ __typename {fields} }} }}", new { id })).GetProperty("node");

    public Task<HttpClient> EditorAsync() =>
        host.Factory.SignedInClientAsync(Roles.Editor, new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Posts the page's form as it stands (ticked boxes only), with <paramref name="fields"/> changed; a field with several values may be given more than once.</summary>
    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, IHtmlDocument page, string path, params (string Name, string Value)[] fields)
    {
        var form = page.QuerySelector("main form[method=post]")!;
        var values = form.QuerySelectorAll("input[name], select[name]")
            .Where(e => e is not IHtmlInputElement { Type: "checkbox" or "radio" } box || box.IsChecked)
            .Select(e => (Name: e.GetAttribute("name")!, Value: e is IHtmlSelectElement select ? select.Value ?? string.Empty : e.GetAttribute("value") ?? string.Empty))
            .Where(v => v.Name != "__RequestVerificationToken" && fields.All(f => f.Name != v.Name))
            .Concat(fields.Where(f => f.Value is not null));
        return client.PostFormAsync(page, path, values.Select(v => KeyValuePair.Create(v.Name, v.Value)));
    }

    /// <summary>The page a successful post redirects to (the validation summary in the failure message otherwise).</summary>
    public static async Task<IHtmlDocument> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await response.DocumentAsync()).QuerySelector(".validation-summary-errors")?.TextContent ?? response.StatusCode.ToString());
        return await client.PageAsync(response.Headers.Location!.ToString());
    }
}

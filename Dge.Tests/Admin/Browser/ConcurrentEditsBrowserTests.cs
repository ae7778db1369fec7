using System.Text.Json;
using Microsoft.Playwright;

namespace Dge.Tests.Admin.Browser;

/// <summary>
/// Two secretaries in two browser sessions (their own sign-ins and cookies) working on one group at once, through the
/// admin shell's forms: the second save of an edit shows the conflict and overwrites nothing; adding the same doctor, or
/// two leaders, at the same moment leaves one membership and one leader, and the loser sees why at the form.
/// </summary>
public sealed class ConcurrentEditsBrowserTests
{
    [Fact]
    public async Task Group_TwoSessionsEditAndAddMembersAtOnce_SecondSaveShowsConflictAndRulesHold()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var browser = await AdminBrowser.StartAsync(timeout.Token);
        await browser.SignInAsAdminAsync();
        var first = browser.Page;
        var second = await browser.SignInInNewContextAsync(await browser.CreateUserAsync("Editor"));
        var (groupId, name) = await CreateGroupAsync(browser);
        var doctors = (await DoctorsAsync(browser)).Take(3).ToList();
        var groupUrl = $"admin/groups/{Uri.EscapeDataString(groupId)}";

        // Both open the edit form on the same version; the first save wins, the second shows what changed meanwhile.
        await first.GotoAsync(groupUrl + "/edit");
        await second.GotoAsync(groupUrl + "/edit");
        await first.GetByLabel("Navn").FillAsync(name + " (første)");
        await first.GetByRole(AriaRole.Button, new() { Name = "Gem" }).ClickAsync();
        await Assertions.Expect(first.Locator("p.status")).ToHaveTextAsync($"Gruppen {name} (første) er gemt.");
        await second.GetByLabel("Navn").FillAsync(name + " (anden)");
        await second.GetByRole(AriaRole.Button, new() { Name = "Gem" }).ClickAsync();
        await Assertions.Expect(second.Locator("#conflict")).ToContainTextAsync("Gruppen er ændret af en anden, mens du redigerede.");
        await Assertions.Expect(second.Locator("#conflict tbody tr")).ToContainTextAsync($"{name} (første)");
        await Assertions.Expect(second.GetByLabel("Navn")).ToHaveValueAsync(name + " (anden)");
        var group = await GroupAsync(browser, groupId);
        Assert.Equal(name + " (første)", group.GetProperty("name").GetString());
        Assert.Equal(1, await AuditCountAsync(browser, "updateGroup", groupId));
        var added = await AuditCountAsync(browser, "addGroupMember");

        // Both add the same doctor from the same day, sending at the same moment: one membership, one refusal at the form.
        await Task.WhenAll(FillAddMemberAsync(first, groupUrl, doctors[0].Name, "MEMBER"), FillAddMemberAsync(second, groupUrl, doctors[0].Name, "MEMBER"));
        await Task.WhenAll(SubmitAddMemberAsync(first), SubmitAddMemberAsync(second));
        Assert.Equal(1, await OutcomeCountAsync([first, second], "er tilføjet til"));
        Assert.Single(MembersOf(await GroupAsync(browser, groupId)), m => m.DoctorId == doctors[0].Id);

        // Both name a different leader for the leaderless group at the same moment: one leader, the other refused at the form.
        await Task.WhenAll(FillAddMemberAsync(first, groupUrl, doctors[1].Name, "LEADER"), FillAddMemberAsync(second, groupUrl, doctors[2].Name, "LEADER"));
        await Task.WhenAll(SubmitAddMemberAsync(first), SubmitAddMemberAsync(second));
        Assert.Equal(1, await OutcomeCountAsync([first, second], "er tilføjet til"));
        var members = MembersOf(await GroupAsync(browser, groupId));
        Assert.Single(members, m => m.Role == "LEADER");
        Assert.Equal(2, members.Count);
        Assert.Equal(added + 2, await AuditCountAsync(browser, "addGroupMember"));
        Assert.Equal(1, await AuditCountAsync(browser, "updateGroup", groupId));
    }

    private static async Task FillAddMemberAsync(IPage page, string groupUrl, string doctor, string role)
    {
        await page.GotoAsync(groupUrl + "/members/add");
        await page.GetByLabel("Læge", new() { Exact = true }).PressSequentiallyAsync(doctor);
        await page.GetByRole(AriaRole.Option, new() { Name = doctor }).First.ClickAsync();
        await page.GetByLabel("Fra").FillAsync("2025-02-01");
        await page.GetByLabel("Rolle").SelectOptionAsync(role);
    }

    private static Task SubmitAddMemberAsync(IPage page) =>
        page.GetByRole(AriaRole.Button, new() { Name = "Tilføj medlem" }).ClickAsync();

    // After both sends: each page shows either the success message or the refusal in its error summary, never neither.
    private static async Task<int> OutcomeCountAsync(IReadOnlyList<IPage> pages, string success)
    {
        var succeeded = 0;
        foreach (var page in pages)
        {
            var outcome = page.Locator("p.status, .error-summary li");
            await Assertions.Expect(outcome.First).ToBeVisibleAsync();
            var text = await outcome.First.TextContentAsync() ?? string.Empty;
            if (text.Contains(success, StringComparison.Ordinal))
            {
                succeeded++;
            }
            else
            {
                await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Tilføj medlem til");
            }
        }

        return succeeded;
    }

    private static async Task<(string Id, string Name)> CreateGroupAsync(AdminBrowser browser)
    {
        var kapUnit = (await browser.GraphQLAsync("{ kapUnits(first: 1) { nodes { id } } }")).GetProperty("kapUnits").GetProperty("nodes")[0].GetProperty("id").GetString();
        var name = $"Samtidig {Guid.NewGuid():N}"[..18];
        var created = (await browser.GraphQLAsync(
            "mutation($input: CreateGroupInput!) { createGroup(input: $input) { group { id } errors { __typename } } }",
            new { input = new { name, kind = "DGE", kapUnitId = kapUnit, foundedOn = "2025-01-01" } })).GetProperty("createGroup");
        return (created.GetProperty("group").GetProperty("id").GetString()!, name);
    }

    private static async Task<JsonElement> GroupAsync(AdminBrowser browser, string id) =>
        (await browser.GraphQLAsync(
            "query($id: ID!) { node(id: $id) { ... on DgeGroup { name version memberships(first: 50) { nodes { role doctor { id } } } } } }",
            new { id })).GetProperty("node");

    private static List<(string DoctorId, string Role)> MembersOf(JsonElement group) =>
        [.. group.GetProperty("memberships").GetProperty("nodes").EnumerateArray()
            .Select(m => (m.GetProperty("doctor").GetProperty("id").GetString()!, m.GetProperty("role").GetString()!))];

    // The audit entries of an operation, on one entity or on any: the host is this test's own, so any is this test's.
    private static async Task<int> AuditCountAsync(AdminBrowser browser, string operation, string? entityId = null) =>
        (await browser.GraphQLAsync(
            "query($where: AuditEntryFilterInput) { auditLog(first: 1, where: $where) { totalCount } }",
            new { where = entityId is null ? (object)new { operation = new { eq = operation } } : new { operation = new { eq = operation }, entityId = new { eq = entityId } } }))
        .GetProperty("auditLog").GetProperty("totalCount").GetInt32();

    /// <summary>Active GPs whose full names are unique in the country, so typing the name finds exactly them.</summary>
    private static async Task<IEnumerable<(string Id, string Name)>> DoctorsAsync(AdminBrowser browser)
    {
        var data = await browser.GraphQLAsync("{ doctors(first: 100, where: { phase: { eq: GP } }, order: [{ lastName: DESC }]) { nodes { id firstName lastName } } }");
        var doctors = data.GetProperty("doctors").GetProperty("nodes").EnumerateArray()
            .Select(d => (Id: d.GetProperty("id").GetString()!, Name: $"{d.GetProperty("firstName").GetString()} {d.GetProperty("lastName").GetString()}"))
            .ToList();
        return doctors.GroupBy(d => d.Name, StringComparer.Ordinal).Where(g => g.Count() == 1).Select(g => g.Single());
    }
}

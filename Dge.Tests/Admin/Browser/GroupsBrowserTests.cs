using Microsoft.Playwright;

namespace Dge.Tests.Admin.Browser;

/// <summary>
/// A secretary's day with a group, in Chromium: sign in, create a group (after a validation error at its field), add six
/// members with the search-as-you-type picker, record a meeting, and see the change on the group's page, in the audit log
/// and through /graphql; a stale edit answered with the conflict; a Reader kept from the edit page. axe on every page type.
/// </summary>
public sealed class GroupsBrowserTests
{
    [Fact]
    public async Task Group_CreateAddSixMembersRecordMeeting_ShowsEverywhereWithConflictAndReaderRefused()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var browser = await AdminBrowser.StartAsync(timeout.Token);
        var page = browser.Page;
        var doctors = (await DoctorsAsync(browser)).Take(6).ToList();
        var name = $"Browsergruppen {Guid.NewGuid():N}"[..22];
        await browser.SignInAsAdminAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Grupper", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#groups tbody tr")).ToHaveCountAsync(25);
        await browser.CheckAccessibilityAsync("groups list");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ny gruppe" }).ClickAsync();
        await page.GetByLabel("KAP-enhed").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret gruppe" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.Name']")).ToHaveTextAsync("Skriv gruppens navn.");
        await Assertions.Expect(page.GetByLabel("Navn")).ToHaveAttributeAsync("aria-invalid", "true");
        await browser.CheckAccessibilityAsync("create group with an error");
        await page.GetByLabel("Navn").FillAsync(name);
        await page.GetByLabel("Stiftet").FillAsync("2025-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret gruppe" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync($"Gruppen {name} er oprettet.");
        var groupUrl = page.Url;

        foreach (var (doctor, index) in doctors.Select((d, i) => (d, i)))
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Tilføj medlem" }).ClickAsync();
            await page.GetByLabel("Læge", new() { Exact = true }).PressSequentiallyAsync(doctor.Name);
            await page.GetByRole(AriaRole.Option, new() { Name = doctor.Name }).First.ClickAsync();
            await page.GetByLabel("Fra").FillAsync("2025-02-01");
            await page.GetByLabel("Rolle").SelectOptionAsync(index == 0 ? "LEADER" : "MEMBER");
            if (index == 0)
            {
                await browser.CheckAccessibilityAsync("add member with suggestions");
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Tilføj medlem" }).ClickAsync();
            await Assertions.Expect(page.Locator("p.status")).ToContainTextAsync($"{doctor.Name} er tilføjet til {name}");
        }

        await Assertions.Expect(page.Locator("#member-count")).ToHaveTextAsync("6");
        await Assertions.Expect(page.Locator("dl.facts")).ToContainTextAsync(doctors[0].Name);

        await page.GetByRole(AriaRole.Link, new() { Name = "Registrér møde" }).ClickAsync();
        await page.GetByLabel("Dato").FillAsync("2025-03-10");
        await page.GetByLabel("Varighed (timer)").FillAsync("3");
        await page.Locator("#attendees label", new() { HasText = doctors[5].Name }).Locator("input").UncheckAsync();
        await page.Locator("#theme-filter").FillAsync("a");
        await page.Locator("#themes label:not([hidden]) input").First.CheckAsync();
        await browser.CheckAccessibilityAsync("record meeting");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrér møde" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.status")).ToHaveTextAsync($"Mødet i {name} den 2025-03-10 er registreret med 5 deltagere.");
        await Assertions.Expect(page.Locator("#meetings tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#themes li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("table.history tbody tr", new() { HasText = "createGroup" })).ToHaveCountAsync(1);
        await browser.CheckAccessibilityAsync("group details");
        await browser.ScreenshotAsync("group");

        var id = Uri.UnescapeDataString(new Uri(groupUrl).AbsolutePath["/admin/groups/".Length..]);
        var graph = (await browser.GraphQLAsync(
            "query($id: ID!) { node(id: $id) { ... on DgeGroup { name members { totalCount } meetings { nodes { attendees { totalCount } } } } } }", new { id })).GetProperty("node");
        Assert.Equal(name, graph.GetProperty("name").GetString());
        Assert.Equal(6, graph.GetProperty("members").GetProperty("totalCount").GetInt32());
        Assert.Equal(5, graph.GetProperty("meetings").GetProperty("nodes")[0].GetProperty("attendees").GetProperty("totalCount").GetInt32());

        await page.GetByRole(AriaRole.Link, new() { Name = "Hele historikken i revisionsloggen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#audit tbody tr", new() { HasText = "createGroup" })).ToHaveCountAsync(1);

        await page.GotoAsync(groupUrl + "/edit");
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync(groupUrl + "/edit");
        await other.GetByLabel("Navn").FillAsync(name + " (ny)");
        await other.GetByRole(AriaRole.Button, new() { Name = "Gem" }).ClickAsync();
        await Assertions.Expect(other.Locator("p.status")).ToHaveTextAsync($"Gruppen {name} (ny) er gemt.");
        await page.GetByLabel("Navn").FillAsync(name + " (min)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem" }).ClickAsync();
        await Assertions.Expect(page.Locator("#conflict")).ToContainTextAsync("Gruppen er ændret af en anden, mens du redigerede.");
        await Assertions.Expect(page.Locator("#conflict tbody tr")).ToContainTextAsync($"{name} (ny)");
        await Assertions.Expect(page.GetByLabel("Navn")).ToHaveValueAsync(name + " (min)");
        await browser.CheckAccessibilityAsync("edit conflict");
        await page.Locator("#conflict").GetByRole(AriaRole.Link, new() { Name = "genindlæs" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Navn")).ToHaveValueAsync(name + " (ny)");

        var reader = await browser.SignInInNewContextAsync(await browser.CreateUserAsync("Reader"));
        var refused = await reader.GotoAsync(groupUrl + "/edit");
        Assert.Equal(403, refused?.Status);
        await Assertions.Expect(reader.Locator("h1")).ToHaveTextAsync("Ingen adgang");
        await reader.GotoAsync(groupUrl);
        await Assertions.Expect(reader.Locator("h1")).ToHaveTextAsync(name + " (ny)");
        await Assertions.Expect(reader.GetByRole(AriaRole.Link, new() { Name = "Rediger" })).ToHaveCountAsync(0);

        Assert.Empty(browser.Violations);
    }

    /// <summary>Active GPs whose full names are unique in the country, so typing the name finds exactly them.</summary>
    private static async Task<IEnumerable<(string Id, string Name)>> DoctorsAsync(AdminBrowser browser)
    {
        var data = await browser.GraphQLAsync("{ doctors(first: 100, where: { phase: { eq: GP } }, order: [{ lastName: ASC }]) { nodes { id firstName lastName } } }");
        var doctors = data.GetProperty("doctors").GetProperty("nodes").EnumerateArray()
            .Select(d => (Id: d.GetProperty("id").GetString()!, Name: $"{d.GetProperty("firstName").GetString()} {d.GetProperty("lastName").GetString()}"))
            .ToList();
        return doctors.GroupBy(d => d.Name, StringComparer.Ordinal).Where(g => g.Count() == 1).Select(g => g.Single());
    }
}

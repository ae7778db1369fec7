using Microsoft.Playwright;

namespace Dge.Tests.Admin.Browser;

/// <summary>
/// The doctor, clinic and coordinator pages in Chromium: a new doctor (after a validation error at its field), employed in a
/// clinic by its ydernummer, edited; the clinic's page and its forms; the coordinators' list, a coordinator's page and the
/// doctor link form. axe on every page type.
/// </summary>
public sealed class PeopleBrowserTests
{
    [Fact]
    public async Task People_CreateDoctorEmployEditAndVisitClinicAndCoordinator_WorkWithoutSeriousAccessibilityViolations()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var browser = await AdminBrowser.StartAsync(timeout.Token);
        var page = browser.Page;
        var lastName = $"Browsersen {Guid.NewGuid():N}"[..19];
        await browser.SignInAsAdminAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Klinikker", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#clinics tbody tr")).ToHaveCountAsync(25);
        await browser.CheckAccessibilityAsync("clinics list");
        var clinicName = await page.Locator("#clinics tbody tr td:first-child a").First.TextContentAsync();
        var ydernummer = await page.Locator("#clinics tbody tr td:nth-child(2)").First.TextContentAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Læger", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#doctors tbody tr")).ToHaveCountAsync(25);
        await browser.CheckAccessibilityAsync("doctors list");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ny læge" }).ClickAsync();
        await page.GetByLabel("Efternavn").FillAsync(lastName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret læge" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.FirstName']")).ToHaveTextAsync("Skriv fornavnet.");
        await Assertions.Expect(page.GetByLabel("Efternavn")).ToHaveValueAsync(lastName);
        await browser.CheckAccessibilityAsync("create doctor with an error");
        await page.GetByLabel("Fornavn").FillAsync("Bo");
        await page.GetByLabel("Nedsat (kræves for praktiserende og pensionerede læger)").FillAsync("2025-06-01");
        await page.GetByLabel("E-mail").FillAsync("bo@browser.test");
        await page.GetByLabel("Telefon").FillAsync("20304050");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret læge" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Bo {lastName}");
        await Assertions.Expect(page.Locator("p.status")).ToContainTextAsync($"Lægen Bo {lastName} er oprettet.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Ny ansættelse" }).ClickAsync();
        await page.GetByLabel("Klinik", new() { Exact = true }).FillAsync(ydernummer!);
        await page.GetByLabel("Fra").FillAsync("2025-07-01");
        await browser.CheckAccessibilityAsync("start employment");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret ansættelsen" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.status")).ToHaveTextAsync($"Bo {lastName} er ansat i {clinicName} fra 2025-07-01.");
        await Assertions.Expect(page.Locator("#coverage-status")).ToContainTextAsync("Nynedsat");
        await browser.CheckAccessibilityAsync("doctor details");

        await page.Locator("nav.actions").GetByRole(AriaRole.Link, new() { Name = "Rediger" }).ClickAsync();
        await page.GetByLabel("Telefon").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.Phone']")).ToHaveTextAsync("Skriv telefonnummeret.");
        await browser.CheckAccessibilityAsync("edit doctor with an error");
        await page.GetByLabel("Telefon").FillAsync("20304060");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem" }).ClickAsync();
        await Assertions.Expect(page.Locator("#doctor-phone")).ToHaveTextAsync("20304060");

        await page.Locator("#employments a", new() { HasText = clinicName! }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(clinicName!);
        await Assertions.Expect(page.Locator("#doctors a", new() { HasText = lastName })).ToHaveCountAsync(1);
        await browser.CheckAccessibilityAsync("clinic details");
        await page.GetByRole(AriaRole.Link, new() { Name = "Flyt til anden klynge" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Ny klynge")).ToBeVisibleAsync();
        await browser.CheckAccessibilityAsync("move clinic");
        await page.GoBackAsync();
        await page.Locator("nav.actions").GetByRole(AriaRole.Link, new() { Name = "Rediger" }).ClickAsync();
        await page.GetByLabel("Ydernummer").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.Ydernummer']")).ToHaveTextAsync("Ydernummeret er seks cifre.");
        await browser.CheckAccessibilityAsync("edit clinic with an error");

        await page.GetByRole(AriaRole.Link, new() { Name = "Koordinatorer", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#coordinators tbody tr").First).ToBeVisibleAsync();
        await browser.CheckAccessibilityAsync("coordinators list");
        await page.Locator("#coordinators tbody tr td:first-child a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#coordinator-role")).Not.ToBeEmptyAsync();
        await browser.CheckAccessibilityAsync("coordinator details");
        await page.GetByRole(AriaRole.Link, new() { Name = "Knyt til læge" }).ClickAsync();
        await page.GetByLabel("Læge", new() { Exact = true }).PressSequentiallyAsync(lastName);
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = $"Bo {lastName}" }).First).ToBeVisibleAsync();
        await browser.CheckAccessibilityAsync("link coordinator to doctor with suggestions");
        await page.GetByRole(AriaRole.Link, new() { Name = "Koordinatorer", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ny koordinator" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret koordinator" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.Name']")).ToHaveTextAsync("Skriv navnet.");
        await browser.CheckAccessibilityAsync("create coordinator with an error");

        Assert.Empty(browser.Violations);
    }
}

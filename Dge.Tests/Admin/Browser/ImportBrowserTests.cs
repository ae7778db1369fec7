using Dge.Tests.Admin.Import;
using Microsoft.Playwright;

namespace Dge.Tests.Admin.Browser;

/// <summary>
/// The group import in Chromium: a file with one bad row is previewed with that row's problem and nothing is written; the
/// corrected file imports, with the progress bar while it runs; axe finds no serious or critical violation on the way.
/// </summary>
public sealed class ImportBrowserTests
{
    [Fact]
    public async Task Import_BadRowThenCleanFile_PreviewsTheProblemWritesNothingThenImports()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var browser = await AdminBrowser.StartAsync(timeout.Token);
        using var api = new HttpClient { BaseAddress = browser.BaseAddress };
        var (kapUnit, clinicians) = await ImportData.ReferencesAsync(api);
        var prefix = $"Browserimport {Guid.NewGuid():N}";
        var clean = ImportData.Groups(kapUnit, clinicians, skip: 0, $"{prefix} A", $"{prefix} B");
        var withBadRow = clean.Take(2).Append(ImportData.Row($"{prefix} A", kapUnit, (clinicians[0].Ydernummer, "Ingen Sådan Læge"))).Concat(clean.Skip(2)).ToList();
        await browser.SignInAsAdminAsync();
        var page = browser.Page;

        await page.GotoAsync("admin/import");
        await browser.CheckAccessibilityAsync("import");
        await page.GetByLabel("CSV-fil med grupper og medlemmer").SetInputFilesAsync(new FilePayload { Name = "grupper.csv", MimeType = "text/csv", Buffer = ImportData.File(withBadRow) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis forhåndsvisning" }).ClickAsync();

        await Assertions.Expect(page.Locator("#import-summary")).ToContainTextAsync("2 grupper, 7 medlemmer, 1 række med fejl");
        await Assertions.Expect(page.Locator("#preview tbody tr.problem")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#preview tbody tr.problem")).ToContainTextAsync("Lægen »Ingen Sådan Læge« findes ikke");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Importér" })).ToHaveCountAsync(0);
        Assert.Empty(await ImportData.GroupNamesAsync(api, prefix));
        await browser.CheckAccessibilityAsync("import preview with a problem");

        await page.GetByLabel("CSV-fil med grupper og medlemmer").SetInputFilesAsync(new FilePayload { Name = "grupper-rettet.csv", MimeType = "text/csv", Buffer = ImportData.File(clean) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis forhåndsvisning" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-summary")).ToContainTextAsync("2 grupper, 6 medlemmer, ingen rækker med fejl");
        await browser.CheckAccessibilityAsync("clean import preview");
        // The first press is kept from leaving the page (a listener after the page's own), to see the progress bar the
        // script shows while the server works; then the form is sent for real.
        var importForm = page.Locator("form[action$='handler=Import']");
        await Assertions.Expect(importForm.Locator("progress")).ToBeHiddenAsync();
        await importForm.EvaluateAsync("form => form.addEventListener('submit', event => event.preventDefault())");
        await page.GetByRole(AriaRole.Button, new() { Name = "Importér" }).ClickAsync();
        await Assertions.Expect(importForm.Locator("progress")).ToBeVisibleAsync();
        await Assertions.Expect(importForm.Locator("[data-progress] [role=status]")).ToContainTextAsync("Importerer 6 rækker");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Importér" })).ToBeDisabledAsync();
        await importForm.EvaluateAsync("form => form.submit()");

        await Assertions.Expect(page.Locator("p.status")).ToContainTextAsync($"Importeret fra grupper-rettet.csv: 2 grupper med 6 medlemskaber: {prefix} A, {prefix} B.");
        Assert.Equal([$"{prefix} A", $"{prefix} B"], (await ImportData.GroupNamesAsync(api, prefix)).Order(StringComparer.Ordinal));
        await browser.CheckAccessibilityAsync("import done");
        Assert.Empty(browser.Violations);
    }
}

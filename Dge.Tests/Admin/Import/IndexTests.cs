using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Dge.Admin.Areas.Admin.Pages.Import;
using Dge.Api.Access;
using Dge.Api.Groups;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Import;

/// <summary>The group import page: upload, a preview of every row with its problems, then the import, all or nothing. Editors only.</summary>
public sealed class IndexTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Path = "/admin/import";

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, IHtmlDocument page, byte[] file, string fileName = "grupper.csv")
    {
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(file), "upload", fileName },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        return await client.PostAsync(new Uri($"{Path}?handler=Preview", UriKind.Relative), content);
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, IHtmlDocument preview, string? content = null) =>
        client.PostFormAsync(preview, $"{Path}?handler=Import",
        [
            new("content", content ?? preview.QuerySelector("input[name=content]")!.GetAttribute("value")!),
            new("fileName", preview.QuerySelector("input[name=fileName]")!.GetAttribute("value")!),
        ]);

    private static string Prefix() => $"Importside {Guid.NewGuid():N}";

    [Fact]
    public async Task Page_Reader_Answers403()
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri(Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Preview_OneBadRow_ShowsItsProblemOffersNoImportAndWritesNothing()
    {
        var editor = await host.SignedInAsync(Roles.Editor);
        var (kapUnit, clinicians) = await ImportData.ReferencesAsync(host.Anonymous());
        var prefix = Prefix();
        var rows = ImportData.Groups(kapUnit, clinicians, skip: 0, $"{prefix} A", $"{prefix} B");
        rows.Insert(2, ImportData.Row($"{prefix} A", kapUnit, ("000000", clinicians[10].Doctor)));

        using var response = await UploadAsync(editor, await editor.PageAsync(Path), ImportData.File(rows));
        var page = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(7, page.QuerySelectorAll("#preview tbody tr").Length);
        var bad = Assert.Single(page.QuerySelectorAll("#preview tbody tr.problem"));
        Assert.Equal("4", bad.GetAttribute("data-line"));
        Assert.Contains("Ingen klinik har ydernummer »000000«", bad.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 grupper, 7 medlemmer, 1 række med fejl", page.QuerySelector("#import-summary")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("input[name=content]"));
        Assert.Empty(await ImportData.GroupNamesAsync(host.Anonymous(), prefix));
    }

    [Fact]
    public async Task Import_CleanFile_CreatesTheGroupsAndSaysWhich()
    {
        var editor = await host.SignedInAsync(Roles.Editor);
        var (kapUnit, clinicians) = await ImportData.ReferencesAsync(host.Anonymous());
        var prefix = Prefix();
        using var previewed = await UploadAsync(editor, await editor.PageAsync(Path), ImportData.File(ImportData.Groups(kapUnit, clinicians, skip: 12, $"{prefix} A", $"{prefix} B")));
        var preview = await previewed.DocumentAsync();
        Assert.Contains("2 grupper, 6 medlemmer, ingen rækker med fejl", preview.QuerySelector("#import-summary")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(await ImportData.GroupNamesAsync(host.Anonymous(), prefix));

        using var response = await ImportAsync(editor, preview);
        var page = await response.DocumentAsync();

        Assert.Equal(Path, response.RequestMessage!.RequestUri!.AbsolutePath, ignoreCase: true);
        Assert.Contains($"2 grupper med 6 medlemskaber: {prefix} A, {prefix} B.", page.QuerySelector("p.status")?.TextContent, StringComparison.Ordinal);
        Assert.Equal([$"{prefix} A", $"{prefix} B"], (await ImportData.GroupNamesAsync(host.Anonymous(), prefix)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Import_ContentChangedInTheForm_IsRefusedAndWritesNothing()
    {
        var editor = await host.SignedInAsync(Roles.Editor);
        var (kapUnit, clinicians) = await ImportData.ReferencesAsync(host.Anonymous());
        var prefix = Prefix();
        using var previewed = await UploadAsync(editor, await editor.PageAsync(Path), ImportData.File(ImportData.Groups(kapUnit, clinicians, skip: 24, prefix)));
        var preview = await previewed.DocumentAsync();
        var content = preview.QuerySelector("input[name=content]")!.GetAttribute("value")!;

        using var response = await ImportAsync(editor, preview, content[..^4] + (content.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"));
        var page = await response.DocumentAsync();

        Assert.Contains("Forhåndsvisningen er udløbet eller ændret", page.QuerySelector("[data-valmsg-for=upload]")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(await ImportData.GroupNamesAsync(host.Anonymous(), prefix));
    }

    [Fact]
    public async Task Preview_FileOverOneMegabyte_SaysHowLargeItMayBe()
    {
        var editor = await host.SignedInAsync(Roles.Editor);
        var file = Encoding.UTF8.GetBytes(ImportData.Header + "\r\n" + new string('x', 1_200_000));

        using var response = await UploadAsync(editor, await editor.PageAsync(Path), file);
        var page = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Filen fylder 1,1 MB; højst 1,0 MB ad gangen. Del den op i flere filer.", page.QuerySelector("[data-valmsg-for=upload]")?.TextContent);
        Assert.Null(page.QuerySelector("#preview"));
    }

    [Fact]
    public async Task Preview_MoreRowsThanTheApiTakes_SaysHowManyItMayHave()
    {
        var editor = await host.SignedInAsync(Roles.Editor);
        var rows = Enumerable.Range(0, GroupImport.MaxRows + 1).Select(i => $"Gruppe {i / 10};KAP-H;DGE;01-03-2025;012345;Læge {i};medlem;");

        using var response = await UploadAsync(editor, await editor.PageAsync(Path), ImportData.File(rows));
        var page = await response.DocumentAsync();

        Assert.Equal(GroupImport.MaxRows, IndexModel.MaxRows);
        Assert.Equal("Filen har 2.001 rækker; højst 2.000 ad gangen. Del den op i flere filer.", page.QuerySelector("[data-valmsg-for=upload]")?.TextContent);
    }

    [Fact]
    public async Task Preview_NoHeaderRow_SaysWhichColumnsTheFirstLineNeeds()
    {
        var editor = await host.SignedInAsync(Roles.Editor);

        using var response = await UploadAsync(editor, await editor.PageAsync(Path), Encoding.UTF8.GetBytes("Gruppe 1;KAP-H;DGE;01-03-2025;012345;Anne Sørensen;medlem;\r\n"));
        var page = await response.DocumentAsync();

        Assert.StartsWith("Første linje skal være overskrifterne: gruppe;kap_enhed;type;stiftet;ydernummer;laege;rolle;fra", page.QuerySelector("[data-valmsg-for=upload]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_IsUtf8WithBomSemicolonsAndTheHeaderRow()
    {
        var editor = await host.SignedInAsync(Roles.Editor);

        using var response = await editor.GetAsync(new Uri($"{Path}?handler=Template", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ImportData.Header, lines[0]);
        Assert.Equal(8, lines[1].Split(';').Length);
    }
}

using System.Net;
using System.Text;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Clinics;

/// <summary>The clinics list: search by name or ydernummer, filters, sortable columns, paging with the total, CSV.</summary>
public sealed class IndexTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Path = "/admin/clinics";

    private readonly PeopleData data = new(host);

    private async Task<(int Total, List<string> Names)> ApiAsync(string where, string order = "{ name: ASC }")
    {
        var clinics = (await data.QueryAsync($"{{ clinics(where: {where}, order: [{order}], first: 25) {{ totalCount nodes {{ ydernummer }} }} }}", role: Roles.Reader)).GetProperty("clinics");
        return (clinics.GetProperty("totalCount").GetInt32(), clinics.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("ydernummer").GetString()!).ToList());
    }

    private static List<string> Ydernumre(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#clinics tbody tr td:nth-child(2)").Select(td => td.TextContent).ToList();

    private static string Total(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelector(".pager p")!.TextContent.Replace(".", "", StringComparison.Ordinal);

    private async Task<string> SomeRegionIdAsync() =>
        (await data.QueryAsync("{ regions(first: 1, where: { validTo: { eq: null }, code: { neq: null } }, order: [{ name: ASC }]) { nodes { id } } }")).GetProperty("regions").GetProperty("nodes")[0].GetProperty("id").GetString()!;

    [Fact]
    public async Task Filters_ByRegionAndType_ListWhatTheApiListsWithItsTotal()
    {
        var region = await SomeRegionIdAsync();
        var expected = await ApiAsync($"{{ municipality: {{ region: {{ id: {{ eq: \"{region}\" }} }} }}, type: {{ eq: PLO }}, closedOn: {{ eq: null }} }}");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?region={Uri.EscapeDataString(region)}&type=PLO");

        Assert.True(expected.Total > 0);
        Assert.Equal(expected.Names, Ydernumre(page));
        Assert.Contains($"{expected.Total} i alt", Total(page), StringComparison.Ordinal);
        Assert.All(page.QuerySelectorAll("#clinics tbody tr td:nth-child(3)"), td => Assert.Equal("PLO-klinik", td.TextContent));
    }

    [Fact]
    public async Task Filters_ByKapUnit_ListTheClinicsOfItsRegion()
    {
        var unit = (await data.QueryAsync("{ kapUnits(first: 1, order: [{ name: DESC }]) { nodes { code region { id } } } }")).GetProperty("kapUnits").GetProperty("nodes")[0];
        var expected = await ApiAsync($"{{ municipality: {{ region: {{ id: {{ eq: \"{unit.GetProperty("region").GetProperty("id").GetString()}\" }} }} }} }}");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?kapUnit={unit.GetProperty("code").GetString()}&status=all");

        Assert.True(expected.Total > 0);
        Assert.Equal(expected.Names, Ydernumre(page));
        Assert.Contains($"{expected.Total} i alt", Total(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_ByMunicipality_ListTheClinicsInIt()
    {
        var municipality = (await data.QueryAsync("{ clinics(first: 1, where: { closedOn: { eq: null } }, order: [{ ydernummer: ASC }]) { nodes { municipality { id } } } }"))
            .GetProperty("clinics").GetProperty("nodes")[0].GetProperty("municipality").GetProperty("id").GetString()!;
        var expected = await ApiAsync($"{{ municipality: {{ id: {{ eq: \"{municipality}\" }} }}, closedOn: {{ eq: null }} }}");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?municipality={Uri.EscapeDataString(municipality)}");

        Assert.True(expected.Total > 0);
        Assert.Equal(expected.Names, Ydernumre(page));
        Assert.Contains($"{expected.Total} i alt", Total(page), StringComparison.Ordinal);
        Assert.Equal(municipality, ((AngleSharp.Html.Dom.IHtmlSelectElement)page.QuerySelector("#municipality")!).Value);
    }

    [Fact]
    public async Task Search_ByYdernummer_FindsTheClinic_AndClosedOnesOnlyUnderClosed()
    {
        var clinic = await data.NewClinicAsync();
        await data.QueryAsync(
            "mutation($input: CloseClinicInput!) { closeClinic(input: $input) { errors { __typename } } }",
            new { input = new { id = clinic.Id, expectedVersion = (await data.NodeAsync(clinic.Id, "... on Clinic { version }")).GetProperty("version").GetInt32(), closedOn = "2025-01-01" } });
        var reader = await host.SignedInAsync(Roles.Reader);

        var open = await reader.PageAsync($"{Path}?q={clinic.Ydernummer}");
        var closed = await reader.PageAsync($"{Path}?q={clinic.Ydernummer}&status=closed");

        Assert.Empty(Ydernumre(open));
        Assert.Equal([clinic.Ydernummer], Ydernumre(closed));
        Assert.Equal("2025-01-01", closed.QuerySelector("#clinics tbody tr td:last-child")?.TextContent);
    }

    [Fact]
    public async Task Sort_ByNameTwice_TurnsTheOrder()
    {
        var expected = await ApiAsync("{ closedOn: { eq: null } }", "{ name: DESC }");
        var reader = await host.SignedInAsync(Roles.Reader);
        var ascending = await reader.PageAsync(Path);
        var toggle = ascending.QuerySelector("th[aria-sort=ascending] a")!.GetAttribute("href")!;

        var descending = await reader.PageAsync(toggle);

        Assert.Contains("sort=-name", toggle, StringComparison.Ordinal);
        Assert.Equal(expected.Names, Ydernumre(descending));
    }

    [Fact]
    public async Task Paging_NextAndPrevious_WalkThePages()
    {
        var reader = await host.SignedInAsync(Roles.Reader);
        var first = await reader.PageAsync($"{Path}?sort=ydernummer");

        var second = await reader.PageAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        var back = await reader.PageAsync(second.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);

        Assert.Equal(25, Ydernumre(second).Count);
        Assert.True(string.CompareOrdinal(Ydernumre(first)[^1], Ydernumre(second)[0]) < 0);
        Assert.Equal(Ydernumre(first), Ydernumre(back));
    }

    [Fact]
    public async Task Csv_HoldsEveryFilteredRowForDanishExcel()
    {
        var region = await SomeRegionIdAsync();
        var expected = await ApiAsync($"{{ municipality: {{ region: {{ id: {{ eq: \"{region}\" }} }} }} }}");
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"{Path}?handler=Csv&region={Uri.EscapeDataString(region)}&status=all", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var lines = Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("Navn;Ydernummer;Type;Kommune;Region;Klynge;Uddannelsespraksis;Læger;Lukket;Id", lines[0]);
        Assert.Equal(expected.Total, lines.Length - 1);
    }

    [Theory]
    [InlineData(Roles.Reader, false)]
    [InlineData(Roles.Editor, true)]
    public async Task NewClinicButton_ShownToEditorsOnly(string role, bool shown)
    {
        var client = await host.SignedInAsync(role);

        var page = await client.PageAsync(Path);

        Assert.Equal(shown, page.QuerySelector("a[href='/admin/clinics/create']") is not null);
    }

    [Fact]
    public async Task Page_Anonymous_IsSentToSignIn()
    {
        using var client = host.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/admin/account/signin", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}

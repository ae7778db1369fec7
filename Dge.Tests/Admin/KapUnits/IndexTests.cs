using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.KapUnits;

/// <summary>The KAP units list: search, filter by region, sortable, active groups and coverage, CSV; read-only.</summary>
public sealed class IndexTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Path = "/admin/kapunits";

    private static List<string> Codes(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#kap-units tbody tr td:nth-child(2)").Select(td => td.TextContent).ToList();

    [Fact]
    public async Task List_ShowsWhatTheApiListsAndFiltersByRegion()
    {
        var units = (await host.DataAsync("{ kapUnits(order: [{ name: ASC }]) { totalCount nodes { code region { id } } } }")).GetProperty("kapUnits");
        var first = units.GetProperty("nodes")[0];
        var reader = await host.SignedInAsync(Roles.Reader);

        var all = await reader.PageAsync(Path);
        var filtered = await reader.PageAsync($"{Path}?region={Uri.EscapeDataString(first.GetProperty("region").GetProperty("id").GetString()!)}");

        Assert.Equal(units.Strings("code"), Codes(all));
        Assert.Equal([first.GetProperty("code").GetString()!], Codes(filtered));
        Assert.Null(all.QuerySelector("a[href='/admin/kapunits/create']"));
    }

    [Fact]
    public async Task Search_ByCodeInLowerCase_FindsTheUnit()
    {
        var code = (await host.DataAsync("{ kapUnits(first: 1, order: [{ code: ASC }]) { nodes { code } } }")).GetProperty("kapUnits").Strings("code")[0];
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?q={Uri.EscapeDataString(code.ToLowerInvariant())}");

        Assert.Contains(code, Codes(page));
    }

    [Fact]
    public async Task ActiveGroups_CountWhatTheApiCountsOnTheDay()
    {
        var unit = (await host.DataAsync(
            "{ kapUnits(first: 1, order: [{ name: ASC }]) { nodes { code groups(where: { foundedOn: { lte: \"2026-06-30\" }, dissolvedOn: { nlte: \"2026-06-30\" } }) { totalCount } } } }"))
            .GetProperty("kapUnits").GetProperty("nodes")[0];
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?asOf=2026-06-30");

        var row = page.QuerySelectorAll("#kap-units tbody tr").Single(tr => tr.QuerySelectorAll("td")[1].TextContent == unit.GetProperty("code").GetString());
        Assert.Equal(unit.GetProperty("groups").GetProperty("totalCount").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), row.QuerySelectorAll("td")[3].TextContent);
    }

    [Fact]
    public async Task Sort_ByCodeDescending_TurnsTheOrder()
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        var ascending = await reader.PageAsync($"{Path}?sort=code");
        var descending = await reader.PageAsync($"{Path}?sort=-code");

        Assert.Equal(Codes(ascending).Order(StringComparer.Ordinal), Codes(ascending));
        Assert.Equal(Codes(ascending).AsEnumerable().Reverse(), Codes(descending));
    }

    [Fact]
    public async Task Csv_HoldsEveryUnitForDanishExcel()
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        var lines = await reader.CsvLinesAsync($"{Path}?handler=Csv");

        Assert.Equal("Kode;Navn;Region;Dato;Aktive grupper;Sekretariat;Aktive læger;Dækkede læger;Dækning;Nynedsatte dækket;Id", lines[0]);
        Assert.Equal(5, lines.Length - 1);
    }

    [Fact]
    public async Task Page_Anonymous_IsSentToSignIn() => await host.AssertSignInRequiredAsync(Path);
}

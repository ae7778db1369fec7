using System.Globalization;
using System.Net;
using System.Text;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Doctors;

/// <summary>The doctors list: search, filters, sortable columns, paging with the total, CSV without personal data.</summary>
public sealed class IndexTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Path = "/admin/doctors";

    private readonly PeopleData data = new(host);

    /// <summary>The API's own answer for a filter: the total and the first page's last names in the given order.</summary>
    private async Task<(int Total, List<string> Names)> ApiAsync(string where, string order = "{ lastName: ASC }")
    {
        var doctors = (await data.QueryAsync($"{{ doctors(where: {where}, order: [{order}], first: 25) {{ totalCount nodes {{ lastName }} }} }}", role: Roles.Reader)).GetProperty("doctors");
        return (doctors.GetProperty("totalCount").GetInt32(), doctors.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("lastName").GetString()!).ToList());
    }

    private async Task<(string Id, string Name)> SomeRegionAsync()
    {
        var region = (await data.QueryAsync("{ regions(first: 1, where: { validTo: { eq: null }, code: { neq: null } }, order: [{ name: ASC }]) { nodes { id name } } }")).GetProperty("regions").GetProperty("nodes")[0];
        return (region.GetProperty("id").GetString()!, region.GetProperty("name").GetString()!);
    }

    private static List<string> Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#doctors tbody tr td:first-child").Select(td => td.TextContent).ToList();

    private static List<string> Links(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#doctors tbody tr td:first-child a").Select(a => a.GetAttribute("href")!).ToList();

    private static string Total(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelector(".pager p")!.TextContent.Replace(".", "", StringComparison.Ordinal);

    [Fact]
    public async Task Filters_ByRegionAndPhase_ListWhatTheApiListsWithItsTotal()
    {
        var region = await SomeRegionAsync();
        var expected = await ApiAsync($"{{ clinic: {{ municipality: {{ region: {{ id: {{ eq: \"{region.Id}\" }} }} }} }}, phase: {{ eq: GP }} }}");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?region={Uri.EscapeDataString(region.Id)}&phase=GP");

        Assert.True(expected.Total > 0);
        Assert.Equal(expected.Names, Names(page));
        Assert.Contains($"{expected.Total} i alt", Total(page), StringComparison.Ordinal);
        Assert.All(page.QuerySelectorAll("#doctors tbody tr td:nth-child(3)"), td => Assert.Equal("Praktiserende læge", td.TextContent));
    }

    [Fact]
    public async Task Filters_ByKapUnit_ListTheDoctorsOfClinicsInItsRegion()
    {
        var unit = (await data.QueryAsync("{ kapUnits(first: 1, order: [{ name: ASC }]) { nodes { code region { id } } } }")).GetProperty("kapUnits").GetProperty("nodes")[0];
        var expected = await ApiAsync($"{{ clinic: {{ municipality: {{ region: {{ id: {{ eq: \"{unit.GetProperty("region").GetProperty("id").GetString()}\" }} }} }} }} }}");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?kapUnit={unit.GetProperty("code").GetString()}");

        Assert.True(expected.Total > 0);
        Assert.Equal(expected.Names, Names(page));
        Assert.Contains($"{expected.Total} i alt", Total(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nynedsat_ListsGpsEstablishedInTheLast24Months()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = today.AddMonths(-24).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var expected = await ApiAsync($"{{ phase: {{ eq: GP }}, establishedOn: {{ gt: \"{from}\", lte: \"{to}\" }} }}");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?nynedsat=true");

        Assert.True(expected.Total > 0);
        Assert.Equal(expected.Names, Names(page));
        Assert.Contains($"{expected.Total} i alt", Total(page), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("input[name=nynedsat][checked]"));
    }

    [Fact]
    public async Task Search_FindsByLastNameInLowerCase_AndShowsNoPersonalData()
    {
        var doctor = await data.NewDoctorAsync();
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?q={Uri.EscapeDataString(doctor.LastName.ToLowerInvariant())}");

        Assert.Equal([doctor.LastName], Names(page));
        Assert.DoesNotContain(doctor.Email, page.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(doctor.Phone, page.Body!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sort_ByLastNameTwice_TurnsTheOrderAndAnnouncesIt()
    {
        var expected = await ApiAsync("{ }", "{ lastName: DESC }");
        var reader = await host.SignedInAsync(Roles.Reader);
        var ascending = await reader.PageAsync(Path);
        var toggle = ascending.QuerySelector("th[aria-sort=ascending] a")!.GetAttribute("href")!;

        var descending = await reader.PageAsync(toggle);

        Assert.Contains("sort=-lastName", toggle, StringComparison.Ordinal);
        Assert.Equal(expected.Names, Names(descending));
        Assert.NotNull(descending.QuerySelector("th[aria-sort=descending]"));
    }

    [Fact]
    public async Task Sort_ByEstablished_OrdersAsTheApiDoes()
    {
        var expected = await ApiAsync("{ phase: { eq: GP } }", "{ establishedOn: ASC }");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync($"{Path}?phase=GP&sort=established");

        Assert.Equal(expected.Names, Names(page));
    }

    [Fact]
    public async Task Paging_NextAndPrevious_WalkThePagesKeepingTheFilter()
    {
        var reader = await host.SignedInAsync(Roles.Reader);
        var first = await reader.PageAsync($"{Path}?phase=GP");

        var second = await reader.PageAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        var back = await reader.PageAsync(second.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);

        // Last names repeat (many an Andersen), so the pages are compared by the doctors' links.
        Assert.Equal(25, Links(second).Count);
        Assert.Empty(Links(first).Intersect(Links(second)));
        Assert.Equal(Links(first), Links(back));
    }

    [Fact]
    public async Task Csv_HoldsEveryFilteredRowWithoutEmailOrPhone()
    {
        var region = await SomeRegionAsync();
        var expected = await ApiAsync($"{{ clinic: {{ municipality: {{ region: {{ id: {{ eq: \"{region.Id}\" }} }} }} }} }}");
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"{Path}?handler=Csv&region={Uri.EscapeDataString(region.Id)}", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("Efternavn;Fornavn;Fase;Nedsat;Pensioneret;Klinik;Ydernummer;Kommune;Id", lines[0]);
        Assert.Equal(expected.Total, lines.Length - 1);
        Assert.DoesNotContain("@", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Reader, false)]
    [InlineData(Roles.Editor, true)]
    public async Task NewDoctorButton_ShownToEditorsOnly(string role, bool shown)
    {
        var client = await host.SignedInAsync(role);

        var page = await client.PageAsync(Path);

        Assert.Equal(shown, page.QuerySelector("a[href='/admin/doctors/create']") is not null);
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

using System.Net;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Doctors;

/// <summary>A doctor's page: clinics and groups over time linked, coverage today with suggestions when uncovered, contact data, history.</summary>
public sealed class DetailsTests(AccessHost host) : IClassFixture<AccessHost>
{
    private readonly PeopleData data = new(host);

    [Fact]
    public async Task Page_UncoveredDoctorInAClinic_ShowsTheClinicLinkedContactDataAndGroupSuggestions()
    {
        var doctor = await data.NewDoctorAsync();
        var clinic = await data.SomeClinicAsync();
        await data.StartEmploymentAsync(doctor.Id, clinic.Id);
        var suggestions = (await data.NodeAsync(doctor.Id, "... on Doctor { groupSuggestions(first: 3) { group { name } } }")).GetProperty("groupSuggestions").EnumerateArray().Select(s => s.GetProperty("group").GetProperty("name").GetString()).ToList();
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync(PeopleData.PathOf("doctors", doctor.Id));

        Assert.Equal($"Test {doctor.LastName}", page.QuerySelector("h1")?.TextContent);
        Assert.Equal(PeopleData.PathOf("clinics", clinic.Id), page.QuerySelector("#employments tbody td a")?.GetAttribute("href"));
        Assert.Equal(doctor.Email, page.QuerySelector("#doctor-email")?.TextContent);
        Assert.Equal(doctor.Phone, page.QuerySelector("#doctor-phone")?.TextContent);
        Assert.StartsWith("Ikke dækket", page.QuerySelector("#coverage-status")?.TextContent.Trim(), StringComparison.Ordinal);
        Assert.NotEmpty(suggestions);
        Assert.Equal(suggestions, page.QuerySelectorAll("#group-suggestions a").Select(a => a.TextContent));
        Assert.All(page.QuerySelectorAll("#group-suggestions a"), a => Assert.StartsWith("/admin/groups/", a.GetAttribute("href"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Page_CoveredDoctor_ShowsTheGroupsLinkedAndNoSuggestions()
    {
        var doctor = (await data.QueryAsync("{ doctors(first: 1, where: { groups: { some: { kind: { eq: DGE } } }, meetingsAttended: { any: true } }, order: [{ lastName: ASC }]) { nodes { id memberships { totalCount } meetingsAttended { totalCount } } } }"))
            .GetProperty("doctors").GetProperty("nodes")[0];
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync(PeopleData.PathOf("doctors", doctor.GetProperty("id").GetString()!));

        Assert.StartsWith("Dækket", page.QuerySelector("#coverage-status")?.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#group-suggestions"));
        Assert.Equal(doctor.GetProperty("memberships").GetProperty("totalCount").GetInt32(), page.QuerySelectorAll("#memberships tbody a[href^='/admin/groups/']").Length);
        Assert.Equal(doctor.GetProperty("meetingsAttended").GetProperty("totalCount").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("#meetings-attended")?.TextContent);
    }

    [Theory]
    [InlineData(Roles.Reader, false)]
    [InlineData(Roles.Editor, true)]
    public async Task Actions_ShownToEditorsOnly(string role, bool edits)
    {
        var doctor = await data.NewDoctorAsync();
        await data.StartEmploymentAsync(doctor.Id, (await data.SomeClinicAsync()).Id);
        var client = await host.SignedInAsync(role);

        var page = await client.PageAsync(PeopleData.PathOf("doctors", doctor.Id));

        Assert.Equal(edits, page.QuerySelector("nav.actions a[href$='/edit']") is not null);
        Assert.Equal(edits, page.QuerySelector("nav.actions a[href$='/employments/start']") is not null);
        Assert.Equal(edits, page.QuerySelector("#employments a[href$='/end']") is not null);
    }

    [Theory]
    [InlineData("RG9jdG9yOjk5OTk5OTk=")]
    [InlineData("not-an-id")]
    [InlineData("RGdlR3JvdXA6MQ==")]
    public async Task Page_IdOfNoDoctor_Answers404(string id)
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"/admin/doctors/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

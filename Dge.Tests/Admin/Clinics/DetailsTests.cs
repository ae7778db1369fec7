using System.Net;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Clinics;

/// <summary>A clinic's page: municipality, cluster, cluster history, doctors today and every employment linked; actions for editors.</summary>
public sealed class DetailsTests(AccessHost host) : IClassFixture<AccessHost>
{
    private readonly PeopleData data = new(host);

    [Fact]
    public async Task Page_ShowsMunicipalityClusterDoctorsAndEmploymentsLinked()
    {
        var clinic = await data.SomeClinicAsync(2);
        var doctor = await data.NewDoctorAsync();
        await data.StartEmploymentAsync(doctor.Id, clinic.Id);
        var expected = await data.NodeAsync(clinic.Id, "... on Clinic { cluster { id } clusterMemberships { totalCount } doctors(first: 100) { totalCount } employments { totalCount } }");
        var reader = await host.SignedInAsync(Roles.Reader);

        var page = await reader.PageAsync(PeopleData.PathOf("clinics", clinic.Id));

        Assert.Equal(clinic.Name, page.QuerySelector("h1")?.TextContent);
        Assert.StartsWith("/admin/municipalities/", page.QuerySelector("#clinic-municipality a")?.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal(PeopleData.PathOf("clusters", expected.GetProperty("cluster").GetProperty("id").GetString()!), page.QuerySelector("#clinic-cluster a")?.GetAttribute("href"));
        Assert.Equal(expected.GetProperty("clusterMemberships").GetProperty("totalCount").GetInt32(), page.QuerySelectorAll("#cluster-memberships tbody tr").Length);
        Assert.Equal(expected.GetProperty("doctors").GetProperty("totalCount").GetInt32(), page.QuerySelectorAll("#doctors li").Length);
        Assert.Contains(PeopleData.PathOf("doctors", doctor.Id), page.QuerySelectorAll("#doctors a").Select(a => a.GetAttribute("href")));
        Assert.Contains(PeopleData.PathOf("doctors", doctor.Id), page.QuerySelectorAll("#employments a").Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [InlineData(Roles.Reader, false)]
    [InlineData(Roles.Editor, true)]
    public async Task Actions_ShownToEditorsOnly(string role, bool edits)
    {
        var clinic = await data.SomeClinicAsync();
        var client = await host.SignedInAsync(role);

        var page = await client.PageAsync(PeopleData.PathOf("clinics", clinic.Id));

        Assert.Equal(edits, page.QuerySelector("nav.actions a[href$='/edit']") is not null);
        Assert.Equal(edits, page.QuerySelector("nav.actions a[href$='/cluster']") is not null);
        Assert.Equal(edits, page.QuerySelector("nav.actions a[href$='/close']") is not null);
    }

    [Theory]
    [InlineData("Q2xpbmljOjk5OTk5OTk=")]
    [InlineData("not-an-id")]
    [InlineData("RG9jdG9yOjE=")]
    public async Task Page_IdOfNoClinic_Answers404(string id)
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"/admin/clinics/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

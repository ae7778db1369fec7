using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.Admin;

/// <summary>
/// The doctor, clinic and coordinator page tests' own data, made and read through the API with an Editor key as another
/// client would, and the way their forms are posted as a browser would.
/// </summary>
internal sealed class PeopleData(AccessHost host)
{
    public static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 9)];

    public static string PathOf(string area, string id) => $"/admin/{area}/{Uri.EscapeDataString(id)}";

    public async Task<JsonElement> QueryAsync(string query, object? variables = null, string role = Roles.Editor)
    {
        using var client = await host.WithKeyAsync(role);
        using var response = await client.SendAsync(Post(JsonSerializer.Serialize(new { query, variables })));
        var json = await JsonAsync(response);
        Assert.False(json.TryGetProperty("errors", out var errors), errors.ToString());
        return json.GetProperty("data");
    }

    public Task<HttpClient> EditorAsync() =>
        host.Factory.SignedInClientAsync(Roles.Editor, new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Posts the page's form as it stands, with <paramref name="fields"/> changed.</summary>
    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, IHtmlDocument page, string path, params (string Name, string Value)[] fields)
    {
        var form = page.QuerySelector("main form[method=post]")!;
        var values = form.QuerySelectorAll("input[name], select[name]")
            .Where(e => e is not IHtmlInputElement { Type: "checkbox" or "radio" } box || box.IsChecked)
            .Select(e => (Name: e.GetAttribute("name")!, Value: e is IHtmlSelectElement select ? select.Value ?? string.Empty : e.GetAttribute("value") ?? string.Empty))
            .Where(v => v.Name != "__RequestVerificationToken" && fields.All(f => f.Name != v.Name))
            .Concat(fields);
        return client.PostFormAsync(page, path, values.Select(v => KeyValuePair.Create(v.Name, v.Value)));
    }

    public static async Task<IHtmlDocument> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await response.DocumentAsync()).QuerySelector(".validation-summary-errors")?.TextContent ?? response.StatusCode.ToString());
        return await client.PageAsync(response.Headers.Location!.ToString());
    }

    /// <summary>A new GP established in 2015 with a unique last name and contact data of its own: id, last name, e-mail, phone.</summary>
    public async Task<(string Id, string LastName, string Email, string Phone)> NewDoctorAsync(string? lastName = null)
    {
        lastName ??= Unique("Testesen");
        var email = $"{Guid.NewGuid():N}@laege.test";
        var phone = "4" + Random.Shared.Next(1000000, 9999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var data = await QueryAsync(
            "mutation($input: CreateDoctorInput!) { createDoctor(input: $input) { doctor { id } errors { __typename ... on Error { message } } } }",
            new { input = new { firstName = "Test", lastName, phase = "GP", establishedOn = "2015-03-01", email, phone } });
        return (data.GetProperty("createDoctor").GetProperty("doctor").GetProperty("id").GetString()!, lastName, email, phone);
    }

    /// <summary>An open clinic in a cluster today: id, name, ydernummer.</summary>
    public async Task<(string Id, string Name, string Ydernummer)> SomeClinicAsync(int skip = 0)
    {
        var clinic = (await QueryAsync($"{{ clinics(first: {skip + 1}, where: {{ closedOn: {{ eq: null }}, clusterMemberships: {{ some: {{ to: {{ eq: null }} }} }} }}, order: [{{ ydernummer: ASC }}]) {{ nodes {{ id name ydernummer }} }} }}"))
            .GetProperty("clinics").GetProperty("nodes")[skip];
        return (clinic.GetProperty("id").GetString()!, clinic.GetProperty("name").GetString()!, clinic.GetProperty("ydernummer").GetString()!);
    }

    public async Task<string> StartEmploymentAsync(string doctorId, string clinicId, string from = "2024-01-01")
    {
        var data = await QueryAsync(
            "mutation($input: StartEmploymentInput!) { startEmployment(input: $input) { employment { id } errors { __typename ... on Error { message } } } }",
            new { input = new { doctorId, clinicId, from } });
        return data.GetProperty("startEmployment").GetProperty("employment").GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> NodeAsync(string id, string fields) =>
        (await QueryAsync($"query($id: ID!) {{ node(id: $id) {{ {fields} }} }}", new { id })).GetProperty("node");

    /// <summary>A six-digit ydernummer no clinic has.</summary>
    public async Task<string> FreeYdernummerAsync()
    {
        while (true)
        {
            var candidate = Random.Shared.Next(900000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var data = await QueryAsync("query($y: String!) { clinicByYdernummer(ydernummer: $y) { id } }", new { y = candidate });
            if (data.GetProperty("clinicByYdernummer").ValueKind == JsonValueKind.Null)
            {
                return candidate;
            }
        }
    }

    /// <summary>A new PLO clinic in the municipality of an existing clustered clinic: id, name, ydernummer.</summary>
    public async Task<(string Id, string Name, string Ydernummer)> NewClinicAsync()
    {
        var municipalityId = (await QueryAsync("{ clinics(first: 1, where: { closedOn: { eq: null }, clusterMemberships: { some: { to: { eq: null } } } }, order: [{ ydernummer: ASC }]) { nodes { municipality { id } } } }"))
            .GetProperty("clinics").GetProperty("nodes")[0].GetProperty("municipality").GetProperty("id").GetString();
        var name = Unique("Testklinikken");
        var ydernummer = await FreeYdernummerAsync();
        var data = await QueryAsync(
            "mutation($input: CreateClinicInput!) { createClinic(input: $input) { clinic { id } errors { __typename ... on Error { message } } } }",
            new { input = new { name, ydernummer, address = "Testvej 1", municipalityId, type = "PLO" } });
        return (data.GetProperty("createClinic").GetProperty("clinic").GetProperty("id").GetString()!, name, ydernummer);
    }
    /// <summary>A region in force today that has clinics: its id.</summary>
    public async Task<string> SomeRegionIdAsync() =>
        (await QueryAsync("{ regions(first: 1, where: { validTo: { eq: null }, code: { neq: null } }, order: [{ name: ASC }]) { nodes { id } } }")).GetProperty("regions").GetProperty("nodes")[0].GetProperty("id").GetString()!;

    /// <summary>A new advisor in a region since 2024, with a unique name: id and name.</summary>
    public async Task<(string Id, string Name)> NewCoordinatorAsync(string? name = null)
    {
        name ??= Unique("Vejleder");
        var data = await QueryAsync(
            "mutation($input: CreateCoordinatorInput!) { createCoordinator(input: $input) { coordinator { id } errors { __typename ... on Error { message } } } }",
            new { input = new { name, email = $"{Guid.NewGuid():N}@koordinator.test", role = "ADVISOR", scopeId = await SomeRegionIdAsync(), from = "2024-01-01", weeklyHours = 5.0 } });
        return (data.GetProperty("createCoordinator").GetProperty("coordinator").GetProperty("id").GetString()!, name);
    }
}

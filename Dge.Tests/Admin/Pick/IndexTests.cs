using System.Net;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin.Pick;

/// <summary>The pickers' search as you type: JSON for signed-in readers, at most ten matches, nothing for anonymous visitors.</summary>
public sealed class IndexTests(AccessHost host) : IClassFixture<AccessHost>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Doctor_TwoWordsInLowerCase_FindsTheDoctorWithClinic()
    {
        var reader = await host.SignedInAsync(Roles.Reader);
        var (id, name) = (await new Groups.GroupData(host).DoctorsAsync(1, 3))[0];

        using var response = await reader.GetAsync(new Uri($"/admin/pick/doctor?q={Uri.EscapeDataString(name.ToLowerInvariant())}", UriKind.Relative));
        var options = (await JsonAsync(response)).GetProperty("options").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var option = Assert.Single(options, o => o.GetProperty("id").GetString() == id);
        Assert.StartsWith($"{name} – ", option.GetProperty("label").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_ShortText_AnswersNoOptions_CommonText_AnswersTenAndMore()
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        using var shortText = await reader.GetAsync(new Uri("/admin/pick/doctor?q=a", UriKind.Relative));
        using var common = await reader.GetAsync(new Uri("/admin/pick/doctor?q=an", UriKind.Relative));
        var commonJson = await JsonAsync(common);

        Assert.Equal(0, (await JsonAsync(shortText)).GetProperty("options").GetArrayLength());
        Assert.Equal(10, commonJson.GetProperty("options").GetArrayLength());
        Assert.True(commonJson.GetProperty("more").GetBoolean());
    }

    [Theory]
    [InlineData("group", "dge")]
    [InlineData("clinic", "læge")]
    [InlineData("theme", "er")]
    public async Task OtherKinds_AnswerMatchesContainingTheText(string kind, string text)
    {
        var reader = await host.SignedInAsync(Roles.Reader);

        using var response = await reader.GetAsync(new Uri($"/admin/pick/{kind}?q={Uri.EscapeDataString(text)}", UriKind.Relative));
        var labels = (await JsonAsync(response)).GetProperty("options").EnumerateArray().Select(o => o.GetProperty("label").GetString()!).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(labels);
        Assert.All(labels, label => Assert.Contains(text, label.ToLowerInvariant(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownKind_Answers404_Anonymous_IsNotAnswered()
    {
        var reader = await host.SignedInAsync(Roles.Reader);
        using var anonymous = host.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var unknown = await reader.GetAsync(new Uri("/admin/pick/user?q=admin", UriKind.Relative));
        using var refused = await anonymous.GetAsync(new Uri("/admin/pick/doctor?q=jens", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }
}

using System.Net;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.Admin.Audit;

/// <summary>The audit log page: admins only, newest first, filtered by who, type, entity and dates; an entity's link shows its history.</summary>
public sealed class IndexTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string Path = "/admin/audit";

    /// <summary>Creates a theme with an Editor API key; its global id.</summary>
    private async Task<string> CreateThemeAsync(string code)
    {
        using var editor = await host.WithKeyAsync(Roles.Editor);
        var body = JsonSerializer.Serialize(new
        {
            query = "mutation($input: CreateThemeInput!) { createTheme(input: $input) { theme { id } } }",
            variables = new { input = new { code, nameDa = "Revisionstema", nameEn = "Audit theme", category = "lifestyle" } },
        });
        using var response = await editor.SendAsync(Post(body));
        return (await JsonAsync(response)).GetProperty("data").GetProperty("createTheme").GetProperty("theme").GetProperty("id").GetString()!;
    }

    [Theory]
    [InlineData(Roles.Reader)]
    [InlineData(Roles.Editor)]
    public async Task Page_BelowAdmin_Answers403(string role)
    {
        var browser = await host.SignedInAsync(role);

        using var response = await browser.GetAsync(new Uri(Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Filters_ByTypeAndEntity_ShowTheChangeWithWhoAndWhat_AndTheEntityLinkShowsItsHistory()
    {
        var code = $"AUD{Guid.NewGuid():N}"[..10];
        var id = await CreateThemeAsync(code);
        var admin = await host.SignedInAsync(Roles.Admin);

        var byType = await admin.PageAsync($"{Path}?entityType=Theme");
        var row = byType.QuerySelectorAll("#audit tbody tr").Single(r => r.TextContent.Contains(code, StringComparison.Ordinal));
        var history = await admin.PageAsync(row.QuerySelector("td.entity a")!.GetAttribute("href")!);

        Assert.Equal("createTheme", row.QuerySelector("td.operation")?.TextContent);
        Assert.EndsWith("(API-nøgle)", row.QuerySelector("td.who")?.TextContent, StringComparison.Ordinal);
        Assert.All(byType.QuerySelectorAll("#audit td.entity"), td => Assert.Equal("Theme", td.TextContent));
        Assert.Equal("1 ændringer", history.QuerySelector("#audit-count")?.TextContent);
        Assert.Equal(id, history.QuerySelector("input[name=entityId]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Filters_DatesInTheFutureOrWrongWayRound_ShowNothingOrTheError()
    {
        await CreateThemeAsync($"AUF{Guid.NewGuid():N}"[..10]);
        var admin = await host.SignedInAsync(Roles.Admin);

        var future = await admin.PageAsync($"{Path}?from=2999-01-01");
        var reversed = await admin.PageAsync($"{Path}?from=2026-02-01&to=2026-01-01");
        var all = await admin.PageAsync(Path);

        Assert.Equal("0 ændringer", future.QuerySelector("#audit-count")?.TextContent);
        Assert.Equal("Til-datoen skal ligge efter fra-datoen.", reversed.QuerySelector("[data-valmsg-for='To']")?.TextContent);
        Assert.Null(reversed.QuerySelector("#audit"));
        Assert.NotEqual("0 ændringer", all.QuerySelector("#audit-count")?.TextContent);
    }
}

using Dge.Tests.GraphQL.Http;

namespace Dge.Tests.GraphQL.Exposure;

public sealed class ValidationSuggestionsTests
{
    /// <summary>A misspelt field, argument and type: the three validation rules that suggest names.</summary>
    public static TheoryData<string, string> Misspellings => new()
    {
        { "{ regions(first: 1) { nodes { nme } } }", "Cannot query field 'nme' on type 'Region'." },
        { "{ regions(frist: 1) { totalCount } }", "Unknown argument 'frist' on field 'regions' of type 'Query'." },
        { "query($asOf: Dat) { regions(first: 1) { totalCount } }", "Unknown type Dat." },
    };

    [Theory]
    [MemberData(nameof(Misspellings))]
    public async Task Validation_Production_NamesWhatIsUnknownWithoutSuggestions(string query, string message)
    {
        await using var host = await ExposureHost.StartAsync(new Dictionary<string, string> { ["environment"] = "Production" });
        var client = host.Client;

        using var response = await client.SendAsync(GraphQLHttp.PostQuery(query));

        var errors = (await GraphQLHttp.JsonAsync(response)).GetProperty("errors").EnumerateArray().ToList();
        var error = Assert.Single(errors, e => e.GetProperty("message").GetString() == message);
        Assert.True(error.GetProperty("locations").GetArrayLength() > 0);
        Assert.NotEqual("INTERNAL_ERROR", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.DoesNotContain(errors, e => e.GetProperty("message").GetString()!.Contains("Did you mean", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Misspellings))]
    public async Task Validation_OutsideProduction_SuggestsNames(string query, string message)
    {
        await using var host = await ExposureHost.StartAsync(new Dictionary<string, string>());
        var client = host.Client;

        using var response = await client.SendAsync(GraphQLHttp.PostQuery(query));

        var messages = (await GraphQLHttp.JsonAsync(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()!);
        var text = Assert.Single(messages, m => m.StartsWith(message, StringComparison.Ordinal));
        Assert.Contains("Did you mean", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validation_ProductionWithSuggestionsConfiguredOn_Suggests()
    {
        await using var host = await ExposureHost.StartAsync(new Dictionary<string, string> { ["environment"] = "Production", ["Dge:GraphQL:Suggestions"] = "true" });
        var client = host.Client;

        using var response = await client.SendAsync(GraphQLHttp.PostQuery("{ regions(first: 1) { nodes { nme } } }"));

        Assert.Contains("Did you mean 'name'?", (await GraphQLHttp.JsonAsync(response)).GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}

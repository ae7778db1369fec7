using System.Text.Json;
using Dge.Api.GraphQL.Exposure;
using Dge.Api.GraphQL.Limits;
using Dge.Tests.GraphQL.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.GraphQL.Exposure;

/// <summary>
/// A query that asks only about the schema is answered from the answer given before, byte for byte the same, while the
/// introspection policy still decides per caller and anything else runs as always.
/// </summary>
public sealed class SchemaAnswersTests
{
    // The IDE's and code generators' kind of query: fragments inside __schema, and __type with a literal argument.
    private const string IdeQuery =
        """
        query IntrospectionQuery {
          __schema { queryType { name } mutationType { name } types { ...FullType } directives { name locations args { name } } }
          doctor: __type(name: "Doctor") { name fields { name } }
          __typename
        }
        fragment FullType on __Type { kind name description fields(includeDeprecated: true) { name args { name type { name kind } } type { name kind ofType { name kind } } } }
        """;

    [Fact]
    public async Task SchemaQuery_AskedAgain_IsAnsweredFromTheKeptAnswerWithTheSameBytes()
    {
        await using var host = await ExposureHost.StartAsync(new Dictionary<string, string>());
        var answers = host.Services.GetRequiredService<SchemaAnswers>();

        var first = await PostAsync(host, IdeQuery);
        var served = answers.Served;
        var second = await PostAsync(host, IdeQuery);
        var third = await PostAsync(host, IdeQuery);

        Assert.Equal(served + 2, answers.Served);
        Assert.Equal(first, second);
        Assert.Equal(first, third);
        using var json = JsonDocument.Parse(second);
        Assert.False(json.RootElement.TryGetProperty("errors", out _), second);
        Assert.Equal("Doctor", json.RootElement.GetProperty("data").GetProperty("doctor").GetProperty("name").GetString());
        Assert.True(json.RootElement.GetProperty("data").GetProperty("__schema").GetProperty("types").GetArrayLength() > 50);
    }

    [Fact]
    public async Task SchemaQuery_KeptForASignedInCaller_IsStillRefusedToAnAnonymousOne()
    {
        await using var host = await ExposureHost.StartAsync(new Dictionary<string, string> { ["Dge:GraphQL:Introspection"] = "Authenticated" });
        var answers = host.Services.GetRequiredService<SchemaAnswers>();
        for (var i = 0; i < 2; i++)
        {
            using var signedIn = GraphQLHttp.PostQuery(IdeQuery);
            signedIn.Headers.Add(ExposureHost.SignedInHeader, "yes");
            using var answered = await host.Client.SendAsync(signedIn);
            Assert.False((await GraphQLHttp.JsonAsync(answered)).TryGetProperty("errors", out _));
        }

        var served = answers.Served;
        using var anonymous = await host.Client.SendAsync(GraphQLHttp.PostQuery(IdeQuery));

        Assert.True(served >= 1, "The signed-in caller's second query was not answered from the kept answer: the test shows nothing.");
        Assert.Equal("INTROSPECTION_NOT_ALLOWED", await GraphQLHttp.ErrorCodeAsync(anonymous));
        Assert.Equal(served, answers.Served);
    }

    /// <summary>
    /// With introspection for signed-in callers only, a document kept for one of them is not given to an anonymous caller,
    /// even when the operation run does not introspect and another operation of the document does: the policy's rule
    /// refuses the whole document (review of 2026-12-05).
    /// </summary>
    [Fact]
    public async Task Document_IntrospectingInAnotherOperation_IsStillRefusedToAnAnonymousCaller()
    {
        await using var host = await ExposureHost.StartAsync(new Dictionary<string, string> { ["Dge:GraphQL:Introspection"] = "Authenticated" });
        const string body = """{"query":"query A { __typename } query B { __schema { queryType { name } } }","operationName":"A"}""";
        for (var i = 0; i < 2; i++)
        {
            using var signedIn = GraphQLHttp.Post(body);
            signedIn.Headers.Add(ExposureHost.SignedInHeader, "yes");
            using var answered = await host.Client.SendAsync(signedIn);
            Assert.Equal("Query", (await GraphQLHttp.JsonAsync(answered)).GetProperty("data").GetProperty("__typename").GetString());
        }

        using var anonymous = await host.Client.SendAsync(GraphQLHttp.Post(body));

        Assert.Equal("INTROSPECTION_NOT_ALLOWED", await GraphQLHttp.ErrorCodeAsync(anonymous));
    }

    /// <summary>
    /// A kept answer costs nothing to give, so it does not wait for one of the expensive operations' slots, which the IDE's
    /// full introspection (cost about 15,000) would otherwise take on every load. Every operation counts as expensive here.
    /// </summary>
    [Fact]
    public async Task SchemaQuery_Kept_IsAnsweredWhileEveryExpensiveSlotIsTaken()
    {
        await using var host = await ExposureHost.StartAsync(new Dictionary<string, string>
        {
            ["Dge:GraphQL:ExpensiveCost"] = "1",
            ["Dge:GraphQL:MaxConcurrentExpensive"] = "1",
            ["Dge:GraphQL:ExpensiveQueueLimit"] = "0",
        });
        var answers = host.Services.GetRequiredService<SchemaAnswers>();
        var first = await PostAsync(host, IdeQuery);

        using (var held = await host.Services.GetRequiredService<ExpensiveOperations>().EnterAsync(CancellationToken.None))
        {
            Assert.True(held.IsAcquired);
            var served = answers.Served;
            var kept = await PostAsync(host, IdeQuery);
            var fresh = await PostAsync(host, """{ __type(name: "Region") { name } }""");

            Assert.Equal(first, kept);
            Assert.Equal(served + 1, answers.Served);
            Assert.Contains("\"SERVER_BUSY\"", fresh, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("\"errors\"", await PostAsync(host, """{ __type(name: "Region") { name } }"""), StringComparison.Ordinal);
    }

    /// <summary>A full store keeps the answers it has: a flood of distinct documents cannot push out the ones in use.</summary>
    [Fact]
    public async Task Store_Full_KeepsItsAnswersAndRunsNewDocumentsAsAlways()
    {
        await using var host = await ExposureHost.StartAsync(new Dictionary<string, string>());
        var answers = host.Services.GetRequiredService<SchemaAnswers>();
        for (var i = 0; i <= SchemaAnswers.MaxAnswers; i++)
        {
            await PostAsync(host, Distinct(i));
        }

        var served = answers.Served;
        await PostAsync(host, Distinct(0));
        Assert.Equal(served + 1, answers.Served);
        await PostAsync(host, Distinct(SchemaAnswers.MaxAnswers));
        Assert.Equal(served + 1, answers.Served);

        static string Distinct(int i) => $$"""{ t{{i}}: __type(name: "Doctor") { name } }""";
    }

    [Theory]
    // Data beside the meta fields, no introspection, variables, a directive and a fragment at the root: each runs as always.
    [InlineData("{ __typename regions(first: 1) { nodes { name } } }", null)]
    [InlineData("{ __typename }", null)]
    [InlineData("query($n: String!) { __type(name: $n) { name } }", """{"n":"Doctor"}""")]
    [InlineData("query($s: Boolean!) { __typename @skip(if: $s) }", """{"s":false}""")]
    [InlineData("{ __schema @include(if: true) { queryType { name } } }", null)]
    [InlineData("{ ...F } fragment F on Query { __typename }", null)]
    public async Task OtherQueries_AskedAgain_RunEachTime(string query, string? variables)
    {
        await using var host = await ExposureHost.StartAsync(new Dictionary<string, string>());
        var answers = host.Services.GetRequiredService<SchemaAnswers>();
        var served = answers.Served;

        var first = await PostAsync(host, query, variables);
        var second = await PostAsync(host, query, variables);

        Assert.Equal(first, second);
        Assert.DoesNotContain("\"errors\"", second, StringComparison.Ordinal);
        Assert.Equal(served, answers.Served);
    }

    private static async Task<string> PostAsync(ExposureHost host, string query, string? variables = null)
    {
        var body = variables is null
            ? JsonSerializer.Serialize(new { query })
            : JsonSerializer.Serialize(new { query, variables = JsonDocument.Parse(variables).RootElement });
        using var response = await host.Client.SendAsync(GraphQLHttp.Post(body));
        return await response.Content.ReadAsStringAsync();
    }
}

using System.Net;
using System.Text.Json;
using Dge.Api.GraphQL.Documents;
using Dge.Api.GraphQL.Exposure;
using Dge.Tests.GraphQL.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.GraphQL.Exposure;

public sealed class IntrospectionPolicyTests
{
    private const string SchemaQuery = "{ __schema { queryType { name } } }";
    private const string TypeQuery = "{ __type(name: \"Doctor\") { name } }";

    [Fact]
    public async Task Introspection_ByDefault_IsAnsweredToAnonymousCallers()
    {
        await using var host = await ExposureHost.StartAsync(new Dictionary<string, string>());
        var client = host.Client;

        using var response = await client.SendAsync(GraphQLHttp.PostQuery(SchemaQuery));

        var json = await GraphQLHttp.JsonAsync(response);
        Assert.Equal("Query", json.GetProperty("data").GetProperty("__schema").GetProperty("queryType").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData(SchemaQuery)]
    [InlineData(TypeQuery)]
    [InlineData("{ ...F } fragment F on Query { __schema { types { name } } }")]
    public async Task Introspection_Off_IsRefusedBeforeExecution(string query)
    {
        await using var host = await ExposureHost.StartAsync(new Dictionary<string, string> { ["Dge:GraphQL:Introspection"] = "Off" });
        var client = host.Client;

        using var response = await client.SendAsync(GraphQLHttp.PostQuery(query, "application/graphql-response+json"));

        // graphql-response+json answers 400 when nothing ran, i.e. the refusal is a validation error.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await GraphQLHttp.JsonAsync(response);
        Assert.False(json.TryGetProperty("data", out _));
        Assert.Equal("INTROSPECTION_NOT_ALLOWED", json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Typename_IntrospectionOff_IsStillAnswered()
    {
        await using var host = await ExposureHost.StartAsync(new Dictionary<string, string> { ["Dge:GraphQL:Introspection"] = "Off" });
        var client = host.Client;

        using var response = await client.SendAsync(GraphQLHttp.PostQuery("{ __typename regions(first: 1) { __typename } }"));

        var json = await GraphQLHttp.JsonAsync(response);
        Assert.Equal("Query", json.GetProperty("data").GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task Sdl_IntrospectionOff_Is403WithTypedError()
    {
        await using var host = await ExposureHost.StartAsync(new Dictionary<string, string> { ["Dge:GraphQL:Introspection"] = "Off" });
        var client = host.Client;

        using var response = await client.SendAsync(GraphQLHttp.Get("sdl"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("INTROSPECTION_NOT_ALLOWED", await GraphQLHttp.ErrorCodeAsync(response));
        Assert.DoesNotContain("type Doctor", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Introspection_AuthenticatedOnly_RefusesAnonymousAndAnswersSignedIn()
    {
        await using var host = await ExposureHost.StartAsync(new Dictionary<string, string> { ["Dge:GraphQL:Introspection"] = "Authenticated" });
        var client = host.Client;

        using var anonymous = await client.SendAsync(GraphQLHttp.PostQuery(SchemaQuery));
        using var signedInRequest = GraphQLHttp.PostQuery(SchemaQuery);
        signedInRequest.Headers.Add(ExposureHost.SignedInHeader, "yes");
        using var signedIn = await client.SendAsync(signedInRequest);

        Assert.Equal("INTROSPECTION_NOT_ALLOWED", await GraphQLHttp.ErrorCodeAsync(anonymous));
        var json = await GraphQLHttp.JsonAsync(signedIn);
        Assert.False(json.TryGetProperty("errors", out _), json.ToString());
        Assert.Equal("Query", json.GetProperty("data").GetProperty("__schema").GetProperty("queryType").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData(SchemaQuery)]
    [InlineData(TypeQuery)]
    [InlineData("{ regions(first: 1) { nodes { code } } s: __schema { queryType { name } } }")]
    [InlineData("{ ...F } fragment F on Query { __type(name: \"Doctor\") { name } }")]
    [InlineData("{ ... on Query { regions(first: 1) { nodes { ... on Region { code } } } ... on Query { __schema { queryType { name } } } } }")]
    [InlineData("query A { regions(first: 1) { nodes { code } } } query B { __schema { queryType { name } } }")]
    public async Task Introspection_AuthenticatedOnly_RefusesAnonymousAfterTheDocumentWasValidatedForASignedInCaller(string query)
    {
        // The signed-in caller's run keeps the validated document; the rule that depends on the caller still runs on it,
        // wherever the document asks for the schema (a kept document that does not skips the rule).
        await using var host = await ExposureHost.StartAsync(new Dictionary<string, string> { ["Dge:GraphQL:Introspection"] = "Authenticated" });
        var client = host.Client;
        var body = JsonSerializer.Serialize(new { query, operationName = query.StartsWith("query A", StringComparison.Ordinal) ? "B" : null });

        using var signedInRequest = GraphQLHttp.Post(body);
        signedInRequest.Headers.Add(ExposureHost.SignedInHeader, "yes");
        using var signedIn = await client.SendAsync(signedInRequest);
        var kept = host.Services.GetRequiredService<ValidatedDocuments>().Find(query);
        using var anonymous = await client.SendAsync(GraphQLHttp.Post(body));

        Assert.False((await GraphQLHttp.JsonAsync(signedIn)).TryGetProperty("errors", out _));
        Assert.NotNull(kept);
        Assert.Equal("INTROSPECTION_NOT_ALLOWED", await GraphQLHttp.ErrorCodeAsync(anonymous));
    }

    [Theory]
    [InlineData("{ __typename }", false)]
    [InlineData("{ __schema: __typename regions(first: 1) { nodes { __type: code } } }", false)]
    [InlineData("query($all: Boolean!) { regions(first: 1) @include(if: $all) { nodes { code } } }", false)]
    [InlineData("{ __schema @skip(if: true) { queryType { name } } }", true)]
    [InlineData("{ regions(first: 1) { nodes { ...R } } } fragment R on Region { code } fragment Q on Query { __type(name: \"Region\") { name } }", true)]
    public void Introspects_LooksForTheFieldsByNameNotByAlias(string query, bool introspects)
    {
        Assert.Equal(introspects, IntrospectionPolicy.Introspects(GraphQLParser.Parser.Parse(query)));
    }

    [Fact]
    public async Task Sdl_AuthenticatedOnly_FollowsTheSameRule()
    {
        await using var host = await ExposureHost.StartAsync(new Dictionary<string, string> { ["Dge:GraphQL:Introspection"] = "Authenticated" });
        var client = host.Client;

        using var anonymous = await client.SendAsync(GraphQLHttp.Get("sdl"));
        using var signedInRequest = GraphQLHttp.Get("sdl");
        signedInRequest.Headers.Add(ExposureHost.SignedInHeader, "yes");
        using var signedIn = await client.SendAsync(signedInRequest);

        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains("type Doctor", await signedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ide_ConfiguredOff_IsNotServed()
    {
        await using var host = await ExposureHost.StartAsync(new Dictionary<string, string> { ["Dge:GraphQL:Ide"] = "false" });
        var client = host.Client;

        using var page = await client.GetAsync(new Uri("/graphql/", UriKind.Relative));
        using var config = await client.GetAsync(new Uri("/graphql/bcp-config.json", UriKind.Relative));
        using var asset = await client.GetAsync(new Uri("/graphql/favicon.svg", UriKind.Relative));
        using var browser = await client.SendAsync(GraphQLHttp.Get(string.Empty, "text/html"));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("Banana Cake Pop", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, config.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, asset.StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, browser.StatusCode);
    }
}

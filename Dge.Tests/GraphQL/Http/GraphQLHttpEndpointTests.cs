using System.Net;
using System.Text.Json;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.GraphQL.Http;

public sealed class GraphQLHttpEndpointTests(ReferenceOnlyHost host) : IClassFixture<ReferenceOnlyHost>
{
    private const string GraphQLResponseJson = "application/graphql-response+json";

    private HttpClient Client => host.Client;

    [Fact]
    public async Task Post_QueryAcceptingGraphQLResponseJson_Returns200InThatMediaType()
    {
        using var response = await Client.SendAsync(PostQuery(RegionsQuery, GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GraphQLResponseJson, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var json = await JsonAsync(response);
        Assert.Equal(2, json.GetProperty("data").GetProperty("regions").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task Post_QueryAcceptingOnlyApplicationJson_Returns200AsApplicationJson()
    {
        using var response = await Client.SendAsync(PostQuery(RegionsQuery, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*/*")]
    public async Task Post_NoAcceptOrWildcard_AnswersApplicationJsonForLegacyClients(string? accept)
    {
        using var response = await Client.SendAsync(PostQuery(RegionsQuery, accept));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_VariablesNestedDeeperThanJsonAllows_Is400SayingSo()
    {
        var variables = string.Concat(Enumerable.Repeat("{\"or\":[", 40)) + "{}" + string.Concat(Enumerable.Repeat("]}", 40));
        var body = "{\"query\":\"query($w: DoctorFilterInput) { doctors(where: $w) { totalCount } }\",\"variables\":{\"w\":" + variables + "}}";

        using var response = await Client.SendAsync(Post(body, GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await JsonAsync(response)).GetProperty("errors")[0];
        Assert.Equal("JSON_TOO_DEEP", error.GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Post_ContentTypeWithUtf8Charset_IsAccepted()
    {
        using var response = await Client.SendAsync(Post(JsonSerializer.Serialize(new { query = RegionsQuery }), contentType: "application/json; charset=utf-8"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_Variables_AreApplied()
    {
        var body = JsonSerializer.Serialize(new
        {
            query = "query Regions($first: Int!) { regions(first: $first) { nodes { name } } }",
            variables = new { first = 3 },
            operationName = "Regions",
            extensions = new { },
        });

        using var response = await Client.SendAsync(Post(body, GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await JsonAsync(response)).GetProperty("data").GetProperty("regions").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task Post_ValidationErrorAcceptingGraphQLResponseJson_Returns400WithoutData()
    {
        using var response = await Client.SendAsync(PostQuery("{ noSuchField }", GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.False(json.TryGetProperty("data", out _));
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Post_SyntaxErrorAcceptingGraphQLResponseJson_Returns400()
    {
        using var response = await Client.SendAsync(PostQuery("{", GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False((await JsonAsync(response)).TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Post_DocumentNestedBeyondParserLimit_Returns400MaxDepth()
    {
        var query = "{" + string.Concat(Enumerable.Repeat("a{", 300)) + "b" + new string('}', 301);

        using var response = await Client.SendAsync(PostQuery(query, GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("MAX_DEPTH", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Post_ValidationErrorAcceptingApplicationJson_Returns200WithErrors()
    {
        using var response = await Client.SendAsync(PostQuery("{ noSuchField }", "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.False(json.TryGetProperty("data", out _));
        Assert.Equal(1, json.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task Post_ExecutionErrorWithData_Returns200()
    {
        using var response = await Client.SendAsync(PostQuery("{ regions(first: -1) { nodes { name } } }", GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.True(json.TryGetProperty("data", out _));
        Assert.Equal("INVALID_PAGING", await ErrorCodeAsync(response));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/graphql")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=latin1")]
    public async Task Post_UnsupportedContentType_Returns415(string contentType)
    {
        using var response = await Client.SendAsync(Post(JsonSerializer.Serialize(new { query = RegionsQuery }), contentType: contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", await ErrorCodeAsync(response));
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml")]
    [InlineData("application/json;q=0, application/graphql-response+json;q=0")]
    public async Task Post_UnacceptableAccept_Returns406(string accept)
    {
        using var response = await Client.SendAsync(PostQuery(RegionsQuery, accept));

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("NOT_ACCEPTABLE", await ErrorCodeAsync(response));
    }

    [Theory]
    [InlineData("{\"query\": ", "MALFORMED_JSON")]
    [InlineData("", "MALFORMED_JSON")]
    [InlineData("[{\"query\": \"{ __typename }\"}]", "INVALID_REQUEST")]
    [InlineData("{\"qeury\": \"{ __typename }\"}", "QUERY_MISSING")]
    [InlineData("{\"query\": 1}", "INVALID_REQUEST_PARAMETER")]
    [InlineData("{\"query\": \"{ __typename }\", \"variables\": \"{}\"}", "INVALID_REQUEST_PARAMETER")]
    [InlineData("{\"query\": \"{ __typename }\", \"variables\": []}", "INVALID_REQUEST_PARAMETER")]
    [InlineData("{\"query\": \"{ __typename }\", \"operationName\": false}", "INVALID_REQUEST_PARAMETER")]
    [InlineData("{\"query\": \"{ __typename }\", \"extensions\": 0}", "INVALID_REQUEST_PARAMETER")]
    public async Task Post_MalformedRequest_Returns400WithCode(string body, string code)
    {
        using var response = await Client.SendAsync(Post(body, GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(GraphQLResponseJson, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Post_BodyOver256KB_Returns413()
    {
        var query = "{ __typename }" + new string(' ', 256 * 1024);

        using var response = await Client.SendAsync(PostQuery(query, GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("REQUEST_TOO_LARGE", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Get_Query_Returns200WithData()
    {
        using var response = await Client.SendAsync(Get($"query={Uri.EscapeDataString(RegionsQuery)}", GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GraphQLResponseJson, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, (await JsonAsync(response)).GetProperty("data").GetProperty("regions").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task Get_VariablesAsJson_AreApplied()
    {
        var query = Uri.EscapeDataString("query ($first: Int!) { regions(first: $first) { nodes { name } } }");
        var variables = Uri.EscapeDataString("{\"first\": 4}");

        using var response = await Client.SendAsync(Get($"query={query}&variables={variables}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, (await JsonAsync(response)).GetProperty("data").GetProperty("regions").GetProperty("nodes").GetArrayLength());
    }

    [Theory]
    [InlineData("{ __typename")]
    [InlineData("[1]")]
    public async Task Get_VariablesNotAJsonObject_Returns400(string variables)
    {
        using var response = await Client.SendAsync(Get($"query={Uri.EscapeDataString("{ __typename }")}&variables={Uri.EscapeDataString(variables)}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("mutation { __typename }", null)]
    [InlineData("query A { __typename } mutation B { __typename }", "B")]
    public async Task Get_Mutation_Returns405AllowingPost(string query, string? operationName)
    {
        var parameters = $"query={Uri.EscapeDataString(query)}" + (operationName is null ? "" : $"&operationName={operationName}");

        using var response = await Client.SendAsync(Get(parameters, GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        Assert.Equal("METHOD_NOT_ALLOWED", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Get_QueryOperationOfDocumentWithMutation_Runs()
    {
        var query = Uri.EscapeDataString("query A { __typename } mutation B { __typename }");

        using var response = await Client.SendAsync(Get($"query={query}&operationName=A", GraphQLResponseJson));

        Assert.NotEqual(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Get_NoQueryFromNonBrowser_Returns400QueryMissing()
    {
        using var response = await Client.SendAsync(Get("operationName=A", GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("QUERY_MISSING", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Put_Graphql_Returns405()
    {
        using var response = await Client.PutAsync(Endpoint, new StringContent("{}"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Get_Sdl_ReturnsThePrintedSchemaAsText()
    {
        using var response = await Client.GetAsync(new Uri("/graphql?sdl", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var sdl = await response.Content.ReadAsStringAsync();
        Assert.Contains("type Query", sdl, StringComparison.Ordinal);
        Assert.Contains("\"DgeGraph: the graph of", sdl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_BrowserWithoutQuery_RedirectsToTheIde()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint);
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/graphql/", response.Headers.Location?.OriginalString);
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Dge.Api.Access;
using Dge.Api.GraphQL.Documents;
using Dge.Tests.GraphQL.Http;
using Dge.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.GraphQL.Documents;

public sealed class TrustedDocumentsTests
{
    private const string GraphQLResponseJson = "application/graphql-response+json";
    private const string ApplicationJson = "application/json";

    private static readonly TrustedDocumentRegistry Registry = new();

    private static TrustedDocument RegionCoverage => Registry.Documents.Single(document => document.Name == "RegionCoverage");

    [Fact]
    public void Registry_HoldsTheExampleOperationsAndTheAdminShellsOperations_ByTheSha256OfTheirFiles()
    {
        var files = Directory.GetFiles(RepositoryPaths.Operations, "*.graphql")
            .Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "Dge.Admin", "Areas"), "*.graphql", SearchOption.AllDirectories));
        var expected = files.Select(file => (Path.GetFileNameWithoutExtension(file), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)))));

        var registered = Registry.Documents.Select(document => (document.Name, document.Hash));

        Assert.Equal(expected.Order(), registered.Order());
    }

    [Fact]
    public async Task Post_DocumentIdWhenOff_IsRefusedAsNotSupported()
    {
        await using var factory = await StartAsync(mode: null);
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Post(IdBody("id", RegionCoverage), GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("DOCUMENT_ID_NOT_SUPPORTED", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Post_PersistedQueryWhenOff_AnswersPersistedQueryNotSupported()
    {
        await using var factory = await StartAsync(mode: null);
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Post(PersistedQueryBody("{ __typename }", withQuery: false), ApplicationJson));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = (await JsonAsync(response)).GetProperty("errors")[0];
        Assert.Equal("PersistedQueryNotSupported", error.GetProperty("message").GetString());
        Assert.Equal("PERSISTED_QUERY_NOT_SUPPORTED", error.GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Post_DocumentIdInProductionByDefault_Runs()
    {
        await using var factory = await StartAsync(mode: null, environment: "Production");
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Post(IdBody("id", RegionCoverage), GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("data").GetProperty("regions").GetProperty("nodes").GetArrayLength() > 0);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("documentId")]
    public async Task Post_RegisteredDocumentIdWhenAllowed_Runs(string parameter)
    {
        await using var factory = await StartAsync(TrustedDocumentsMode.Allow);
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Post(IdBody(parameter, RegionCoverage), GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("data").GetProperty("regions").GetProperty("nodes").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Get_RegisteredDocumentIdFromABrowser_Runs()
    {
        await using var factory = await StartAsync(TrustedDocumentsMode.Allow);
        using var client = factory.CreateClient();
        var variables = Uri.EscapeDataString("{\"asOf\": \"2026-11-01\"}");

        using var response = await client.SendAsync(Get($"id=sha256:{RegionCoverage.Hash}&variables={variables}", "text/html,application/json;q=0.9"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("data").GetProperty("regions").GetProperty("nodes").GetArrayLength() > 0);
    }

    [Theory]
    [InlineData("sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("RegionCoverage")]
    public async Task Post_UnknownDocumentId_IsDocumentNotFound(string id)
    {
        await using var factory = await StartAsync(TrustedDocumentsMode.Allow);
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Post(JsonSerializer.Serialize(new { id }), GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("DOCUMENT_NOT_FOUND", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Post_DocumentIdWithQuery_IsAnInvalidParameter()
    {
        await using var factory = await StartAsync(TrustedDocumentsMode.Allow);
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Post(JsonSerializer.Serialize(new { id = $"sha256:{RegionCoverage.Hash}", query = "{ __typename }" }), GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_REQUEST_PARAMETER", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Post_AutomaticPersistedQuery_IsNotFoundThenRegisteredThenRunByHashAlone()
    {
        const string query = "{ regions(first: 1) { nodes { name } } }";
        await using var factory = await StartAsync(TrustedDocumentsMode.Allow);
        using var client = factory.CreateClient();

        using var unknown = await client.SendAsync(Post(PersistedQueryBody(query, withQuery: false), ApplicationJson));
        using var registered = await client.SendAsync(Post(PersistedQueryBody(query, withQuery: true), ApplicationJson));
        using var hit = await client.SendAsync(Post(PersistedQueryBody(query, withQuery: false), ApplicationJson));

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        var notFound = (await JsonAsync(unknown)).GetProperty("errors")[0];
        Assert.Equal("PersistedQueryNotFound", notFound.GetProperty("message").GetString());
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", notFound.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(1, (await JsonAsync(registered)).GetProperty("data").GetProperty("regions").GetProperty("nodes").GetArrayLength());
        Assert.Equal(1, (await JsonAsync(hit)).GetProperty("data").GetProperty("regions").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task Get_AutomaticPersistedQuery_IsNotFoundThenRegisteredThenRunByHashAlone()
    {
        const string query = "{ regions(first: 2) { nodes { name } } }";
        await using var factory = await StartAsync(TrustedDocumentsMode.Allow);
        using var client = factory.CreateClient();
        var extensions = Uri.EscapeDataString(JsonSerializer.Serialize(new { persistedQuery = new { version = 1, sha256Hash = Sha256(query) } }));

        using var unknown = await client.SendAsync(Get($"extensions={extensions}", GraphQLResponseJson));
        using var registered = await client.SendAsync(Get($"query={Uri.EscapeDataString(query)}&extensions={extensions}", GraphQLResponseJson));
        using var hit = await client.SendAsync(Get($"extensions={extensions}", GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", await ErrorCodeAsync(unknown));
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, hit.StatusCode);
        Assert.Equal(2, (await JsonAsync(hit)).GetProperty("data").GetProperty("regions").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task Post_PersistedQueryWithWrongHash_IsRefusedAndNotStored()
    {
        const string query = "{ regions(first: 3) { nodes { name } } }";
        var claimed = Sha256("{ __typename }");
        await using var factory = await StartAsync(TrustedDocumentsMode.Allow);
        using var client = factory.CreateClient();

        using var mismatch = await client.SendAsync(Post(PersistedQueryBody(query, withQuery: true, hash: claimed), GraphQLResponseJson));
        using var later = await client.SendAsync(Post(PersistedQueryBody(query, withQuery: false, hash: claimed), GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Equal("PERSISTED_QUERY_HASH_MISMATCH", await ErrorCodeAsync(mismatch));
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", await ErrorCodeAsync(later));
    }

    [Theory]
    [InlineData("{ nope }")]
    [InlineData("{ a0: __typename a1: __typename a2: __typename a3: __typename a4: __typename a5: __typename a6: __typename a7: __typename a8: __typename a9: __typename a10: __typename a11: __typename a12: __typename a13: __typename a14: __typename a15: __typename a16: __typename a17: __typename a18: __typename a19: __typename a20: __typename }")]
    public async Task Post_PersistedQueryRefusedBeforeRunning_IsNotStored(string query)
    {
        await using var factory = await StartAsync(TrustedDocumentsMode.Allow);
        using var client = factory.CreateClient();

        using var refused = await client.SendAsync(Post(PersistedQueryBody(query, withQuery: true), GraphQLResponseJson));
        using var later = await client.SendAsync(Post(PersistedQueryBody(query, withQuery: false), GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", await ErrorCodeAsync(later));
    }

    [Theory]
    [InlineData("{\"extensions\": {\"persistedQuery\": {\"version\": 2, \"sha256Hash\": \"" + "ab" + "\"}}}")]
    [InlineData("{\"extensions\": {\"persistedQuery\": {\"version\": 1, \"sha256Hash\": \"not-a-hash\"}}}")]
    [InlineData("{\"extensions\": {\"persistedQuery\": {\"version\": 1}}}")]
    [InlineData("{\"extensions\": {\"persistedQuery\": true}}")]
    public async Task Post_MalformedPersistedQuery_IsAnInvalidParameter(string body)
    {
        await using var factory = await StartAsync(TrustedDocumentsMode.Allow);
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Post(body, GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_REQUEST_PARAMETER", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Post_ManyPersistedQueries_KeepsNoMoreThanTheStoreHolds()
    {
        const int documents = 40;
        var queries = Enumerable.Range(0, documents).Select(i => $"{{ regions(first: 1) {{ nodes {{ name }} }} a{i:D4}: __typename }}").ToList();
        var limit = queries[0].Length * 10;
        await using var factory = await StartAsync(TrustedDocumentsMode.Allow, new() { ["Dge:GraphQL:PersistedQueryStoreCharacters"] = $"{limit}" });
        using var client = factory.CreateClient();
        foreach (var query in queries)
        {
            using var registered = await client.SendAsync(Post(PersistedQueryBody(query, withQuery: true), ApplicationJson));
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        }

        var kept = 0;
        foreach (var query in queries)
        {
            using var response = await client.SendAsync(Post(PersistedQueryBody(query, withQuery: false), ApplicationJson));
            kept += (await JsonAsync(response)).TryGetProperty("data", out _) ? 1 : 0;
        }

        Assert.InRange(kept, 1, 10);
    }

    [Theory]
    [InlineData(GraphQLResponseJson, HttpStatusCode.BadRequest)]
    [InlineData(ApplicationJson, HttpStatusCode.OK)]
    public async Task Post_FreeDocumentWhenOnlyTrusted_IsRefusedAsNotTrusted(string accept, HttpStatusCode status)
    {
        var logs = new CollectingLoggerProvider();
        await using var factory = await StartAsync(TrustedDocumentsMode.Only, services: services => services.AddSingleton<ILoggerProvider>(logs));
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(PostQuery(RegionsQuery, accept));

        Assert.Equal(status, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.False(json.TryGetProperty("data", out _));
        Assert.Equal("DOCUMENT_NOT_TRUSTED", json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.DoesNotContain(logs.Entries, entry => entry.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Post_TrustedDocumentsTextWhenOnlyTrusted_Runs()
    {
        await using var factory = await StartAsync(TrustedDocumentsMode.Only);
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Post(JsonSerializer.Serialize(new { query = RegionCoverage.Text, variables = new { asOf = "2026-11-01" } }), GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_PersistedQueryOfUnknownDocumentWhenOnlyTrusted_IsNotFoundAndCannotBeRegistered()
    {
        const string query = "{ regions(first: 1) { nodes { name } } }";
        await using var factory = await StartAsync(TrustedDocumentsMode.Only);
        using var client = factory.CreateClient();

        using var unknown = await client.SendAsync(Post(PersistedQueryBody(query, withQuery: false), GraphQLResponseJson));
        using var registration = await client.SendAsync(Post(PersistedQueryBody(query, withQuery: true), GraphQLResponseJson));

        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", await ErrorCodeAsync(unknown));
        Assert.Equal(HttpStatusCode.BadRequest, registration.StatusCode);
        Assert.Equal("PERSISTED_QUERY_NOT_ALLOWED", await ErrorCodeAsync(registration));
    }

    [Fact]
    public async Task Post_PersistedQueryOfTrustedDocumentWhenOnlyTrusted_Runs()
    {
        await using var factory = await StartAsync(TrustedDocumentsMode.Only);
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Post(PersistedQueryBody(RegionCoverage.Text, withQuery: false), GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("data").GetProperty("regions").GetProperty("nodes").GetArrayLength() > 0);
    }

    [Fact]
    public async Task AdminShell_WhenOnlyTrusted_ShowsTheCoverageOfTheRegions()
    {
        await using var factory = await StartAsync(TrustedDocumentsMode.Only);
        using var client = await factory.SignedInClientAsync(Roles.Reader);

        using var response = await client.GetAsync(new Uri("/admin", UriKind.Relative));
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, document.QuerySelectorAll("table#coverage tbody tr").Length);
    }

    private static async Task<DgeAppFactory> StartAsync(
        TrustedDocumentsMode? mode, Dictionary<string, string>? settings = null, Action<IServiceCollection>? services = null, string environment = "Test")
    {
        settings ??= [];
        settings["environment"] = environment;
        if (mode is { } configured)
        {
            settings["Dge:GraphQL:TrustedDocuments"] = configured.ToString();
        }

        var factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync(), configureServices: services, settings: settings);
        using var ready = await factory.CreateReadyClientAsync();
        return factory;
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    private static string IdBody(string parameter, TrustedDocument document) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { [parameter] = $"sha256:{document.Hash}", ["variables"] = new { asOf = "2026-11-01" } });

    private static string PersistedQueryBody(string query, bool withQuery, string? hash = null)
    {
        var extensions = new { persistedQuery = new { version = 1, sha256Hash = hash ?? Sha256(query) } };
        return withQuery ? JsonSerializer.Serialize(new { query, extensions }) : JsonSerializer.Serialize(new { extensions });
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Dge.Api.GraphQL;
using Dge.Api.GraphQL.Filtering;
using Dge.Api.GraphQL.Http;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.GraphQL.Http;

/// <summary>
/// A client's mistake is answered with a typed error and never with a 500 or <c>INTERNAL_ERROR</c>; it is not logged at
/// error level, and no answer names the storage engine.
/// </summary>
public sealed class ClientErrorsTests(ReferenceOnlyHost host) : IClassFixture<ReferenceOnlyHost>
{
    private const string GraphQLResponseJson = "application/graphql-response+json";

    private const string LongFilterQuery = "query($s: String) { regions(where: { name: { startsWith: $s } }) { nodes { name } } }";

    public static TheoryData<byte[]> InvalidUtf8Bodies => new()
    {
        Utf8("{\"query\": \"{ __typename }\"}").Concat(new byte[] { 0xFF, 0xFE }).ToArray(),
        Utf8("{\"query\": \"{ regions(where: { name: { eq: \\\"").Concat(new byte[] { 0xC3 }).Concat(Utf8("\\\" } }) { nodes { name } } }\"}")).ToArray(),
        Utf8("{\"query\": \"{ __typename }\", \"variables\": {\"a\": \"").Concat(new byte[] { 0xED, 0xA0, 0x80 }).Concat(Utf8("\"}}")).ToArray(),
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8Bodies))]
    public async Task Post_BodyNotUtf8_Is400InvalidEncoding(byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.ParseAdd(GraphQLResponseJson);

        await AssertClientErrorAsync(request, HttpStatusCode.BadRequest, "INVALID_ENCODING");
    }

    [Theory]
    [InlineData("{\"query\": \"query($n: String) { regions(where: { name: { eq: $n } }) { nodes { name } } }\", \"variables\": {\"n\": \"\\ud800\"}}")]
    [InlineData("{\"query\": \"{ __typename }\", \"variables\": {\"\\udfff\": 1}}")]
    [InlineData("{\"query\": \"{ __typename }\", \"operationName\": \"x\\ud800\"}")]
    [InlineData("{\"query\": \"{ __typename \\ud800 }\"}")]
    [InlineData("{\"\\ud800\": \"{ __typename }\"}")]
    public async Task Post_LoneSurrogateEscape_Is400InvalidEncoding(string body) =>
        await AssertClientErrorAsync(Post(body, GraphQLResponseJson), HttpStatusCode.BadRequest, "INVALID_ENCODING");

    [Theory]
    [InlineData("query=%7B__typename%FF%7D")]
    [InlineData("query=%7B__typename%7D&variables=%7B%22a%22%3A%22%ED%A0%80%22%7D")]
    [InlineData("query=%7B__typename%7D&operationName=%C3")]
    public async Task Get_ParameterNotUtf8_Is400InvalidEncoding(string queryString) =>
        await AssertClientErrorAsync(Get(queryString, GraphQLResponseJson), HttpStatusCode.BadRequest, "INVALID_ENCODING");

    [Fact]
    public async Task Get_LoneSurrogateEscapeInVariables_Is400InvalidEncoding() =>
        await AssertClientErrorAsync(
            Get($"query={Uri.EscapeDataString("{ __typename }")}&variables={Uri.EscapeDataString("{\"a\": \"\\ud800\"}")}", GraphQLResponseJson),
            HttpStatusCode.BadRequest,
            "INVALID_ENCODING");

    [Fact]
    public async Task Post_NulInDocument_Is400SyntaxError() =>
        await AssertClientErrorAsync(Post("{\"query\": \"{ regions\\u0000 { totalCount } }\"}", GraphQLResponseJson), HttpStatusCode.BadRequest, "SYNTAX_ERROR");

    [Fact]
    public async Task Post_NulInFilterVariable_IsRefusedNamingTheVariable()
    {
        var body = JsonSerializer.Serialize(new { query = LongFilterQuery, variables = new { s = "Region\u0000" } });
        var logged = host.Logs.Entries.Count;

        using var response = await host.Client.SendAsync(Post(body, GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await JsonAsync(response)).GetProperty("errors")[0];
        Assert.Equal(NulText.Code, error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("$s", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        AssertNoErrorLogged(logged);
    }

    [Fact]
    public async Task Post_NulInStringLiteral_IsRefusedBeforeItRuns()
    {
        var body = JsonSerializer.Serialize(new { query = "{ regions(where: { name: { contains: \"Region\\u0000\" } }) { totalCount } }" });
        var logged = host.Logs.Entries.Count;

        using var response = await host.Client.SendAsync(Post(body, GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await JsonAsync(response)).GetProperty("errors")[0];
        Assert.Equal(NulText.Code, error.GetProperty("extensions").GetProperty("code").GetString());
        AssertNoErrorLogged(logged);
    }

    [Theory]
    [InlineData("query($f: Int) { regions(first: $f) { totalCount } }", "{\"f\": 1e400}")]
    [InlineData("query($f: Int) { regions(first: $f) { totalCount } }", "{\"f\": 123456789012345678901234567890}")]
    [InlineData("query($f: Int) { regions(first: $f) { totalCount } }", "{\"f\": \"ten\"}")]
    [InlineData("query($f: Int) { regions(first: $f) { totalCount } }", "{\"f\": [1, 2]}")]
    [InlineData("query($f: Int) { regions(first: $f) { totalCount } }", "{\"f\": {\"a\": 1}}")]
    [InlineData("query($w: RegionFilterInput) { regions(where: $w) { totalCount } }", "{\"w\": [1]}")]
    [InlineData("query($w: RegionFilterInput) { regions(where: $w) { totalCount } }", "{\"w\": {\"name\": {\"eq\": 5}}}")]
    [InlineData("query($w: RegionFilterInput) { regions(where: $w) { totalCount } }", "{\"w\": {\"name\": {\"in\": [null, true]}}}")]
    [InlineData("query($w: RegionFilterInput) { regions(where: $w) { totalCount } }", "{\"w\": {\"nosuch\": {}}}")]
    [InlineData("query($d: Date) { regions(first: 1) { nodes { coverage(asOf: $d) { coverage } } } }", "{\"d\": \"2024-13-45\"}")]
    [InlineData("query($d: Date) { regions(first: 1) { nodes { coverage(asOf: $d) { coverage } } } }", "{\"d\": 20240101}")]
    [InlineData("query($i: ID!) { node(id: $i) { id } }", "{\"i\": null}")]
    [InlineData("query($i: ID!) { node(id: $i) { id } }", "{}")]
    public async Task Post_VariableOfWrongShape_Is400InvalidValue(string query, string variables)
    {
        var body = $"{{\"query\": {JsonSerializer.Serialize(query)}, \"variables\": {variables}}}";

        await AssertClientErrorAsync(Post(body, GraphQLResponseJson), HttpStatusCode.BadRequest, "INVALID_VALUE");
    }

    [Theory]
    [InlineData("startsWith")]
    [InlineData("contains")]
    [InlineData("endsWith")]
    [InlineData("eq")]
    public async Task Post_FilterStringLongerThanTheBound_IsInvalidFilterNamingThePath(string operation)
    {
        var query = $"query($s: String) {{ regions(where: {{ name: {{ {operation}: $s }} }}) {{ nodes {{ name }} }} }}";
        var body = JsonSerializer.Serialize(new { query, variables = new { s = new string('x', 50_000) } });

        var error = await AssertClientErrorAsync(Post(body, GraphQLResponseJson), HttpStatusCode.OK, "INVALID_FILTER");

        Assert.Contains($"where.name.{operation}", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal($"where.name.{operation}", error.GetProperty("extensions").GetProperty("argument").GetString());
        Assert.Equal("regions", error.GetProperty("path")[0].GetString());
    }

    [Fact]
    public async Task Post_FilterListItemLongerThanTheBound_IsInvalidFilterNamingTheItem()
    {
        var body = JsonSerializer.Serialize(new
        {
            query = "query($s: [String]) { regions(where: { name: { in: $s } }) { nodes { name } } }",
            variables = new { s = new[] { "Region Midtjylland", new string('x', FilterBuilder.MaxStringLength + 1) } },
        });

        var error = await AssertClientErrorAsync(Post(body, GraphQLResponseJson), HttpStatusCode.OK, "INVALID_FILTER");

        Assert.Contains("where.name.in[1]", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_FilterStringAtTheBound_Runs()
    {
        var body = JsonSerializer.Serialize(new { query = LongFilterQuery, variables = new { s = new string('x', FilterBuilder.MaxStringLength) } });

        using var response = await host.Client.SendAsync(Post(body, GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await JsonAsync(response)).TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task Post_ValidationError_HasCodeAndLocationsButNoCodesOrNumber()
    {
        var error = await AssertClientErrorAsync(PostQuery("{ noSuchField }", GraphQLResponseJson), HttpStatusCode.BadRequest, "FIELDS_ON_CORRECT_TYPE");

        Assert.Equal(["code"], error.GetProperty("extensions").EnumerateObject().Select(property => property.Name));
        Assert.Equal(1, error.GetProperty("locations")[0].GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Post_FieldError_HasTopLevelPathAndCodeButNoCodes()
    {
        var error = await AssertClientErrorAsync(PostQuery("{ regions(first: -1) { totalCount } }", GraphQLResponseJson), HttpStatusCode.OK, "INVALID_PAGING");

        Assert.Equal("regions", error.GetProperty("path")[0].GetString());
        Assert.False(error.GetProperty("extensions").TryGetProperty("codes", out _));
    }

    [Fact]
    public async Task Post_ManyUnknownFields_AnswersAtMostTheCapOfErrorsAndSaysHowManyWereOmitted()
    {
        // Each unknown field is its own validation error; the document limits let this many through.
        const int repeats = 500;
        var query = "{ regions { nodes { " + string.Concat(Enumerable.Range(0, repeats).Select(i => $"unknown{i} ")) + "} } }";
        var logged = host.Logs.Entries.Count;

        using var response = await host.Client.SendAsync(PostQuery(query, GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.Equal(ErrorLimit.MaxErrors + 1, errors.GetArrayLength());
        var last = errors[ErrorLimit.MaxErrors];
        Assert.Equal(ErrorLimit.Code, last.GetProperty("extensions").GetProperty("code").GetString());
        var omitted = int.Parse(last.GetProperty("message").GetString()!.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(omitted + ErrorLimit.MaxErrors >= repeats - 1, $"{omitted} omitted");
        AssertNoErrorLogged(logged);
    }

    [Fact]
    public async Task Post_DatabaseFailure_IsInternalErrorThatNamesNeitherTheEngineNorItsError()
    {
        var path = await TestDatabases.CopyReferenceOnlyAsync();
        await using (var db = TestDatabases.Open(path))
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"LearningMaterials\" RENAME TO \"Gone\"");
        }

        var logs = new CollectingLoggerProvider();
        await using var factory = new DgeAppFactory(path, configureServices: services => services.AddSingleton<ILoggerProvider>(logs));
        var client = await factory.CreateReadyClientAsync();

        using var response = await client.SendAsync(PostQuery("{ learningMaterials { totalCount } }", GraphQLResponseJson));

        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("sqlite", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("postgres", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("npgsql", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("no such table", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("does not exist", body, StringComparison.OrdinalIgnoreCase);
        var error = (await JsonAsync(response)).GetProperty("errors")[0];
        Assert.Equal(["code"], error.GetProperty("extensions").EnumerateObject().Select(property => property.Name));
        Assert.Equal(UnhandledResolverErrors.Code, error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains(logs.Entries, entry => entry.Level == LogLevel.Error && entry.Exception is System.Data.Common.DbException);
    }

    [Fact]
    public async Task Post_MalformedChunkedBody_Is400WithoutAnErrorLog()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var logs = new CollectingLoggerProvider();
        await using var live = await LiveDgeHost.StartAsync(timeout.Token, services => services.AddSingleton<ILoggerProvider>(logs));
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(live.BaseAddress.Host, live.BaseAddress.Port, timeout.Token);
        var request = "POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + "4\r\n{\"qu\r\nzz\r\n";

        await socket.SendAsync(Utf8(request), SocketFlags.None, timeout.Token);
        var answer = await ReadToEndAsync(socket, timeout.Token);

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Contains("INVALID_REQUEST_BODY", answer, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, entry => entry.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Post_RandomlyMutatedRequests_AreNeverServerErrors()
    {
        const int cases = 1000;
        var random = new Random(20261202);
        var logged = host.Logs.Entries.Count;
        var failures = new List<string>();

        for (var i = 0; i < cases; i++)
        {
            var body = MutatedRequest(random);
            using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Accept.ParseAdd(GraphQLResponseJson);
            using var response = await host.Client.SendAsync(request);
            var answer = await response.Content.ReadAsStringAsync();
            var codes = JsonDocument.Parse(answer).RootElement.TryGetProperty("errors", out var errors)
                ? errors.EnumerateArray().Select(error => error.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("code", out var code) ? code.GetString() : null).ToList()
                : [];
            if ((int)response.StatusCode >= 500 || codes.Any(code => code is null or UnhandledResolverErrors.Code) || answer.Contains("sqlite", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{(int)response.StatusCode} {answer} for {Convert.ToBase64String(body)}");
            }
        }

        Assert.Empty(failures);
        AssertNoErrorLogged(logged);
    }

    /// <summary>A valid request with one value replaced by a hostile one, and sometimes a byte broken or the body cut short.</summary>
    private static byte[] MutatedRequest(Random random)
    {
        string[] hostile = ["\\ud800", "\\udfff", "\\u0000", new string('x', 600), "%", "_", "\\\\", "'", "é", "😀", "1e400", "99999999999999999999", "null", "[]", "{}", "true", ""];
        string[] templates =
        [
            "{\"query\": \"query($s: String) { regions(where: { name: { startsWith: $s } }) { nodes { name } } }\", \"variables\": {\"s\": \"§\"}}",
            "{\"query\": \"query($f: Int, $w: RegionFilterInput) { regions(first: $f, where: $w) { nodes { name } } }\", \"variables\": {\"f\": §, \"w\": {\"name\": {\"eq\": \"§\"}}}}",
            "{\"query\": \"{ node(id: \\\"§\\\") { id } }\", \"operationName\": \"§\"}",
            "{\"query\": \"{ regions(first: 2, after: \\\"§\\\") { nodes { name } } }\", \"extensions\": {\"persistedQuery\": §}}",
        ];
        var template = templates[random.Next(templates.Length)];
        var text = string.Concat(template.Split('§').Select((part, i) => i == 0 ? part : hostile[random.Next(hostile.Length)] + part));
        var bytes = Encoding.UTF8.GetBytes(text);
        switch (random.Next(6))
        {
            case 0:
                bytes[random.Next(bytes.Length)] = (byte)new[] { 0xFF, 0xC3, 0xED, 0x80, 0x00 }[random.Next(5)];
                break;
            case 1:
                bytes = bytes[..random.Next(bytes.Length)];
                break;
        }

        return bytes;
    }

    private static async Task<string> ReadToEndAsync(Socket socket, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)) > 0)
        {
            received.AddRange(buffer.AsSpan(0, read));
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Sends a request that is the client's mistake and checks how it is answered and logged; returns the first error.</summary>
    private async Task<JsonElement> AssertClientErrorAsync(HttpRequestMessage request, HttpStatusCode status, string code)
    {
        var logged = host.Logs.Entries.Count;

        using var response = await host.Client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.DoesNotContain("sqlite", body, StringComparison.OrdinalIgnoreCase);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.All(errors.EnumerateArray(), error => Assert.NotEqual(UnhandledResolverErrors.Code, error.GetProperty("extensions").GetProperty("code").GetString()));
        var first = errors[0].Clone();
        Assert.Equal(code, first.GetProperty("extensions").GetProperty("code").GetString());
        AssertNoErrorLogged(logged);
        return first;
    }

    private void AssertNoErrorLogged(int logged) =>
        Assert.DoesNotContain(host.Logs.Entries.Skip(logged), entry => entry.Level >= LogLevel.Error);
}

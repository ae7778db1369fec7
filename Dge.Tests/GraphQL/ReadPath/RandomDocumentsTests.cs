using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace Dge.Tests.GraphQL.ReadPath;

/// <summary>
/// Property: whatever document a client builds from the schema, with whatever values, the answer keeps the error contract:
/// no 500, no <c>INTERNAL_ERROR</c>, every error typed, nothing logged at error level, the storage engine never named.
/// </summary>
public sealed class RandomDocumentsTests(ReadPathHost host, ITestOutputHelper output) : IClassFixture<ReadPathHost>
{
    public const int InProcessCases = 6000;
    public const int HttpCases = 400;

    [Fact]
    public async Task Execute_RandomDocumentsFromTheSchema_KeepTheErrorContract()
    {
        output.WriteLine($"Seed {ReadPathHost.Seed} ({ReadPathHost.SeedVariable} overrides it), {InProcessCases} documents.");
        var documents = new SchemaDocuments(host.Schema).Arbitrary();
        var outcomes = new Dictionary<string, int>();

        // FsCheck runs a property synchronously (so it can replay it while shrinking): each case waits for its answer,
        // and the whole check runs on the thread pool, away from xUnit's synchronisation context.
        var property = Prop.ForAll(documents, document =>
        {
            var logged = host.Logs.Entries.Count;
            var response = host.ExecuteAsync(document.Query, document.VariablesJson).GetAwaiter().GetResult().GetRawText();
            if (host.ContractBreach(response, logged) is { } breach)
            {
                throw new InvalidOperationException(breach);
            }

            var outcome = ReadPathHost.Outcome(response);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        });

        await Task.Run(() => Check.One(ReadPathHost.Cases(InProcessCases), property));
        output.WriteLine(string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}")));
    }

    [Fact]
    public async Task Post_RandomDocumentsFromTheSchema_AreNeverServerErrors()
    {
        output.WriteLine($"Seed {ReadPathHost.Seed} ({ReadPathHost.SeedVariable} overrides it), {HttpCases} documents over HTTP.");
        var documents = new SchemaDocuments(host.Schema).Arbitrary();
        using var client = host.Factory.CreateClient();
        var statuses = new Dictionary<int, int>();

        var property = Prop.ForAll(documents, document =>
        {
            var logged = host.Logs.Entries.Count;
            var (status, body) = PostAsync(client, document).GetAwaiter().GetResult();
            var breach = status >= 500 ? "a server error" : host.ContractBreach(body, logged);
            if (breach is not null)
            {
                throw new InvalidOperationException($"{status}, {breach}: {body}");
            }

            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        });

        await Task.Run(() => Check.One(ReadPathHost.Cases(HttpCases), property));
        output.WriteLine(string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"HTTP {s.Key}: {s.Value}")));
    }

    private static async Task<(int Status, string Body)> PostAsync(HttpClient client, RandomDocument document)
    {
        var variables = document.VariablesJson is { } json ? $", \"variables\": {json}" : string.Empty;
        var body = $"{{\"query\": {JsonSerializer.Serialize(document.Query)}{variables}}}";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var response = await client.SendAsync(request, timeout.Token);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token));
    }
}

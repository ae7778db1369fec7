using System.Text.Json;
using Dge.Tests.GraphQL.Http;
using Dge.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Dge.Tests.GraphQL.Limits;

/// <summary>
/// Each hostile document of the attack on the running host, sent over loopback as an anonymous client would: it is
/// refused with a typed error, and the refusal costs the process under 50 ms of CPU (the median of three runs).
/// Besides the attack's own rows, each bound is hit over HTTP by a document that keeps the bounds checked before it.
/// </summary>
[Collection(CpuMeasuredCollection.Name)]
public sealed class HostileRequestsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan CpuBudget = TimeSpan.FromMilliseconds(50);

    private LiveDgeHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await LiveDgeHost.StartAsync(CancellationToken.None);
        _client = new HttpClient { BaseAddress = _host.BaseAddress };
        using var warmUp = await _client.SendAsync(GraphQLHttp.PostQuery("{ __typename }"));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    public static TheoryData<string, string, string> Attacks => new()
    {
        { "101 fragments, within the token bound", HostileDocuments.ManyFragments(101), "MAX_FRAGMENTS" },
        { "20 aliases of a deep introspection", HostileDocuments.Aliases(20, HostileDocuments.DeepIntrospection), "COMPLEXITY" },
        { "6 directives on one field", HostileDocuments.Directives(6), "MAX_DIRECTIVES" },
        { "a single id for nodes(ids:) over a deep selection", HostileDocuments.SingleIdForNodes, "COMPLEXITY" },
        { "fragment bomb, 26 levels", HostileDocuments.FragmentBomb(26), "MAX_FIELDS" },
        { "fragment bomb, 40 levels", HostileDocuments.FragmentBomb(40), "MAX_FIELDS" },
        { "list filters nested 5 deep", HostileDocuments.NestedListFilter(5), "COMPLEXITY" },
        { "list filters nested 3 deep", HostileDocuments.NestedListFilter(3), "COMPLEXITY" },
        { "one field 23,500 times", HostileDocuments.RepeatedField(23_500), "MAX_TOKENS" },
        { "3,000 distinct fragments", HostileDocuments.ManyFragments(3_000), "MAX_TOKENS" },
        { "1,400 aliases of an introspection", HostileDocuments.Aliases(1_400, HostileDocuments.SchemaIntrospection), "MAX_TOKENS" },
        { "300 aliases of reformImpact", HostileDocuments.Aliases(300, "reformImpact { rows: regions { name } }"), "MAX_ALIASES" },
        { "1,000 aliases of coverage by cluster", HostileDocuments.Aliases(1_000, "coverage(by: CLUSTER) { name }"), "MAX_ALIASES" },
        { "14,000 directives on one field", HostileDocuments.Directives(14_000), "MAX_TOKENS" },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task HostileDocument_IsRefusedWithATypedError_InUnder50MsOfCpu(string attack, string document, string expectedCode)
    {
        string? code = null;

        var cpu = await ProcessCpu.MedianOfAsync(3, async () => code = await PostAsync(document));

        output.WriteLine($"{attack}: {document.Length:N0} characters, {code}, {cpu.TotalMilliseconds:F1} ms of CPU");
        Assert.True(code == expectedCode, $"{attack}: expected {expectedCode}, got {code}");
        Assert.True(cpu < CpuBudget, $"{attack}: refusing it took {cpu.TotalMilliseconds:F1} ms of CPU");
    }

    [Fact]
    public async Task EmptyOperationName_DoesNotSkipTheCost()
    {
        var body = JsonSerializer.Serialize(new { query = HostileDocuments.NestedListFilter(5), operationName = "" });

        using var response = await _client.SendAsync(GraphQLHttp.Post(body));

        Assert.Equal("COMPLEXITY", await GraphQLHttp.ErrorCodeAsync(response));
    }

    /// <summary>Posts a document and returns the first error's code.</summary>
    private async Task<string?> PostAsync(string document)
    {
        using var response = await _client.SendAsync(GraphQLHttp.PostQuery(document));
        return await GraphQLHttp.ErrorCodeAsync(response);
    }
}

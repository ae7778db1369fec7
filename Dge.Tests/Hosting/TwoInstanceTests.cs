using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dge.Api.Data.Providers;
using Dge.Tests.Infrastructure;
using Dge.Tests.Reliability;
using Xunit.Abstractions;

namespace Dge.Tests.Hosting;

/// <summary>
/// Two instances of the real host, each its own process on its own port, over one PostgreSQL database, started at the same
/// moment as behind a load balancer: what one writes the other reads, a sign-in on one is honoured by the other, of two
/// conflicting updates sent to both at once exactly one wins, and a rule across rows holds for writes sent to both.
/// </summary>
public sealed class TwoInstanceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    private const string CreateGroup = """
        mutation($input: CreateGroupInput!) { createGroup(input: $input) { group { id name version } errors { __typename ... on Error { message } } } }
        """;

    private const string UpdateGroup = """
        mutation($input: UpdateGroupInput!) { updateGroup(input: $input) {
          group { id name version }
          errors { __typename ... on ConflictError { currentVersion } } } }
        """;

    private const string AddMember = """
        mutation($input: AddGroupMemberInput!) { addGroupMember(input: $input) {
          membership { id }
          errors { __typename ... on ValidationError { code } } } }
        """;

    private HostProcess? _first;
    private HostProcess? _second;

    private HostProcess First => _first!;

    private HostProcess Second => _second!;

    public async Task InitializeAsync()
    {
        // A new database that both instances create, migrate and seed at once: they take turns under the advisory lock.
        var database = TestDatabases.NewPath(DatabaseProvider.Postgres);
        _first = HostProcess.StartWithAdmin(database, seedScale: 1);
        _second = HostProcess.StartWithAdmin(database, seedScale: 1);
        await Task.WhenAll(_first.WaitUntilReadyAsync(ReadyTimeout), _second.WaitUntilReadyAsync(ReadyTimeout));
    }

    public Task DisposeAsync()
    {
        _first?.Dispose();
        _second?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task StartedTogether_OneSeedsAndTheOtherFindsItDone()
    {
        var seeded = new[] { First.Output, Second.Output }.Count(log => log.Contains("Seeded the database", StringComparison.Ordinal));
        var found = new[] { First.Output, Second.Output }.Count(log => log.Contains("already holds data", StringComparison.Ordinal));

        Assert.Equal((1, 1), (seeded, found));
        Assert.Empty(GraphHttp.ErrorLines(First.Output + Second.Output));
    }

    [Fact]
    public async Task WrittenThroughOne_IsReadThroughTheOther()
    {
        using var writer = First.Client(await First.CreateApiKeyAsync("Editor"));
        using var reader = Second.Client(await Second.CreateApiKeyAsync("Reader"));

        var created = (await writer.GraphQLAsync(CreateGroup, new { input = new { name = "To instanser", kind = "DGE", kapUnitId = "S2FwVW5pdDox", foundedOn = "2025-09-01" } }))
            .Field("createGroup").GetProperty("group");
        var read = (await reader.GraphQLAsync("query($id: ID!) { node(id: $id) { ... on DgeGroup { name version } } }", new { id = created.GetProperty("id").GetString() }))
            .Field("node");

        Assert.Equal("To instanser", read.GetProperty("name").GetString());
        Assert.Equal(created.GetProperty("version").GetInt32(), read.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task SignedInOnOne_IsSignedInOnTheOther()
    {
        // Each instance issues a cookie before either reads the other's: they must protect them with one shared key.
        var fromFirst = await SignInAsync(First);
        var fromSecond = await SignInAsync(Second);

        await AssertSignedInAsAdminAsync(Second, fromFirst);
        await AssertSignedInAsAdminAsync(First, fromSecond);
    }

    private static async Task<string> SignInAsync(HostProcess host)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = host.BaseAddress };
        using var signIn = await client.PostAsJsonAsync(new Uri("account/signin", UriKind.Relative), new { email = HostProcess.AdminEmail, password = HostProcess.AdminPassword });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        var cookie = cookies.GetCookieHeader(host.BaseAddress);
        Assert.Contains("dge.auth=", cookie, StringComparison.Ordinal);
        return cookie;
    }

    private static async Task AssertSignedInAsAdminAsync(HostProcess host, string cookie)
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", cookie);

        var data = (await client.GraphQLAsync("{ me { authenticated roles } apiKeys { name } }", null)).Body.GetProperty("data");

        Assert.True(data.GetProperty("me").GetProperty("authenticated").GetBoolean());
        Assert.Contains("Admin", data.GetProperty("me").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(JsonValueKind.Array, data.GetProperty("apiKeys").ValueKind);
    }

    [Fact]
    public async Task ConflictingUpdatesToBoth_ExactlyOneWinsEachRound()
    {
        using var first = First.Client(await First.CreateApiKeyAsync("Editor"));
        using var second = Second.Client(await Second.CreateApiKeyAsync("Editor"));
        var group = (await first.GraphQLAsync(CreateGroup, new { input = new { name = "Kapløb", kind = "DGE", kapUnitId = "S2FwVW5pdDox", foundedOn = "2025-09-01" } }))
            .Field("createGroup").GetProperty("group");
        var id = group.GetProperty("id").GetString();
        var version = group.GetProperty("version").GetInt32();

        for (var round = 0; round < 10; round++)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sends = new[] { first, second }.Select(async (client, i) =>
            {
                await gate.Task;
                return await client.GraphQLAsync(UpdateGroup, new { input = new { id, expectedVersion = version, name = $"Kapløb {round}-{i}" } });
            }).ToList();
            gate.SetResult();
            var outcomes = (await Task.WhenAll(sends)).Select(a => a.Outcome("updateGroup")).ToList();
            output.WriteLine($"round {round}: {string.Join(", ", outcomes)}");

            Assert.Equal(["ConflictError", "ok"], outcomes.Order(StringComparer.Ordinal));
            version++;
        }
    }

    [Fact]
    public async Task OverlappingMembershipsToBoth_ExactlyOneIsKeptEachRound()
    {
        // Each instance checks "no overlapping membership" before it inserts; only writes taken one at a time across
        // instances keep two such checks from both passing. Different first days, so no unique index decides it.
        using var first = First.Client(await First.CreateApiKeyAsync("Editor"));
        using var second = Second.Client(await Second.CreateApiKeyAsync("Editor"));
        var groupId = (await first.GraphQLAsync(CreateGroup, new { input = new { name = "Samtidig", kind = "DGE", kapUnitId = "S2FwVW5pdDox", foundedOn = "2025-09-01" } }))
            .Field("createGroup").GetProperty("group").GetProperty("id").GetString();
        var doctors = (await first.GraphQLAsync(
                """{ doctors(first: 10, where: { phase: { eq: GP }, establishedOn: { lt: "2024-01-01" }, retiredOn: { eq: null } }) { nodes { id } } }""", null))
            .Field("doctors").GetProperty("nodes").EnumerateArray().Select(d => d.GetProperty("id").GetString()).ToList();
        Assert.Equal(10, doctors.Count);

        foreach (var (doctorId, round) in doctors.Select((d, i) => (d, i)))
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sends = new[] { (Client: first, From: "2026-01-05"), (Client: second, From: "2026-02-02") }.Select(async send =>
            {
                await gate.Task;
                return await send.Client.GraphQLAsync(AddMember, new { input = new { groupId, doctorId, from = send.From } });
            }).ToList();
            gate.SetResult();
            var outcomes = (await Task.WhenAll(sends)).Select(a => a.Outcome("addGroupMember")).ToList();
            output.WriteLine($"round {round}: {string.Join(", ", outcomes)}");

            Assert.Single(outcomes, "ok");
            Assert.Single(outcomes, o => o.StartsWith("ValidationError:", StringComparison.Ordinal));
        }

        var memberships = (await second.GraphQLAsync(
                "query($id: ID!) { node(id: $id) { ... on DgeGroup { memberships(first: 100) { nodes { doctor { id } } } } } }", new { id = groupId }))
            .Field("node").GetProperty("memberships").GetProperty("nodes").EnumerateArray().Select(m => m.GetProperty("doctor").GetProperty("id").GetString()).ToList();
        Assert.Equal(doctors.Order(StringComparer.Ordinal), memberships.Order(StringComparer.Ordinal));
    }
}

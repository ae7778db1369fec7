using System.Collections.Concurrent;
using System.Text.Json;
using Dge.Api.Groups;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Dge.Tests.Reliability;

/// <summary>
/// Many clients change one object at the same moment through the real host over loopback, each from its own
/// HttpClient (its own connection): the version check and the group's rules must hold when the writes really race, and
/// every client must get a typed answer.
/// </summary>
public sealed class ConcurrentUpdateTests(ConcurrencyHost fixture, ITestOutputHelper output) : IClassFixture<ConcurrencyHost>
{
    private const int Updaters = 50;
    private const int Clients = 16;
    private const int Rounds = 8;
    private const int Groups = 3;

    private const string UpdateGroup = """
        mutation($input: UpdateGroupInput!) { updateGroup(input: $input) {
          group { id name version }
          errors { __typename ... on Error { message } ... on ValidationError { code } ... on ConflictError { currentVersion } } } }
        """;

    private const string CreateGroup = """
        mutation($input: CreateGroupInput!) { createGroup(input: $input) { group { id version } errors { __typename } } }
        """;

    private const string AddMember = """
        mutation($input: AddGroupMemberInput!) { addGroupMember(input: $input) {
          membership { id }
          errors { __typename ... on Error { message } ... on ValidationError { code } } } }
        """;

    private const string ChangeLeader = """
        mutation($input: ChangeGroupLeaderInput!) { changeGroupLeader(input: $input) {
          group { version }
          errors { __typename ... on Error { message } ... on ValidationError { code } ... on ConflictError { currentVersion } } } }
        """;

    private const string GroupVersion = """query($id: ID!) { node(id: $id) { ... on DgeGroup { version } } }""";

    [Fact]
    public async Task UpdateGroup_FiftyClientsWithTheSameVersionAtOnce_OneWinsFortyNineConflictAndOneAuditEntry()
    {
        // Only the test's own part of the log: a start-up on a crowded machine may log a slow readiness probe.
        var logFrom = fixture.Host.Output.Length;
        using var reader = fixture.Host.Client(fixture.EditorKey);
        var group = (await reader.GraphQLAsync("{ groups(first: 1) { nodes { id name version } } }", null)).Field("groups").GetProperty("nodes")[0];
        var id = group.GetProperty("id").GetString()!;
        var version = group.GetProperty("version").GetInt32();
        var auditBefore = await AuditCountAsync(id, "updateGroup");

        // Every client has its own HttpClient with its connection open already, and one gate releases all 50 sends together.
        var clients = await ConnectedClientsAsync(Updaters);
        try
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sends = clients.Select(async (client, i) =>
            {
                await gate.Task;
                return await client.GraphQLAsync(UpdateGroup, new { input = new { id, expectedVersion = version, name = $"Samtidig skribent {i:D2}" } });
            }).ToList();
            gate.SetResult();
            var answers = await Task.WhenAll(sends);

            var outcomes = answers.Select(a => a.Outcome("updateGroup")).ToList();
            output.WriteLine($"{Updaters} updateGroup calls with expectedVersion {version}: " + string.Join(", ", outcomes.GroupBy(o => o).Select(g => $"{g.Key} × {g.Count()}")));
            var winner = Assert.Single(answers, a => a.Outcome("updateGroup") == "ok");
            var losers = answers.Where(a => a != winner).ToList();
            Assert.All(losers, loser =>
            {
                var payload = loser.Field("updateGroup");
                var error = Assert.Single(payload.GetProperty("errors").EnumerateArray());
                Assert.Equal("ConflictError", error.GetProperty("__typename").GetString());
                Assert.Equal(version + 1, error.GetProperty("currentVersion").GetInt32());
                Assert.Equal(JsonValueKind.Null, payload.GetProperty("group").ValueKind);
            });

            var won = winner.Field("updateGroup").GetProperty("group");
            Assert.Equal(version + 1, won.GetProperty("version").GetInt32());
            var stored = (await reader.GraphQLAsync("query($id: ID!) { node(id: $id) { ... on DgeGroup { name version } } }", new { id })).Field("node");
            Assert.Equal(won.GetProperty("name").GetString(), stored.GetProperty("name").GetString());
            Assert.Equal(version + 1, stored.GetProperty("version").GetInt32());

            // The database file itself: exactly one audit entry more for updateGroup on this group, naming the winner's value.
            Assert.Equal(auditBefore + 1, await AuditCountAsync(id, "updateGroup"));
            await using var db = TestDatabases.Open(fixture.DatabasePath);
            var entry = await db.AuditEntries.AsNoTracking().Where(a => a.EntityId == id && a.Operation == "updateGroup").OrderBy(a => a.Id).LastAsync();
            Assert.Contains(won.GetProperty("name").GetString()!, entry.After, StringComparison.Ordinal);
            Assert.Empty(GraphHttp.ErrorLines(fixture.Host.Output[logFrom..]));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task AddGroupMember_SixteenClientsRacingOnOneGroupPerRound_NoOverlapNoSecondLeaderAndEveryAnswerTyped()
    {
        var logFrom = fixture.Host.Output.Length;
        using var setup = fixture.Host.Client(fixture.EditorKey);
        var kapUnit = (await setup.GraphQLAsync("{ kapUnits(first: 1) { nodes { id } } }", null)).Field("kapUnits").GetProperty("nodes")[0].GetProperty("id").GetString()!;
        var doctors = (await setup.GraphQLAsync("{ doctors(first: 12) { nodes { id } } }", null)).Field("doctors").GetProperty("nodes")
            .EnumerateArray().Select(d => d.GetProperty("id").GetString()!).ToList();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var groups = new List<string>();
        for (var g = 0; g < Groups; g++)
        {
            var created = (await setup.GraphQLAsync(CreateGroup, new { input = new { name = $"Kapløb {tag} {g}", kind = "DGE", kapUnitId = kapUnit, foundedOn = "2020-01-01" } })).Field("createGroup");
            Assert.Equal(JsonValueKind.Null, created.GetProperty("errors").ValueKind);
            groups.Add(created.GetProperty("group").GetProperty("id").GetString()!);
        }

        // Overlapping periods on purpose: most pairs share days, so only the transaction's check stands between them.
        (string From, string? To)[] periods =
        [
            ("2021-01-01", null), ("2021-01-01", "2022-01-01"), ("2021-07-01", "2023-01-01"), ("2022-01-01", null),
            ("2022-06-01", "2022-09-01"), ("2023-01-01", "2024-01-01"), ("2020-06-01", "2021-03-01"),
        ];
        var random = new Random(20261204);
        var outcomes = new ConcurrentBag<(string Operation, string Outcome)>();
        var clients = await ConnectedClientsAsync(Clients);
        try
        {
            for (var round = 0; round < Rounds; round++)
            {
                var group = groups[round % Groups];
                var version = (await setup.GraphQLAsync(GroupVersion, new { id = group })).Field("node").GetProperty("version").GetInt32();

                // Member rounds: three doctors, so about five clients add the same doctor at once, an eighth of them as
                // leader. Leader rounds: half the clients hand the leadership over with the version all read, and half
                // add a leader.
                var leaderRound = round % 2 == 1;
                var pool = doctors.OrderBy(_ => random.Next()).Take(3).ToList();
                var calls = Enumerable.Range(0, Clients).Select(c =>
                {
                    var doctor = pool[random.Next(pool.Count)];
                    var (from, to) = periods[random.Next(periods.Length)];
                    return leaderRound && c % 2 == 0
                        ? ("changeGroupLeader", ChangeLeader, (object)new { input = new { groupId = group, expectedVersion = version, doctorId = doctor, from = $"202{1 + random.Next(4)}-0{1 + random.Next(9)}-01" } })
                        : ("addGroupMember", AddMember, new { input = new { groupId = group, doctorId = doctor, from, to, role = leaderRound || random.Next(8) == 0 ? "LEADER" : "MEMBER" } });
                }).ToList();

                var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var sends = calls.Select(async (call, c) =>
                {
                    await gate.Task;
                    var answer = await clients[c].GraphQLAsync(call.Item2, call.Item3);
                    outcomes.Add((call.Item1, answer.Outcome(call.Item1)));
                }).ToList();
                gate.SetResult();
                await Task.WhenAll(sends);
            }

            var summary = outcomes.GroupBy(o => $"{o.Operation} → {o.Outcome}").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} × {g.Count()}");
            output.WriteLine($"{Rounds} rounds × {Clients} clients on {Groups} groups:\n  " + string.Join("\n  ", summary));

            // Every call got a success or an error of its payload's typed union: no INTERNAL_ERROR, no 5xx.
            Assert.All(outcomes, o => Assert.True(GraphAnswer.IsTyped(o.Outcome), $"{o.Operation} answered {o.Outcome}"));
            Assert.Empty(GraphHttp.ErrorLines(fixture.Host.Output[logFrom..]));

            // The race was real: some adds won, and some lost to a rule another client's add had just made true.
            Assert.Contains(outcomes, o => o is ("addGroupMember", "ok"));
            Assert.Contains(outcomes, o => o is ("addGroupMember", "ValidationError:OVERLAPPING_MEMBERSHIP"));
            Assert.Contains(outcomes, o => o is ("addGroupMember", "ValidationError:LEADER_EXISTS") or ("changeGroupLeader", "ConflictError"));

            await AssertRulesHoldAsync($"Kapløb {tag} ");
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>Editor clients, each with its own TCP connection already open (a first request made), so a race is not decided by connecting.</summary>
    private async Task<List<HttpClient>> ConnectedClientsAsync(int count)
    {
        var clients = Enumerable.Range(0, count).Select(_ => fixture.Host.Client(fixture.EditorKey)).ToList();
        await Task.WhenAll(clients.Select(c => c.GraphQLAsync("{ me { __typename } }", null)));
        return clients;
    }

    /// <summary>On the database file: no doctor's periods in one group share a day, and no two leader periods of one group do.</summary>
    private async Task AssertRulesHoldAsync(string namePrefix)
    {
        await using var db = TestDatabases.Open(fixture.DatabasePath);
        var memberships = await db.GroupMemberships.AsNoTracking()
            .Where(m => m.Group!.Name.StartsWith(namePrefix))
            .Select(m => new { m.GroupId, m.DoctorId, m.Role, m.From, m.To })
            .ToListAsync();
        Assert.NotEmpty(memberships);
        foreach (var group in memberships.GroupBy(m => m.GroupId))
        {
            var list = group.ToList();
            var pairs = list.SelectMany((a, i) => list.Skip(i + 1).Select(b => (a, b))).Where(p => Overlap(p.a.From, p.a.To, p.b.From, p.b.To)).ToList();
            Assert.DoesNotContain(pairs, p => p.a.DoctorId == p.b.DoctorId);
            Assert.DoesNotContain(pairs, p => p.a.Role == MembershipRole.Leader && p.b.Role == MembershipRole.Leader);
            var today = DateOnly.FromDateTime(DateTime.Today);
            Assert.True(list.Count(m => m.Role == MembershipRole.Leader && m.From <= today && (m.To is null || today < m.To)) <= 1);
            output.WriteLine($"Group {group.Key}: {list.Count} memberships, {list.Count(m => m.Role == MembershipRole.Leader)} leader periods, none overlapping.");
        }
    }

    private static bool Overlap(DateOnly fromA, DateOnly? toA, DateOnly fromB, DateOnly? toB) =>
        fromA < (toB ?? DateOnly.MaxValue) && fromB < (toA ?? DateOnly.MaxValue);

    private async Task<int> AuditCountAsync(string entityId, string operation)
    {
        await using var db = TestDatabases.Open(fixture.DatabasePath);
        return await db.AuditEntries.CountAsync(a => a.EntityId == entityId && a.Operation == operation);
    }
}

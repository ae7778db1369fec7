using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Dge.Api.Data.Providers;
using Dge.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Dge.Tests.Reliability;

/// <summary>
/// SQLite has one writer at a time. Under a mixed load of writer and reader clients on the real host, writes must queue
/// (each begins with BEGIN IMMEDIATE and waits for the lock, bounded by busy_timeout and the driver's command timeout)
/// and never fail with "database is locked"; a write that cannot get the lock within that bound must get a typed answer
/// a client can retry on, never an INTERNAL_ERROR.
/// </summary>
public sealed class SingleWriterLoadTests(ITestOutputHelper output)
{
    private const int Writers = 8;
    private const int Readers = 8;
    private static readonly TimeSpan LoadTime = TimeSpan.FromSeconds(20);

    private const string CreateGroup = """
        mutation($input: CreateGroupInput!) { createGroup(input: $input) { group { id version } errors { __typename } } }
        """;

    private const string UpdateGroup = """
        mutation($input: UpdateGroupInput!) { updateGroup(input: $input) {
          group { version }
          errors { __typename ... on Error { message } ... on ValidationError { code } ... on ConflictError { currentVersion } } } }
        """;

    private const string AddMember = """
        mutation($input: AddGroupMemberInput!) { addGroupMember(input: $input) {
          membership { group { version } }
          errors { __typename ... on Error { message } ... on ValidationError { code } } } }
        """;

    private const string Read = """
        query($id: ID!) {
          node(id: $id) { ... on DgeGroup { name version memberships(first: 20) { totalCount nodes { from to role doctor { lastName } } } } }
          groups(first: 20) { nodes { id name foundedOn kapUnit { name } } }
        }
        """;

    [Fact]
    public async Task MixedLoad_EightWritersAndEightReaders_EveryWriteAcknowledgedOrTypedNoneLockedNothingLost()
    {
        var path = await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite);

        // For by-hand comparisons: DGE_LOAD_CONNECTION_OPTIONS adds to the host's connection string (e.g. "Default Timeout=1",
        // the driver's own retry bound); the Dge__Database__* settings pass to the host through the environment.
        var connectionOptions = Environment.GetEnvironmentVariable("DGE_LOAD_CONNECTION_OPTIONS");
        using var host = await ConcurrencyHost.StartAsync(path, string.IsNullOrEmpty(connectionOptions)
            ? null
            : new Dictionary<string, string> { ["ConnectionStrings__Dge"] = $"Data Source={path};{connectionOptions}" });
        var editor = await host.CreateApiKeyAsync("Editor");
        output.WriteLine($"Host settings from the environment: {SettingsInEffect()}, connection options: {connectionOptions ?? "(none)"}");

        using var setup = host.Client(editor);
        var kapUnit = (await setup.GraphQLAsync("{ kapUnits(first: 1) { nodes { id } } }", null)).Field("kapUnits").GetProperty("nodes")[0].GetProperty("id").GetString()!;
        var doctors = (await setup.GraphQLAsync("{ doctors(first: 16) { nodes { id } } }", null)).Field("doctors").GetProperty("nodes")
            .EnumerateArray().Select(d => d.GetProperty("id").GetString()!).ToList();

        // Each writer owns a group, so every write can succeed: a refusal here could only come from the database.
        var tag = Guid.NewGuid().ToString("N")[..8];
        var owned = new List<(string Id, int Version)>();
        for (var w = 0; w < Writers; w++)
        {
            var created = (await setup.GraphQLAsync(CreateGroup, new { input = new { name = $"Last {tag} {w}", kind = "DGE", kapUnitId = kapUnit, foundedOn = "2000-01-01" } })).Field("createGroup").GetProperty("group");
            owned.Add((created.GetProperty("id").GetString()!, created.GetProperty("version").GetInt32()));
        }

        // Only the load's part of the log: a start-up on a crowded machine may log a slow readiness probe.
        var logFrom = host.Output.Length;
        var writeLatencies = new ConcurrentBag<double>();
        var readLatencies = new ConcurrentBag<double>();
        var writeOutcomes = new ConcurrentBag<string>();
        var readFailures = new ConcurrentBag<string>();
        var lastAcknowledged = new ConcurrentDictionary<int, (string Name, int Version, int Members)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(LoadTime);

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            using var client = host.Client(editor);
            var (id, version) = owned[w];
            var name = $"Last {tag} {w}";
            var members = 0;
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                // Alternately a small change (rename) and one that loads and checks the group's roster (add a member for one day).
                var adding = i % 2 == 1;
                var newName = $"Last {tag} {w} skrivning {i}";
                var day = new DateOnly(2001, 1, 1).AddDays(i);
                var started = Stopwatch.GetTimestamp();
                var answer = adding
                    ? await client.GraphQLAsync(AddMember, new { input = new { groupId = id, doctorId = doctors[(w + i) % doctors.Count], from = Iso(day), to = Iso(day.AddDays(1)) } })
                    : await client.GraphQLAsync(UpdateGroup, new { input = new { id, expectedVersion = version, name = newName } });
                writeLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                var field = adding ? "addGroupMember" : "updateGroup";
                var outcome = answer.Outcome(field);
                writeOutcomes.Add(outcome);
                if (outcome == "ok")
                {
                    var payload = answer.Field(field);
                    version = (adding ? payload.GetProperty("membership").GetProperty("group") : payload.GetProperty("group")).GetProperty("version").GetInt32();
                    name = adding ? name : newName;
                    members += adding ? 1 : 0;
                    lastAcknowledged[w] = (name, version, members);
                }
            }
        })).ToList();

        var readers = Enumerable.Range(0, Readers).Select(r => Task.Run(async () =>
        {
            using var client = host.Client(editor);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var answer = await client.GraphQLAsync(Read, new { id = owned[(r + i) % Writers].Id });
                readLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (answer.Status != HttpStatusCode.OK || answer.TopLevelCodes.Count > 0)
                {
                    readFailures.Add($"{(int)answer.Status} {string.Join(',', answer.TopLevelCodes)}");
                }
            }
        })).ToList();

        await Task.WhenAll(writers.Concat(readers));
        var elapsed = clock.Elapsed;
        var log = host.Output[logFrom..];
        await host.KillAsync();

        var acknowledged = writeOutcomes.Count(o => o == "ok");
        output.WriteLine($"{Writers} writers + {Readers} readers for {elapsed.TotalSeconds:F1} s (2 shared cores: wall-clock figures are noisy):");
        output.WriteLine($"  writes: {writeOutcomes.Count} sent, {acknowledged} acknowledged = {acknowledged / elapsed.TotalSeconds:F1}/s; " +
            $"outcomes {string.Join(", ", writeOutcomes.GroupBy(o => o).Select(g => $"{g.Key} × {g.Count()}"))}");
        output.WriteLine($"  write latency ms: {Percentiles(writeLatencies)}");
        output.WriteLine($"  reads: {readLatencies.Count} = {readLatencies.Count / elapsed.TotalSeconds:F1}/s, {readFailures.Count} failed; latency ms: {Percentiles(readLatencies)}");
        var locked = CountOf(log, "database is locked");
        var errors = GraphHttp.ErrorLines(log);
        output.WriteLine($"  host log: {locked} \"database is locked\", {errors.Count} error-level lines");
        if (locked > 0 || errors.Count > 0)
        {
            output.WriteLine(log);
        }

        Assert.True(acknowledged > 0, "No write was acknowledged.");
        Assert.All(writeOutcomes, o => Assert.True(GraphAnswer.IsTyped(o), $"A write answered {o}"));
        Assert.Empty(readFailures);
        Assert.Equal(0, locked);
        Assert.Empty(errors);

        // Nothing acknowledged is missing: each writer's group holds its last acknowledged name, version and members.
        await using var db = TestDatabases.Open(path);
        Assert.Equal(Writers, lastAcknowledged.Count);
        foreach (var (_, expected) in lastAcknowledged)
        {
            var group = await db.Groups.AsNoTracking().SingleAsync(g => g.Name == expected.Name);
            Assert.Equal(expected.Version, group.Version);
            Assert.Equal(expected.Members, await db.GroupMemberships.CountAsync(m => m.GroupId == group.Id));
        }
    }

    [Fact]
    public async Task Write_WhileAnotherConnectionHoldsTheWriteLockPastTheWait_IsATypedRetryableRefusalAndWritesNothing()
    {
        // A short bound on both waits (SQLite's busy_timeout and the driver's retry up to its command timeout), so that a
        // lock held longer than both is reached in seconds.
        var path = await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite);
        using var host = await ConcurrencyHost.StartAsync(path, new Dictionary<string, string>
        {
            ["Dge__Database__BusyTimeout"] = "00:00:01",
            ["ConnectionStrings__Dge"] = $"Data Source={path};Default Timeout=2",
        });
        var editor = await host.CreateApiKeyAsync("Editor");
        using var client = host.Client(editor);
        var group = (await client.GraphQLAsync("{ groups(first: 1) { nodes { id version } } }", null)).Field("groups").GetProperty("nodes")[0];
        var id = group.GetProperty("id").GetString()!;
        var version = group.GetProperty("version").GetInt32();
        var logFrom = host.Output.Length;

        // Another process's long write transaction: a second connection takes the write lock and keeps it.
        GraphAnswer blocked;
        var waited = Stopwatch.StartNew();
        await using (var holder = new SqliteConnection(TestDatabases.ConnectionString(path)))
        {
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }

            blocked = await client.GraphQLAsync(UpdateGroup, new { input = new { id, expectedVersion = version, name = "Venter på låsen" } });
            waited.Stop();
            await using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        var log = host.Output[logFrom..];
        output.WriteLine($"While the lock was held: HTTP {(int)blocked.Status} after {waited.Elapsed.TotalSeconds:F1} s: {blocked.Body}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, blocked.Status);
        Assert.Equal(["SERVER_BUSY"], blocked.TopLevelCodes);
        Assert.DoesNotContain(UnhandledCode, log, StringComparison.Ordinal);
        Assert.Empty(GraphHttp.ErrorLines(log));

        // Nothing was written, and once the lock is free the same write (same expected version) goes through.
        var retried = await client.GraphQLAsync(UpdateGroup, new { input = new { id, expectedVersion = version, name = "Venter på låsen" } });
        Assert.Equal("ok", retried.Outcome("updateGroup"));
        Assert.Equal(version + 1, retried.Field("updateGroup").GetProperty("group").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Writes_QueuedBehindAHeldLock_CommitInTheOrderTheyArrived()
    {
        var path = await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite);
        using var host = await ConcurrencyHost.StartAsync(path);
        var editor = await host.CreateApiKeyAsync("Editor");
        using var setup = host.Client(editor);
        var groups = (await setup.GraphQLAsync("{ groups(first: 8) { nodes { id version } } }", null)).Field("groups").GetProperty("nodes")
            .EnumerateArray().Select(g => (Id: g.GetProperty("id").GetString()!, Version: g.GetProperty("version").GetInt32())).ToList();
        var clients = groups.Select(_ => host.Client(editor)).ToList();
        await Task.WhenAll(clients.Select(c => c.GraphQLAsync("{ me { __typename } }", null)));
        var tag = Guid.NewGuid().ToString("N")[..8];

        // Another connection holds the write lock while the writes arrive one by one, well apart; then lets go, within
        // busy_timeout. A queue lets them commit in arrival order; writers polling SQLite for the lock commit in any order.
        var sends = new List<Task<GraphAnswer>>();
        await using (var holder = new SqliteConnection(TestDatabases.ConnectionString(path)))
        {
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }

            for (var i = 0; i < groups.Count; i++)
            {
                sends.Add(clients[i].GraphQLAsync(UpdateGroup, new { input = new { id = groups[i].Id, expectedVersion = groups[i].Version, name = $"Koe {tag} {i}" } }));
                await Task.Delay(300);
            }

            await using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        var answers = await Task.WhenAll(sends);
        clients.ForEach(c => c.Dispose());
        Assert.All(answers, a => Assert.Equal("ok", a.Outcome("updateGroup")));

        // The audit entries' keys are in commit order.
        await using var db = TestDatabases.Open(path);
        var committed = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Operation == "updateGroup" && a.After!.Contains($"Koe {tag} "))
            .OrderBy(a => a.Id).Select(a => a.After!).ToListAsync();
        var order = committed.Select(after => Enumerable.Range(0, groups.Count).Single(i => after.Contains($"Koe {tag} {i}\"", StringComparison.Ordinal))).ToList();
        output.WriteLine($"Sent in order 0..{groups.Count - 1}; committed in order {string.Join(' ', order)}");
        Assert.Equal(Enumerable.Range(0, groups.Count), order);
    }

    private const string UnhandledCode = "Unhandled exception";

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }

        return count;
    }

    private static string Percentiles(IEnumerable<double> latencies)
    {
        var sorted = latencies.Order().ToArray();
        if (sorted.Length == 0)
        {
            return "none";
        }

        double At(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"p50 {At(0.50):F0}, p95 {At(0.95):F0}, p99 {At(0.99):F0}, max {sorted[^1]:F0}");
    }

    /// <summary>The <c>Dge__Database__*</c> settings the host inherits from this process's environment (set by hand to compare).</summary>
    private static string SettingsInEffect()
    {
        var names = new[] { "Dge__Database__Synchronous", "Dge__Database__BusyTimeout" };
        return string.Join(", ", names.Select(n => $"{n}={Environment.GetEnvironmentVariable(n) ?? "(default)"}"));
    }
}

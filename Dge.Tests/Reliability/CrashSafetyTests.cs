using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dge.Api.Data;
using Dge.Api.Data.Providers;
using Dge.Api.GraphQL.Relay;
using Dge.Api.Groups;
using Dge.Tests.Hosting;
using Dge.Tests.Infrastructure;
using Dge.Tests.Views;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Dge.Tests.Reliability;

/// <summary>
/// kill -9 of the real host at seeded-random moments while concurrent clients send acknowledged mutations (create a group,
/// add its members, record its meetings with attendees), a restart on the same file after each kill, and then the file is
/// checked: every acknowledged write is there and whole, the writes cut off by a kill are all or nothing (with their audit
/// entries), SQLite finds the file intact, and the views answer what the oracle computes over the surviving rows.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Clients = 4;
    private const int MinKills = 20;
    private const int MinAcknowledged = 1_000;

    // A bound on the loop if acknowledgements come slower than expected; reaching it fails the test (too few acknowledged).
    private const int MaxKills = 80;

    // The kill lands 1–6 s after the host is ready: the first requests after a start are slow (JIT), and a restart costs
    // several seconds, so shorter windows would need many more kills to reach the acknowledged mutations.
    private const int KillAfterMin = 1_000;
    private const int KillAfterSpread = 5_000;

    private const int DoctorsPerClient = 30;
    private const int MembersPerGroup = 6;
    private const int MeetingsPerGroup = 4;
    private const string NamePrefix = "Nedbrudstest";

    // The test's groups, memberships and meetings are dated in 2026, and the views are read on a day after them all.
    private static readonly DateOnly Founded = new(2026, 1, 1);
    private static readonly DateOnly AsOf = new(2026, 11, 1);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    /// <summary>DGE_CRASH_SEED replays a run's kill moments and choices (the timing of the kills is never exact).</summary>
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("DGE_CRASH_SEED"), out var seed) ? seed : 20261204;

    private const string CreateGroupDocument =
        "mutation($input: CreateGroupInput!) { createGroup(input: $input) { group { id } errors { __typename ... on Error { message } } } }";

    private const string AddMemberDocument =
        "mutation($input: AddGroupMemberInput!) { addGroupMember(input: $input) { membership { id } errors { __typename ... on Error { message } } } }";

    private const string RecordMeetingDocument =
        "mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { meeting { id } errors { __typename ... on Error { message } } } }";

    [Fact]
    public async Task Host_KilledAtRandomMomentsUnderConcurrentWriters_KeepsEveryAcknowledgedWriteWholeAndTheViewsMatchTheOracle()
    {
        var path = await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite);
        var scene = await SceneAsync(path);
        var log = new ConcurrentQueue<Sent>();
        var board = new Switchboard();
        var random = new Random(Seed);
        var clientSeeds = Enumerable.Range(0, Clients).Select(_ => random.Next()).ToList();
        var quickChecks = new List<string>();
        var restartTimes = new List<double>();
        int kills = 0, restarts = 0;
        var stopwatch = Stopwatch.StartNew();

        var callers = new List<HttpClient>();
        HostProcess? host = HostProcess.StartWithAdmin(path, seedScale: 1);
        try
        {
            await host.WaitUntilReadyAsync(ReadyTimeout);

            // Keys live in the database, so this one serves every restart.
            var apiKey = await host.CreateApiKeyAsync("Editor");
            var clients = Enumerable.Range(0, Clients)
                .Select(c => Task.Run(() => ClientAsync(c, scene.Clients[c], scene.Themes, board, log, new Random(clientSeeds[c]))))
                .ToList();
            for (var generation = 1; ; generation++)
            {
                callers.Add(host.Client(apiKey));
                board.Open(new Generation(generation, callers[^1]));

                // Read-only next to the running host (WAL); finished before the kill so that no connection of this process
                // is left to checkpoint the log while the host is down.
                var quickCheck = Task.Run(() => PragmaAsync(path, "quick_check"));
                await Task.Delay(TimeSpan.FromMilliseconds(KillAfterMin + random.Next(KillAfterSpread)));
                quickChecks.Add(await quickCheck);
                await host.KillAsync();
                kills++;
                host.Dispose();
                host = null;

                var acknowledged = log.Count(s => s.Outcome == Outcome.Acknowledged);
                if ((kills >= MinKills && acknowledged >= MinAcknowledged) || kills >= MaxKills)
                {
                    board.Stop();
                    break;
                }

                var restart = Stopwatch.StartNew();
                host = HostProcess.StartWithAdmin(path, seedScale: 1);
                await host.WaitUntilReadyAsync(ReadyTimeout);
                restarts++;
                restartTimes.Add(restart.Elapsed.TotalSeconds);
            }

            await Task.WhenAll(clients);
        }
        finally
        {
            board.Stop();
            host?.Dispose();
            callers.ForEach(c => c.Dispose());
        }

        var sendingTime = stopwatch.Elapsed;
        var sent = log.ToList();
        var acknowledgedCount = sent.Count(s => s.Outcome == Outcome.Acknowledged);

        // The file as the kills left it, read with no host running.
        FileCheck check;
        ViewOracle oracle;
        string integrity;
        await using (var db = TestDatabases.Open(path))
        {
            integrity = await PragmaAsync(path, "integrity_check");
            check = await CheckFileAsync(db, sent, scene.AuditBefore);
            oracle = await ViewOracle.LoadAsync(db);
        }

        ReportWrites(sent, check, kills, restarts, quickChecks, integrity, restartTimes, sendingTime);
        Assert.Equal("ok", integrity);
        Assert.All(quickChecks, result => Assert.Equal("ok", result));
        Assert.True(check.Problems.Count == 0, $"{check.Problems.Count} lost or partial writes:\n{string.Join("\n", check.Problems.Take(20))}");
        Assert.True(kills >= MinKills, $"Only {kills} kills.");
        Assert.True(acknowledgedCount >= MinAcknowledged, $"Only {acknowledgedCount} acknowledged mutations in {kills} kills.");
        Assert.Empty(sent.Where(s => s.Outcome == Outcome.Refused).Select(s => $"{s.Mutation}: {s.Problem}"));

        var views = await CompareViewsAsync(path, oracle, scene);
        output.WriteLine($"Views vs oracle on {Iso(AsOf)}: {views.CoverageRows} coverage rows (national, every region, KAP unit, health council, municipality, cluster) and {views.Reports} KAP-unit annual reports {AsOf.Year} equal.");
        output.WriteLine($"National coverage on {Iso(AsOf)}: {views.Before.Covered}/{views.Before.Active} before, {views.After.Covered}/{views.After.Active} after; {AsOf.Year}: {views.Meetings} meetings, {views.Attendances} attendances nationally.");
    }

    // Uncovered active GPs of each client's KAP unit, so that the writes move the coverage figures the views report.
    private static async Task<Scene> SceneAsync(string path)
    {
        await using var db = TestDatabases.Open(path);
        var oracle = await ViewOracle.LoadAsync(db);
        var covered = oracle.CoveredDoctorIds(AsOf);
        var active = oracle.ActiveDoctors(AsOf).Where(x => !covered.Contains(x.Doctor.Id)).ToList();
        var clients = oracle.KapUnits.OrderBy(k => k.Id).Take(Clients).Select(unit => new ClientScene(
            unit.Id,
            active.Where(x => oracle.ScopesOf("KAP_UNIT", x.Clinic, AsOf).Contains(unit.Id))
                .Select(x => x.Doctor.Id).Distinct().Order().Take(DoctorsPerClient).ToList())).ToList();
        Assert.All(clients, c => Assert.Equal(DoctorsPerClient, c.Doctors.Count));
        var auditBefore = await db.AuditEntries.MaxAsync(a => (int?)a.Id) ?? 0;
        return new Scene(clients, oracle.Themes.Select(t => t.Id).Order().ToList(), auditBefore, oracle.Coverage("NATIONAL", AsOf)[0]);
    }

    /// <summary>
    /// One client: a group, its members (the first as leader), then meetings attended by members it knows are members.
    /// A createGroup cut off by a kill leaves the group unknown, so the client starts a new one; a member cut off is not
    /// named again (nor as an attendee); a meeting cut off is not sent again (each has its own day).
    /// </summary>
    private static async Task ClientAsync(int client, ClientScene scene, IReadOnlyList<int> themes, Switchboard board, ConcurrentQueue<Sent> log, Random random)
    {
        var generation = await board.WaitAsync(after: 0);
        for (var groupNumber = 0; generation is not null; groupNumber++)
        {
            var kind = groupNumber % 2 == 0 ? GroupKind.Dge : GroupKind.Topic;
            var createGroup = new CreateGroup($"{NamePrefix} {client}.{groupNumber}", scene.KapUnit, kind);
            (generation, var group) = await SendAsync(board, generation, log, createGroup);
            if (group is not { } groupKey)
            {
                continue;
            }

            var members = new List<int>();
            foreach (var (doctor, index) in scene.Doctors.OrderBy(_ => random.Next()).Take(MembersPerGroup).Select((d, i) => (d, i)))
            {
                var role = index == 0 ? MembershipRole.Leader : MembershipRole.Member;
                (generation, var membership) = await SendAsync(board, generation, log, new AddMember(groupKey, doctor, role));
                if (generation is null)
                {
                    return;
                }

                if (membership is not null)
                {
                    members.Add(doctor);
                }
            }

            for (var meeting = 0; meeting < MeetingsPerGroup && members.Count > 0 && generation is not null; meeting++)
            {
                var attendees = members.OrderBy(_ => random.Next()).Take(1 + random.Next(members.Count)).Order().ToArray();
                var treated = themes.OrderBy(_ => random.Next()).Take(1 + random.Next(2)).Order().ToArray();
                var hours = 1.5 + (random.Next(4) * 0.5);
                var date = Founded.AddDays(14 + (meeting * 70) + random.Next(28));
                (generation, _) = await SendAsync(board, generation, log, new RecordMeeting(groupKey, date, hours, attendees, treated));
            }
        }
    }

    /// <summary>
    /// Sends one mutation and logs it: acknowledged (an answer without errors, with the new entity's key), refused (an
    /// answer with errors) or unknown (no whole answer: the host was killed before or while it ran). After an unknown
    /// write the client waits for the restarted host; a null generation means the run is over.
    /// </summary>
    private static async Task<(Generation? Generation, int? Key)> SendAsync(Switchboard board, Generation? generation, ConcurrentQueue<Sent> log, Mutation mutation)
    {
        if (generation is null || board.Stopped)
        {
            return (null, null);
        }

        var (field, entity, document, input) = Request(mutation);
        try
        {
            using var response = await generation.Client.PostAsJsonAsync(new Uri("graphql", UriKind.Relative), new { query = document, variables = new { input } });
            var body = await response.Content.ReadAsStringAsync();
            using var json = JsonDocument.Parse(body);
            if (response.StatusCode != HttpStatusCode.OK || json.RootElement.TryGetProperty("errors", out _))
            {
                log.Enqueue(new Sent(mutation, Outcome.Refused, null, $"{(int)response.StatusCode} {body}"));
                return (generation, null);
            }

            var payload = json.RootElement.GetProperty("data").GetProperty(field);
            if (payload.GetProperty("errors").ValueKind != JsonValueKind.Null)
            {
                log.Enqueue(new Sent(mutation, Outcome.Refused, null, payload.GetProperty("errors").ToString()));
                return (generation, null);
            }

            var key = ViewsFixture.KeyOf(payload.GetProperty(entity).GetProperty("id"));
            log.Enqueue(new Sent(mutation, Outcome.Acknowledged, key, null));
            return (generation, key);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or TaskCanceledException or JsonException)
        {
            // Refused connections never reached the host; the others may have been written before the kill.
            var neverArrived = exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError };
            log.Enqueue(new Sent(mutation, Outcome.Unknown, null, neverArrived ? NeverArrived : exception.GetType().Name));
            return (await board.WaitAsync(after: generation.Number), null);
        }
    }

    private const string NeverArrived = "connection refused";

    private static (string Field, string Entity, string Document, object Input) Request(Mutation mutation) => mutation switch
    {
        CreateGroup g => ("createGroup", "group", CreateGroupDocument,
            new { name = g.Name, kind = GraphQLName(g.Kind), kapUnitId = NodeId.Encode("KapUnit", g.KapUnit), foundedOn = Iso(Founded) }),
        AddMember m => ("addGroupMember", "membership", AddMemberDocument,
            new { groupId = NodeId.Encode("DgeGroup", m.Group), doctorId = NodeId.Encode("Doctor", m.Doctor), role = GraphQLName(m.Role), from = Iso(Founded) }),
        RecordMeeting m => ("recordMeeting", "meeting", RecordMeetingDocument,
            new
            {
                groupId = NodeId.Encode("DgeGroup", m.Group),
                date = Iso(m.Date),
                durationHours = m.Hours,
                attendeeIds = m.Attendees.Select(d => NodeId.Encode("Doctor", d)).ToArray(),
                themeIds = m.Themes.Select(t => NodeId.Encode("Theme", t)).ToArray(),
            }),
        _ => throw new ArgumentOutOfRangeException(nameof(mutation)),
    };

    private static string GraphQLName(Enum value) => value.ToString().ToUpperInvariant();

    private static string Iso(DateOnly day) => ViewsFixture.Iso(day);

    /// <summary>The rows of an integrity pragma, joined: "ok" when SQLite finds nothing wrong.</summary>
    private static async Task<string> PragmaAsync(string path, string pragma)
    {
        await using var connection = new SqliteConnection(TestDatabases.ConnectionString(path));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return string.Join("; ", rows);
    }

    /// <summary>
    /// The checks on the file: acknowledged writes present with what was sent; rows of the test's groups only from writes
    /// that were sent, each whole; one audit entry per created row, and no new audit entry about a row that is absent.
    /// </summary>
    private static async Task<FileCheck> CheckFileAsync(DgeDbContext db, List<Sent> sent, int auditBefore)
    {
        var groups = await db.Groups.AsNoTracking().Where(g => g.Name.StartsWith(NamePrefix)).ToListAsync();
        var groupKeys = groups.Select(g => g.Id).ToHashSet();
        var memberships = (await db.GroupMemberships.AsNoTracking().ToListAsync()).Where(m => groupKeys.Contains(m.GroupId)).ToList();
        var meetings = (await db.Meetings.AsNoTracking().ToListAsync()).Where(m => groupKeys.Contains(m.GroupId)).ToList();
        var meetingKeys = meetings.Select(m => m.Id).ToHashSet();
        var attendances = (await db.MeetingAttendances.AsNoTracking().ToListAsync()).Where(a => meetingKeys.Contains(a.MeetingId)).ToList();
        var meetingThemes = (await db.MeetingThemes.AsNoTracking().ToListAsync()).Where(t => meetingKeys.Contains(t.MeetingId)).ToList();
        var attendeesOf = attendances.ToLookup(a => a.MeetingId, a => a.DoctorId);
        var themesOf = meetingThemes.ToLookup(t => t.MeetingId, t => t.ThemeId);
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Id > auditBefore).ToListAsync();

        var problems = new List<string>();

        // (1) Every acknowledged write is there, as sent.
        foreach (var write in sent.Where(s => s.Outcome == Outcome.Acknowledged))
        {
            var found = write.Mutation switch
            {
                CreateGroup g => groups.SingleOrDefault(x => x.Id == write.Key) is { } x
                    ? (x.Name, x.KapUnitId, x.Kind, x.From, x.To, x.AdvisorId) == (g.Name, g.KapUnit, g.Kind, Founded, null, null) ? null : $"is stored as {x.Name}, {x.KapUnitId}, {x.Kind}, {x.From}, {x.To}, {x.AdvisorId}"
                    : "is missing",
                AddMember m => memberships.SingleOrDefault(x => x.Id == write.Key) is { } x
                    ? (x.GroupId, x.DoctorId, x.Role, x.From, x.To) == (m.Group, m.Doctor, m.Role, Founded, null) ? null : $"is stored as {x.GroupId}, {x.DoctorId}, {x.Role}, {x.From}, {x.To}"
                    : "is missing",
                RecordMeeting m => meetings.SingleOrDefault(x => x.Id == write.Key) is { } x
                    ? (x.GroupId, x.Date, x.DurationHours) == (m.Group, m.Date, m.Hours) ? null : $"is stored as {x.GroupId}, {x.Date}, {x.DurationHours}"
                    : "is missing",
                _ => "is of an unknown kind",
            };
            if (found is not null)
            {
                problems.Add($"Acknowledged {write.Mutation} (key {write.Key}) {found}.");
            }
        }

        // (2) Every row of the test's groups comes from one write that was sent (acknowledged or cut off), and is whole.
        var sentGroups = sent.Select(s => s.Mutation).OfType<CreateGroup>().ToDictionary(g => g.Name);
        problems.AddRange(groups
            .Where(x => !sentGroups.TryGetValue(x.Name, out var g) || (x.KapUnitId, x.Kind, x.From) != (g.KapUnit, g.Kind, Founded))
            .Select(x => $"DgeGroup {x.Id} '{x.Name}' is not one that was sent."));
        problems.AddRange(groups.GroupBy(g => g.Name).Where(n => n.Count() > 1).Select(n => $"{n.Count()} groups named '{n.Key}'."));
        var sentMembers = sent.Select(s => s.Mutation).OfType<AddMember>().ToDictionary(m => (m.Group, m.Doctor));
        problems.AddRange(memberships
            .Where(x => !sentMembers.TryGetValue((x.GroupId, x.DoctorId), out var m) || (x.Role, x.From, x.To) != (m.Role, Founded, null))
            .Select(x => $"GroupMembership {x.Id} is not one that was sent."));
        problems.AddRange(memberships.GroupBy(m => (m.GroupId, m.DoctorId)).Where(n => n.Count() > 1).Select(n => $"{n.Count()} memberships of doctor {n.Key.DoctorId} in group {n.Key.GroupId}."));
        var sentMeetings = sent.Select(s => s.Mutation).OfType<RecordMeeting>().ToDictionary(m => (m.Group, m.Date));
        foreach (var meeting in meetings)
        {
            var attendees = attendeesOf[meeting.Id].Order().ToList();
            var treated = themesOf[meeting.Id].Order().ToList();
            if (!sentMeetings.TryGetValue((meeting.GroupId, meeting.Date), out var m) || m.Hours != meeting.DurationHours)
            {
                problems.Add($"Meeting {meeting.Id} is not one that was sent.");
            }
            else if (!m.Attendees.SequenceEqual(attendees) || !m.Themes.SequenceEqual(treated))
            {
                problems.Add($"Meeting {meeting.Id} has attendees [{string.Join(", ", attendees)}] and themes [{string.Join(", ", treated)}]; sent [{string.Join(", ", m.Attendees)}] and [{string.Join(", ", m.Themes)}].");
            }
        }

        problems.AddRange(meetings.GroupBy(m => (m.GroupId, m.Date)).Where(n => n.Count() > 1).Select(n => $"{n.Count()} meetings of group {n.Key.GroupId} on {n.Key.Date}."));

        // One creation entry per created row, from the mutation that created it; and every new entry names a row that exists.
        var created = groups.Select(g => ("DgeGroup", g.Id, "createGroup"))
            .Concat(memberships.Select(m => ("GroupMembership", m.Id, "addGroupMember")))
            .Concat(meetings.Select(m => ("Meeting", m.Id, "recordMeeting")))
            .Concat(attendances.Select(a => ("MeetingAttendance", a.Id, "recordMeeting")))
            .Concat(meetingThemes.Select(t => ("MeetingTheme", t.Id, "recordMeeting")))
            .ToList();
        var entries = audit.ToLookup(a => (a.EntityType, a.EntityKey));
        foreach (var (type, key, operation) in created)
        {
            var of = entries[(type, key)].ToList();
            if (of is not [{ Before: null, After: not null } entry] || entry.Operation != operation)
            {
                problems.Add($"{type} {key} has {of.Count} audit entries ({string.Join(", ", of.Select(e => $"{e.Id} {e.Operation}"))}), not one creation entry of {operation}.");
            }
        }

        var createdKeys = created.Select(c => (c.Item1, c.Item2)).ToHashSet();
        var apiKeys = await db.ApiKeys.AsNoTracking().Select(k => k.Id).ToListAsync();
        problems.AddRange(audit
            .Where(a => !createdKeys.Contains((a.EntityType, a.EntityKey)) && !(a.EntityType == "ApiKey" && apiKeys.Contains(a.EntityKey)))
            .Select(a => $"Audit entry {a.Id} ({a.Operation}) names {a.EntityType} {a.EntityKey}, which is absent."));

        return new FileCheck(groups.Count, memberships.Count, meetings.Count, attendances.Count, meetingThemes.Count, audit.Count, problems,
            PresentOf: s => s.Mutation switch
            {
                CreateGroup g => groups.Any(x => x.Name == g.Name),
                AddMember m => memberships.Any(x => x.GroupId == m.Group && x.DoctorId == m.Doctor),
                RecordMeeting m => meetings.Any(x => x.GroupId == m.Group && x.Date == m.Date),
                _ => false,
            });
    }

    /// <summary>The restarted host's coverage (every scope kind and national) and annual reports, against the oracle over the final file.</summary>
    private async Task<ViewFigures> CompareViewsAsync(string path, ViewOracle oracle, Scene scene)
    {
        using var host = HostProcess.StartWithAdmin(path, seedScale: 1);
        await host.WaitUntilReadyAsync(ReadyTimeout);
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var asOf = Iso(AsOf);
        var rows = 0;
        foreach (var scope in new[] { "NATIONAL", "REGION", "KAP_UNIT", "HEALTH_COUNCIL", "MUNICIPALITY", "CLUSTER" })
        {
            var data = await DataAsync(client, $"query($by: CoverageScope!, $asOf: Date) {{ coverage(by: $by, asOf: $asOf) {{ scopeId {ViewsFixture.CoverageSelection} }} }}", new { by = scope, asOf });
            var expected = oracle.Coverage(scope, AsOf);
            foreach (var row in data.GetProperty("coverage").EnumerateArray())
            {
                var id = scope == "NATIONAL" ? 0 : ViewsFixture.KeyOf(row.GetProperty("scopeId"));
                ViewsFixture.AssertCoverage(expected.GetValueOrDefault(id), row, $"coverage {scope} {id} on {asOf}");
                rows++;
            }
        }

        var reports = 0;
        foreach (var unit in oracle.KapUnits)
        {
            var data = await DataAsync(client,
                "query($code: String, $year: Int!) { annualReport(kapUnitCode: $code, year: $year) { groupsActive meetings meetingHours attendances " +
                $"coverage {{ {ViewsFixture.CoverageSelection} }} funding {{ qualifyingMeetings qualifyingAttendances }} }} }}",
                new { code = unit.Code, year = AsOf.Year });
            var report = data.GetProperty("annualReport");
            var endOfYear = new DateOnly(AsOf.Year, 12, 31);
            var expected = oracle.Annual(g => g.KapUnitId == unit.Id, AsOf.Year, oracle.Coverage("KAP_UNIT", endOfYear).GetValueOrDefault(unit.Id) ?? new OracleCoverage(0, 0, 0, 0), minimumHours: 2);
            var what = $"annualReport {unit.Code} {AsOf.Year}";
            Assert.True(expected.Kinds.Values.Sum(k => k.Active) == report.GetProperty("groupsActive").GetInt32(), $"{what}: groupsActive");
            Assert.True(expected.Meetings == report.GetProperty("meetings").GetInt32(), $"{what}: meetings {expected.Meetings} ≠ {report.GetProperty("meetings")}");
            Assert.True(Math.Abs(expected.Hours - report.GetProperty("meetingHours").GetDouble()) < 1e-6, $"{what}: meetingHours");
            Assert.True(expected.Attendances == report.GetProperty("attendances").GetInt32(), $"{what}: attendances {expected.Attendances} ≠ {report.GetProperty("attendances")}");
            Assert.True(expected.QualifyingMeetings == report.GetProperty("funding").GetProperty("qualifyingMeetings").GetInt32(), $"{what}: qualifyingMeetings");
            Assert.True(expected.QualifyingAttendances == report.GetProperty("funding").GetProperty("qualifyingAttendances").GetInt32(), $"{what}: qualifyingAttendances");
            ViewsFixture.AssertCoverage(expected.Coverage, report.GetProperty("coverage"), what);
            reports++;
        }

        await host.KillAsync();
        var national = oracle.Coverage("NATIONAL", AsOf)[0];

        // The surviving writes show in the views: the test's doctors were uncovered before it.
        Assert.True(national.Covered > scene.NationalBefore.Covered, $"National covered doctors {national.Covered}, before the test {scene.NationalBefore.Covered}.");
        var annual2026 = oracle.Annual(_ => true, AsOf.Year, national, minimumHours: 2);
        return new ViewFigures(rows, reports, scene.NationalBefore, national, annual2026.Meetings, annual2026.Attendances);
    }

    private static async Task<JsonElement> DataAsync(HttpClient client, string query, object variables)
    {
        using var response = await client.PostAsJsonAsync(new Uri("graphql", UriKind.Relative), new { query, variables });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        Assert.False(json.RootElement.TryGetProperty("errors", out _), body);
        return json.RootElement.GetProperty("data").Clone();
    }

    private void ReportWrites(List<Sent> sent, FileCheck check, int kills, int restarts, List<string> quickChecks, string integrity, List<double> restartTimes, TimeSpan elapsed)
    {
        output.WriteLine($"Seed {Seed}; {Clients} clients; {kills} kills (SIGKILL), {restarts} restarts under load + 1 for the views; {elapsed.TotalSeconds:F0} s of sending and restarting.");
        output.WriteLine($"Restart to ready: mean {restartTimes.DefaultIfEmpty().Average():F1} s, max {restartTimes.DefaultIfEmpty().Max():F1} s (wall clock on a shared machine: noisy).");
        foreach (var kind in new[] { "createGroup", "addGroupMember", "recordMeeting" })
        {
            var ofKind = sent.Where(s => Request(s.Mutation).Field == kind).ToList();
            var unknown = ofKind.Where(s => s.Outcome == Outcome.Unknown).ToList();
            var inFlight = unknown.Where(s => s.Problem != NeverArrived).ToList();
            output.WriteLine($"{kind}: {ofKind.Count(s => s.Outcome == Outcome.Acknowledged)} acknowledged, {ofKind.Count(s => s.Outcome == Outcome.Refused)} refused, " +
                $"{unknown.Count} unknown ({inFlight.Count} in flight at a kill, of which {inFlight.Count(check.PresentOf)} present; {unknown.Count - inFlight.Count} refused connections, of which {unknown.Count(s => s.Problem == NeverArrived && check.PresentOf(s))} present).");
        }

        output.WriteLine($"Total: {sent.Count(s => s.Outcome == Outcome.Acknowledged)} acknowledged, {sent.Count(s => s.Outcome == Outcome.Unknown)} unknown ({sent.Count(s => s.Outcome == Outcome.Unknown && check.PresentOf(s))} present, whole).");
        output.WriteLine($"On the file: {check.Groups} groups, {check.Memberships} memberships, {check.Meetings} meetings with {check.Attendances} attendances and {check.MeetingThemes} themes; {check.AuditEntries} new audit entries.");
        output.WriteLine($"Lost or partial writes found: {check.Problems.Count}{string.Concat(check.Problems.Take(10).Select(p => $"\n  {p}"))}");
        output.WriteLine($"PRAGMA quick_check after each restart: {quickChecks.Count(r => r == "ok")}/{quickChecks.Count} ok; PRAGMA integrity_check at the end: {integrity}.");
    }

    private enum Outcome
    {
        Acknowledged,
        Refused,
        Unknown,
    }

    private abstract record Mutation;

    private sealed record CreateGroup(string Name, int KapUnit, GroupKind Kind) : Mutation;

    private sealed record AddMember(int Group, int Doctor, MembershipRole Role) : Mutation;

    private sealed record RecordMeeting(int Group, DateOnly Date, double Hours, int[] Attendees, int[] Themes) : Mutation;

    private sealed record Sent(Mutation Mutation, Outcome Outcome, int? Key, string? Problem);

    private sealed record ClientScene(int KapUnit, List<int> Doctors);

    private sealed record Scene(List<ClientScene> Clients, List<int> Themes, int AuditBefore, OracleCoverage NationalBefore);

    private sealed record FileCheck(int Groups, int Memberships, int Meetings, int Attendances, int MeetingThemes, int AuditEntries, List<string> Problems, Func<Sent, bool> PresentOf);

    private sealed record ViewFigures(int CoverageRows, int Reports, OracleCoverage Before, OracleCoverage After, int Meetings, int Attendances);

    private sealed record Generation(int Number, HttpClient Client);

    /// <summary>The clients' view of the host: the current process (a generation) and, after a kill, the next one.</summary>
    private sealed class Switchboard
    {
        private readonly Lock _gate = new();
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Generation? _current;

        public bool Stopped { get; private set; }

        public void Open(Generation generation)
        {
            TaskCompletionSource opened;
            lock (_gate)
            {
                _current = generation;
                opened = _next;
                _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            opened.TrySetResult();
        }

        public void Stop()
        {
            lock (_gate)
            {
                Stopped = true;
                _next.TrySetResult();
            }
        }

        /// <summary>A generation newer than <paramref name="after"/>, once the host is up again; null once the run is over.</summary>
        public async Task<Generation?> WaitAsync(int after)
        {
            while (true)
            {
                Task pending;
                lock (_gate)
                {
                    if (Stopped)
                    {
                        return null;
                    }

                    if (_current is { } current && current.Number > after)
                    {
                        return current;
                    }

                    pending = _next.Task;
                }

                await pending;
            }
        }
    }
}

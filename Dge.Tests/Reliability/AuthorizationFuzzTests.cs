using System.Data.Common;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Api.Data;
using Dge.Api.GraphQL.Relay;
using Dge.Tests.GraphQL.ReadPath;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Dge.Tests.Reliability.HostileCalls;

namespace Dge.Tests.Reliability;

/// <summary>
/// Random operations under random callers, against the permission table of DOMAIN.md ("Who may see and change what"):
/// anonymous callers read the non-personal graph; personal data (doctors' and coordinators' e-mail and phone) needs
/// Reader, by every path and for filtering and sorting; writes need Editor; users, API keys and the audit log need Admin.
/// The callers: anonymous, a signed-in user without a role, Reader, Editor and Admin keys, an Editor signed in, an Admin
/// key that was revoked, one that expired, and an Editor signed in and then locked. The operations: reads of personal
/// fields through random paths (roots, <c>node</c>/<c>nodes</c>, nested connections, the views), written with random
/// aliases, inline and named fragments, <c>@include</c> and variables; filters and sorts on personal fields, inline and in
/// variables; the audit log, entity histories, users and API keys; and every mutation, with an input built from the live
/// data (real ids, current versions) so that the role is what stops it; mutations are drawn as (mutation, caller) pairs
/// from shuffled rounds of all of them, so every mutation meets every caller. The oracle is the table, not the schema's own
/// metadata. A forbidden value never comes back (by its response key, and by value: no personal value anywhere in the
/// answer); a forbidden field is refused with <c>AUTH_NOT_AUTHORIZED</c> and nothing else; a refused write leaves the audit
/// log as it was, and every batch of reads and refused writes leaves the whole database as it was. Replay a run with
/// <c>DGE_PROPERTY_SEED</c>.
/// </summary>
public sealed class AuthorizationFuzzTests(AuthorizationFuzzHost host, ITestOutputHelper output) : IClassFixture<AuthorizationFuzzHost>
{
    private const int Cases = 3000;
    private const int RoundSize = 150;
    private const int ReaderRank = 1;
    private const int EditorRank = 2;
    private const int AdminRank = 3;

    /// <summary>The permission table for writes, stated here and not read from the schema: users and keys need Admin, one's own password Reader, the rest Editor.</summary>
    private static readonly HashSet<string> AdminMutations = ["createApiKey", "revokeApiKey", "inviteUser", "setUserRole", "lockUser", "unlockUser"];

    /// <summary>What each <c>id</c> names, by mutation.</summary>
    private static readonly Dictionary<string, string> IdTargets = new()
    {
        ["updateGroup"] = "DgeGroup", ["dissolveGroup"] = "DgeGroup", ["deleteGroup"] = "DgeGroup",
        ["changeMembershipRole"] = "GroupMembership", ["endGroupMembership"] = "GroupMembership",
        ["updateMeeting"] = "Meeting", ["deleteMeeting"] = "Meeting", ["updateDoctor"] = "Doctor", ["endEmployment"] = "ClinicEmployment",
        ["updateClinic"] = "Clinic", ["closeClinic"] = "Clinic", ["updateCluster"] = "QualityCluster", ["endClusterPackage"] = "ClusterPackageAdoption",
        ["updateCoordinator"] = "Coordinator", ["endCoordinator"] = "Coordinator", ["linkCoordinatorToDoctor"] = "Coordinator",
        ["updateLearningMaterial"] = "LearningMaterial", ["retireLearningMaterial"] = "LearningMaterial", ["updateTheme"] = "Theme",
        ["revokeApiKey"] = "ApiKey", ["setUserRole"] = "User", ["lockUser"] = "User", ["unlockUser"] = "User",
    };

    /// <summary>What a reference field names.</summary>
    private static readonly Dictionary<string, string> References = new()
    {
        ["groupId"] = "DgeGroup", ["doctorId"] = "Doctor", ["clinicId"] = "Clinic", ["clusterId"] = "QualityCluster",
        ["materialId"] = "LearningMaterial", ["advisorId"] = "Coordinator", ["municipalityId"] = "Municipality", ["regionId"] = "Region",
        ["kapUnitId"] = "KapUnit", ["scopeId"] = "Region", ["themeIds"] = "Theme", ["materialIds"] = "LearningMaterial", ["attendeeIds"] = "Doctor",
    };

    private static readonly string[] FromDates = ["2025-03-03", "2026-01-15", "2026-06-01", "2026-11-30"];
    private static readonly string[] ToDates = ["2026-12-15", "2027-01-01", "2027-03-01"];

    private readonly HashSet<string> _personalValues = new(StringComparer.Ordinal);
    private readonly HashSet<string> _adminValues = new(StringComparer.Ordinal);
    private readonly List<(string Id, string Email)> _victimUsers = [];
    private readonly List<(string Id, int Key)> _victimKeys = [];
    private readonly Dictionary<string, string> _tables = [];
    private readonly List<string> _violations = [];
    private readonly Dictionary<string, int> _violationKinds = new(StringComparer.Ordinal);
    private readonly Queue<(string Mutation, int Caller)> _pairs = new();
    private readonly Dictionary<string, int> _tally = new(StringComparer.Ordinal);
    private ISchema _schema = null!;
    private DbConnection _db = null!;
    private int _unique;

    private sealed record Caller(string Name, HttpClient Client, int Rank, bool Unauthenticated);

    /// <summary>One request: the document, its variables, the response keys of protected selections with the rank each needs and whether a permitted caller must get a value there, and the mutation it runs, if any.</summary>
    private sealed record Case(string Kind, string Query, Dictionary<string, object?> Variables, List<(string Key, int Rank, bool Yields)> Protected, string? Mutation, int Needs);

    [Fact]
    public async Task RandomOperations_RandomCallers_NeverGetForbiddenDataOrEffects()
    {
        var seed = ReadPathHost.Seed;
        var random = new Random(unchecked((int)seed));
        _schema = host.Services.GetRequiredService<ISchema>();
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<DgeDbContext>>().CreateDbContextAsync();
        _db = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        foreach (var entity in db.Model.GetEntityTypes().Where(t => t.GetTableName() is not null))
        {
            _tables[entity.ClrType.Name] = entity.GetTableName()!;
        }

        var callers = await CallersAsync();
        await LoadProtectedValuesAsync();
        var started = DateTime.UtcNow;
        var (run, rounds, refusedWrites, permittedWrites, permittedSucceeded) = (0, 0, 0, 0, 0);

        while (run < Cases)
        {
            rounds++;
            var before = await StateAsync(db);
            var deferred = new List<(Caller, Case)>();
            for (var i = 0; i < RoundSize; i++, run++)
            {
                var kind = random.Next(20);
                var (caller, request) = kind < 13
                    ? (callers[random.Next(callers.Count)], await ReadCaseAsync(kind, random))
                    : await MutationCaseAsync(callers, random);
                Count($"{caller.Name} / {request.Kind}");
                if (request.Mutation is not null && !caller.Unauthenticated && caller.Rank >= request.Needs)
                {
                    // A permitted write changes the database: it runs after the round's check that nothing else did.
                    deferred.Add((caller, request));
                    continue;
                }

                refusedWrites += request.Mutation is null ? 0 : 1;
                var audit = request.Mutation is null ? null : await AuditMarkAsync();
                await CheckAsync(caller, request, await PostAsync(caller.Client, request.Query, request.Variables));
                if (audit is not null && audit != await AuditMarkAsync())
                {
                    Violation($"refused write changed the audit log ({request.Mutation})", $"{caller.Name}: {request.Query} {JsonSerializer.Serialize(Json(request.Variables))}");
                }
            }

            if (await StateAsync(db) != before)
            {
                Violation("reads and refused writes changed the database", $"round {rounds}");
            }

            foreach (var (caller, request) in deferred)
            {
                permittedWrites++;
                var answer = await PostAsync(caller.Client, request.Query, request.Variables);
                await CheckAsync(caller, request, answer);
                permittedSucceeded += Succeeded(answer) ? 1 : 0;
            }
        }

        output.WriteLine($"seed {seed}: {run} cases in {rounds} rounds, {(DateTime.UtcNow - started).TotalSeconds:0} s");
        output.WriteLine($"writes: {refusedWrites} refused (audit checked after each, database after each round), {permittedWrites} permitted, of which {permittedSucceeded} committed (the rest refused by a domain rule, in the payload)");
        foreach (var (key, count) in _tally.Where(t => !t.Key.StartsWith("pair ", StringComparison.Ordinal)).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{key}: {count}");
        }

        foreach (var (kind, count) in _violationKinds.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"VIOLATION {kind}: {count}");
        }

        Assert.True(_violationKinds.Count == 0, $"seed {seed}: {_violationKinds.Values.Sum()} violations of {_violationKinds.Count} kinds:\n{string.Join("\n", _violations.Take(40))}");
        Assert.Equal(Cases, run);
        Assert.Equal(_schema.Mutation!.Fields.Count * callers.Count, _tally.Keys.Count(k => k.StartsWith("pair ", StringComparison.Ordinal)));
        Assert.True(permittedSucceeded > 50, $"only {permittedSucceeded} permitted writes committed: the inputs are not valid enough for the role to be what stops a write");
        Assert.All(callers, c => Assert.True(_tally.Keys.Count(k => k.StartsWith(c.Name + " /", StringComparison.Ordinal)) == 4, $"{c.Name} did not meet every kind of operation"));
    }

    private async Task<List<Caller>> CallersAsync()
    {
        var keys = host.Services.GetRequiredService<ApiKeys>();
        var (_, reader) = await keys.CreateAsync("fuzz reader", Roles.Reader, null, "fuzz", CancellationToken.None);
        var (_, editor) = await keys.CreateAsync("fuzz editor", Roles.Editor, null, "fuzz", CancellationToken.None);
        var (_, admin) = await keys.CreateAsync("fuzz admin", Roles.Admin, null, "fuzz", CancellationToken.None);
        var (revokedKey, revoked) = await keys.CreateAsync("fuzz revoked", Roles.Admin, null, "fuzz", CancellationToken.None);
        var (_, expired) = await keys.CreateAsync("fuzz expired", Roles.Admin, DateTime.UtcNow.AddSeconds(-1), "fuzz", CancellationToken.None);
        var adminClient = Bearer(admin);
        var revoke = await PostAsync(adminClient, $$"""mutation { revokeApiKey(input: { id: "{{NodeId.Encode("ApiKey", revokedKey.Id)}}" }) { errors { __typename } } }""");
        Assert.Equal(JsonValueKind.Null, revoke.Json.GetProperty("data").GetProperty("revokeApiKey").GetProperty("errors").ValueKind);

        // Users and keys the Admin callers may change: never the callers' own, whose roles the oracle relies on.
        for (var i = 0; i < 4; i++)
        {
            var invited = await PostAsync(adminClient, $$"""mutation { inviteUser(input: { email: "victim{{i}}-{{Guid.NewGuid():N}}@fuzz.dk", role: "Reader" }) { invitation { user { id email } } } }""");
            var user = invited.Json.GetProperty("data").GetProperty("inviteUser").GetProperty("invitation").GetProperty("user");
            _victimUsers.Add((user.GetProperty("id").GetString()!, user.GetProperty("email").GetString()!));
            var (victimKey, _) = await keys.CreateAsync($"victim {i}", Roles.Reader, null, "fuzz", CancellationToken.None);
            _victimKeys.Add((NodeId.Encode("ApiKey", victimKey.Id), victimKey.Id));
        }

        var locked = await host.Factory.SignedInClientAsync(Roles.Editor);
        var lockedEmail = (await PostAsync(locked, "{ me { name } }")).Json.GetProperty("data").GetProperty("me").GetProperty("name").GetString()!;
        var lockedAccount = (await PostAsync(adminClient, "{ users { id email version } }")).Json.GetProperty("data").GetProperty("users").EnumerateArray()
            .Single(u => u.GetProperty("email").GetString() == lockedEmail);
        var lockAnswer = await PostAsync(adminClient, $$"""mutation { lockUser(input: { id: "{{lockedAccount.GetProperty("id").GetString()}}", expectedVersion: {{lockedAccount.GetProperty("version").GetInt32()}} }) { errors { __typename } } }""");
        Assert.Equal(JsonValueKind.Null, lockAnswer.Json.GetProperty("data").GetProperty("lockUser").GetProperty("errors").ValueKind);

        var callers = new List<Caller>
        {
            new("anonymous", host.Factory.CreateClient(), 0, false),
            new("signed in, no role", await host.Factory.SignedInClientAsync(null), 0, false),
            new("Reader key", Bearer(reader), ReaderRank, false),
            new("Editor key", Bearer(editor), EditorRank, false),
            new("Editor signed in", await host.Factory.SignedInClientAsync(Roles.Editor), EditorRank, false),
            new("Admin key", adminClient, AdminRank, false),
        };

        // What the API does with a revoked or expired key and a locked account, found out here and then held to throughout.
        foreach (var (name, client) in new[] { ("revoked Admin key", Bearer(revoked)), ("expired Admin key", Bearer(expired)), ("locked Editor", locked) })
        {
            var me = await PostAsync(client, "{ me { authenticated } }");
            var refused = me.Status == 401;
            Assert.True(refused || !me.Json.GetProperty("data").GetProperty("me").GetProperty("authenticated").GetBoolean(), $"{name} is still authenticated");
            output.WriteLine($"{name}: {(refused ? "refused with 401" : "treated as anonymous")}");
            callers.Add(new(name, client, 0, refused));
        }

        return callers;
    }

    private HttpClient Bearer(string secret)
    {
        var client = host.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private async Task LoadProtectedValuesAsync()
    {
        foreach (var sql in new[] { "SELECT \"Email\" FROM \"Doctors\"", "SELECT \"Phone\" FROM \"Doctors\"", "SELECT \"Email\" FROM \"Coordinators\"" })
        {
            foreach (var value in await StringsAsync(sql))
            {
                _personalValues.Add(value);
            }
        }

        foreach (var value in await StringsAsync("SELECT \"Email\" FROM \"AspNetUsers\""))
        {
            _adminValues.Add(value);
        }

        Assert.True(_personalValues.Count > 5000, $"only {_personalValues.Count} personal values");
    }

    private async Task CheckAsync(Caller caller, Case request, Answer answer)
    {
        var where = $"{caller.Name}, {request.Kind}: {request.Query} {JsonSerializer.Serialize(Json(request.Variables))}";
        if (caller.Unauthenticated)
        {
            if (answer.Status != 401 || answer.ErrorCodes.SingleOrDefault() != "AUTH_NOT_AUTHENTICATED" || answer.Json.TryGetProperty("data", out _))
            {
                Violation($"{caller.Name} not refused with 401", $"{where}: got {answer.Status} {answer.Json}");
            }

            return;
        }

        var strings = new List<string>();
        Strings(answer.Json, strings);
        if (caller.Rank < ReaderRank && strings.FirstOrDefault(_personalValues.Contains) is { } personal)
        {
            Violation($"personal value in the answer ({request.Kind})", $"{where}: {personal}");
        }

        if (caller.Rank < AdminRank && strings.FirstOrDefault(_adminValues.Contains) is { } account)
        {
            Violation($"account e-mail in the answer ({request.Kind})", $"{where}: {account}");
        }

        var data = answer.Json.TryGetProperty("data", out var d) ? d : default;
        var forbidden = request.Protected.Where(p => p.Rank > caller.Rank).ToList();
        var refusedMutation = request.Mutation is not null && caller.Rank < request.Needs;
        if (forbidden.Count > 0 || refusedMutation)
        {
            foreach (var (key, _, _) in forbidden)
            {
                if (Values(data, key).Any(v => v.ValueKind != JsonValueKind.Null))
                {
                    Violation($"forbidden selection has a value ({request.Mutation ?? request.Kind})", $"{where}: '{key}' in {answer.Json}");
                }
            }

            // A refused field that resolved leaves an error; one under an empty list or a null parent never resolves.
            var mustBeRefused = refusedMutation || forbidden.Any(p => p.Yields);
            if ((mustBeRefused && answer.ErrorCodes.Count == 0) || answer.ErrorCodes.Any(c => c != FieldAccess.NotAuthorizedCode))
            {
                Violation($"forbidden selection not refused with {FieldAccess.NotAuthorizedCode} alone ({request.Mutation ?? request.Kind})", $"{where}: {answer.Json}");
            }

            Count($"refused: {request.Kind}");
            return;
        }

        if (answer.Status != 200 || answer.Errors.Count > 0)
        {
            Violation($"permitted, but errors ({request.Mutation ?? request.Kind})", $"{where}: {answer.Status} {answer.Json}");
        }

        foreach (var (key, _, _) in request.Protected.Where(p => p.Yields))
        {
            if (!Values(data, key).Any(v => v.ValueKind != JsonValueKind.Null))
            {
                Violation($"permitted, but no value ({request.Kind})", $"{where}: '{key}' in {answer.Json}");
            }
        }

        Count($"permitted: {request.Kind}");
    }

    private static bool Succeeded(Answer answer) =>
        answer.Json.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
        && data.EnumerateObject().All(m => m.Value.ValueKind == JsonValueKind.Object && (!m.Value.TryGetProperty("errors", out var e) || e.ValueKind == JsonValueKind.Null))
        && data.EnumerateObject().Any(m => m.Value.TryGetProperty("errors", out _));

    /// <summary>Every value under the response key <paramref name="key"/>, at any depth.</summary>
    private static IEnumerable<JsonElement> Values(JsonElement element, string key)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == key)
                {
                    yield return property.Value;
                }

                foreach (var value in Values(property.Value, key))
                {
                    yield return value;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var value in element.EnumerateArray().SelectMany(item => Values(item, key)))
            {
                yield return value;
            }
        }
    }

    private static void Strings(JsonElement element, List<string> strings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                strings.Add(element.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Strings(property.Value, strings);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Strings(item, strings);
                }

                break;
        }
    }

    /// <summary>Counts a violation by kind and keeps the first examples of each kind.</summary>
    private void Violation(string kind, string example)
    {
        _violationKinds[kind] = _violationKinds.GetValueOrDefault(kind) + 1;
        if (_violationKinds[kind] <= 2)
        {
            _violations.Add($"{kind}: {(example.Length > 700 ? example[..700] + "…" : example)}");
        }
    }

    private void Count(string key) => _tally[key] = _tally.GetValueOrDefault(key) + 1;

    private async Task<string> AuditMarkAsync() => $"{await ScalarAsync("SELECT COUNT(*) FROM \"AuditEntries\"")}/{await ScalarAsync("SELECT MAX(\"Id\") FROM \"AuditEntries\"")}";

    private Task<Case> ReadCaseAsync(int kind, Random random) => kind switch
    {
        < 6 => PersonalReadAsync(random),
        < 10 => PersonalFilterAsync(random),
        _ => AdminReadAsync(random),
    };

    /// <summary>The next (mutation, caller) pair of a shuffled round of all of them, so every mutation meets every caller.</summary>
    private async Task<(Caller, Case)> MutationCaseAsync(List<Caller> callers, Random random)
    {
        if (_pairs.Count == 0)
        {
            var pairs = _schema.Mutation!.Fields.SelectMany(m => Enumerable.Range(0, callers.Count).Select(c => (m.Name, c))).ToList();
            foreach (var pair in pairs.OrderBy(_ => random.Next()))
            {
                _pairs.Enqueue(pair);
            }
        }

        var (mutation, caller) = _pairs.Dequeue();
        Count($"pair {mutation} / {callers[caller].Name}");
        return (callers[caller], await MutationAsync(_schema.Mutation!.Fields.Single(f => f.Name == mutation), random));
    }

    private async Task<Case> PersonalReadAsync(Random random)
    {
        var doc = new Document(random);
        var roots = random.Next(1, 3);
        for (var i = 0; i < roots; i++)
        {
            var path = random.Next(13);
            var yields = path is 0 or 1 or 2 or 9 or 12;
            doc.Yields = yields;
            var selection = path switch
            {
                0 => $"{doc.Root("doctors")}(first: {random.Next(1, 6)}{doc.MaybeOrder("DoctorSortInput", "lastName")}) {{ nodes {{ {doc.Doctor()} }} }}",
                1 => $"{doc.Root("node")}(id: {doc.Id(await IdAsync("Doctor", random))}) {{ ... on Doctor {{ {doc.Doctor()} }} }}",
                2 => $"{doc.Root("nodes")}(ids: [{doc.Id(await IdAsync("Doctor", random))}, {doc.Id(await IdAsync("Coordinator", random))}]) {{ ... on Doctor {{ {doc.Doctor()} }} ... on Coordinator {{ {doc.Coordinator()} }} }}",
                3 => $"{doc.Root("clinics")}(first: 2) {{ nodes {{ name doctors(first: 3) {{ nodes {{ {doc.Doctor()} }} }} }} }}",
                4 => $"{doc.Root("groups")}(first: 2) {{ nodes {{ memberships(first: 3) {{ nodes {{ doctor {{ {doc.Doctor()} }} }} }} }} }}",
                5 => $"{doc.Root("meetings")}(first: 2) {{ nodes {{ attendees(first: 3) {{ nodes {{ {doc.Doctor()} }} }} }} }}",
                6 => $"{doc.Root("clinicEmployments")}(first: 3) {{ nodes {{ doctor {{ {doc.Doctor()} }} }} }}",
                7 => $"{doc.Root("clusterAlignment")}(first: 1) {{ nodes {{ uncoveredDoctors {{ doctor {{ {doc.Doctor()} }} }} }} }}",
                8 => $"{doc.Root("coordinators")}(first: 5) {{ nodes {{ doctor {{ {doc.Doctor()} }} }} }}",
                9 => $"{doc.Root("coordinators")}(first: {random.Next(1, 6)}) {{ nodes {{ {doc.Coordinator()} }} }}",
                10 => $"{doc.Root("groups")}(first: 3) {{ nodes {{ name advisor {{ {doc.Coordinator()} }} }} }}",
                11 => $"{doc.Root("advisorWorkload")} {{ nodes {{ advisor {{ {doc.Coordinator()} }} }} }}",
                _ => $"{doc.Root("node")}(id: {doc.Id(await IdAsync("Coordinator", random))}) {{ ... on Coordinator {{ {doc.Coordinator()} }} }}",
            };
            doc.Add(selection);
        }

        return doc.Build("personal field", ReaderRank);
    }

    private Task<Case> PersonalFilterAsync(Random random)
    {
        var doc = new Document(random);
        var key = doc.Key();
        var op = new[] { "eq", "neq", "contains", "startsWith", "endsWith", "ncontains", "nstartsWith" }[random.Next(7)];
        var value = new[] { "a", "la", "2", "@", ".dk", "+45" }[random.Next(6)];
        var field = random.Next(2) == 0 ? "email" : "phone";
        Dictionary<string, object?> Condition(string f) => new() { [f] = new Dictionary<string, object?> { [op] = value } };
        var personal = Condition(field);
        var filter = random.Next(4) switch
        {
            0 => personal,
            1 => new Dictionary<string, object?> { ["or"] = new List<object?> { new Dictionary<string, object?> { ["lastName"] = new Dictionary<string, object?> { ["eq"] = "x" } }, personal } },
            2 => new Dictionary<string, object?> { ["and"] = new List<object?> { new Dictionary<string, object?> { ["firstName"] = new Dictionary<string, object?> { ["neq"] = "x" } }, personal } },
            _ => new Dictionary<string, object?> { ["and"] = new List<object?> { new Dictionary<string, object?> { ["or"] = new List<object?> { personal } } } },
        };
        var sort = new List<object?>();
        if (random.Next(2) == 0)
        {
            sort.Add(new Dictionary<string, object?> { ["lastName"] = new GraphQLEnum("ASC") });
        }

        sort.Add(new Dictionary<string, object?> { [field] = new GraphQLEnum(random.Next(2) == 0 ? "ASC" : "DESC") });
        var coordinatorSort = new List<object?> { new Dictionary<string, object?> { ["email"] = new GraphQLEnum("DESC") } };
        var selection = random.Next(10) switch
        {
            0 => $"{key}: doctors(where: {doc.Value("DoctorFilterInput", filter)}) {{ totalCount }}",
            1 => $"{key}: doctors(first: 2, order: {doc.Value("[DoctorSortInput!]", sort)}) {{ nodes {{ lastName }} }}",
            2 => $"{key}: coordinators(where: {doc.Value("CoordinatorFilterInput", Condition("email"))}) {{ totalCount }}",
            3 => $"{key}: coordinators(first: 2, order: {doc.Value("[CoordinatorSortInput!]", coordinatorSort)}) {{ nodes {{ name }} }}",
            4 => $"{key}: clinics(where: {doc.Value("ClinicFilterInput", new Dictionary<string, object?> { ["doctors"] = new Dictionary<string, object?> { ["some"] = filter } })}) {{ totalCount }}",
            5 => $"clinics(first: 1) {{ nodes {{ name {key}: doctors(where: {doc.Value("DoctorFilterInput", filter)}) {{ totalCount }} }} }}",
            6 => $"{key}: groupMemberships(where: {doc.Value("GroupMembershipFilterInput", new Dictionary<string, object?> { ["doctor"] = filter })}) {{ totalCount }}",
            7 => $"{key}: groupMemberships(first: 2, order: {doc.Value("[GroupMembershipSortInput!]", new List<object?> { new Dictionary<string, object?> { ["doctor"] = sort[^1] } })}) {{ nodes {{ from }} }}",
            8 => $"{key}: groups(where: {doc.Value("DgeGroupFilterInput", new Dictionary<string, object?> { ["advisor"] = Condition("email") })}) {{ totalCount }}",
            _ => $"{key}: meetings(where: {doc.Value("MeetingFilterInput", new Dictionary<string, object?> { ["attendees"] = new Dictionary<string, object?> { ["some"] = filter } })}) {{ totalCount }}",
        };
        doc.Protect(key, ReaderRank, yields: true);
        doc.Add(selection);
        if (random.Next(3) == 0)
        {
            doc.Add($"{doc.Key()}: regions(first: 1) {{ nodes {{ name }} }}");
        }

        return Task.FromResult(doc.Build("personal filter or sort", ReaderRank));
    }

    private async Task<Case> AdminReadAsync(Random random)
    {
        var doc = new Document(random);
        var key = doc.Key();
        var inner = doc.Key();
        var audit = await ScalarAsync("SELECT MAX(\"Id\") FROM \"AuditEntries\"");
        var path = random.Next(audit is null or DBNull ? 5 : 6);
        var selection = path switch
        {
            0 => $"{key}: auditLog(first: {random.Next(1, 4)}{(random.Next(2) == 0 ? ", order: [{ at: DESC }]" : string.Empty)}) {{ nodes {{ id {inner}: before after actorName operation }} }}",
            1 => $"{key}: users {{ id {inner}: email role }}",
            2 => $"{key}: apiKeys {{ name {inner}: hint role }}",
            3 => $"doctors(first: 2) {{ nodes {{ lastName {key}: history(first: 2) {{ nodes {{ {inner}: before after }} }} }} }}",
            4 => $"groups(first: 1) {{ nodes {{ name {key}: history {{ totalCount }} }} }}",
            _ => $"{key}: node(id: {doc.Id(NodeId.Encode("AuditEntry", Convert.ToInt32(audit, CultureInfo.InvariantCulture)))}) {{ ... on AuditEntry {{ {inner}: before actorName }} }}",
        };
        doc.Protect(key, AdminRank, yields: true);
        doc.Protect(inner, AdminRank, yields: false);
        doc.Add(selection);
        if (random.Next(3) == 0)
        {
            doc.Add($"{doc.Key()}: themes(first: 1) {{ nodes {{ code }} }}");
        }

        return doc.Build("admin read", AdminRank);
    }

    private async Task<Case> MutationAsync(FieldType mutation, Random random)
    {
        var needs = AdminMutations.Contains(mutation.Name) ? AdminRank : mutation.Name == "changeMyPassword" ? ReaderRank : EditorRank;
        var inputType = (IInputObjectGraphType)Named(mutation.Arguments!.Find("input")!.ResolvedType!);
        var input = await InputAsync(mutation.Name, inputType, random);
        var payload = (IObjectGraphType)Named(mutation.ResolvedType!);
        var result = payload.Fields.First(f => f.Name is not ("errors" or "warnings")).Name;
        var doc = new Document(random);
        var key = doc.Key();
        var selection = random.Next(4) switch
        {
            0 => "__typename errors { __typename }",
            1 => "errors { __typename }",
            2 => $"{result} {{ __typename }} errors {{ __typename }}",
            _ => $"... on {payload.Name} {{ errors {{ __typename ... on Error {{ message }} }} }}",
        };
        doc.Add($"{key}: {mutation.Name}(input: {doc.Value($"{inputType.Name}!", input)}) {{ {selection} }}");
        doc.Protect(key, needs, yields: true);
        return doc.Build("mutation", needs, mutation.Name);
    }

    private async Task<Dictionary<string, object?>> InputAsync(string mutation, IInputObjectGraphType type, Random random)
    {
        var input = new Dictionary<string, object?>();
        long? version = null;

        // The named object first, so expectedVersion can be its current version.
        foreach (var field in type.Fields.OrderBy(f => f.Name == "expectedVersion"))
        {
            var required = field.ResolvedType is NonNullGraphType;
            if (!required && random.Next(10) >= 3)
            {
                continue;
            }

            var named = Named(field.ResolvedType!);
            var list = Unwrapped(field.ResolvedType!) is ListGraphType;
            object? value;
            if (field.Name == "id" && IdTargets.TryGetValue(mutation, out var target))
            {
                (value, var current) = await TargetAsync(target, random);
                version = current;
            }
            else if (References.TryGetValue(field.Name, out var referenced))
            {
                var (id, current) = await SampleAsync(referenced, random);
                version ??= field.Name is "groupId" or "clinicId" ? current : null;
                value = list ? new List<object?> { id } : id;
            }
            else if (field.Name == "expectedVersion")
            {
                value = version ?? 0;
            }
            else if (named is IInputObjectGraphType nested)
            {
                var row = await InputAsync(mutation, nested, random);
                value = list ? new List<object?> { row } : row;
            }
            else if (named is EnumerationGraphType enumeration)
            {
                var choice = new GraphQLEnum(enumeration.Values.ElementAt(random.Next(enumeration.Values.Count)).Name);
                value = list ? new List<object?> { choice } : choice;
            }
            else
            {
                value = named.Name switch
                {
                    "Date" => field.Name is "to" or "dissolvedOn" or "closedOn" or "retiredOn" ? ToDates[random.Next(ToDates.Length)] : FromDates[random.Next(FromDates.Length)],
                    "DateTime" => "2030-01-01T00:00:00Z",
                    "Int" => 1,
                    "Float" => field.Name == "weeklyHours" ? 5.0 : 2.0,
                    "Boolean" => random.Next(2) == 0,
                    _ => Text(mutation, field.Name, random),
                };
            }

            input[field.Name] = value;
        }

        return input;
    }

    private string Text(string mutation, string field, Random random)
    {
        var n = Interlocked.Increment(ref _unique);
        switch (field)
        {
            case "email":
                var email = $"fuzz{n}@fuzz.dk";
                (mutation == "inviteUser" ? _adminValues : _personalValues).Add(email);
                return email;
            case "phone":
                var phone = $"+45 9{n:0000000}";
                _personalValues.Add(phone);
                return phone;
            case "ydernummer":
                return random.Next(100_000, 1_000_000).ToString(CultureInfo.InvariantCulture);
            case "code":
                return $"FZ{n}";
            case "kapUnitCode":
                return "KAP-H";
            case "url":
                return $"https://fuzz.example.dk/{n}";
            case "role":
                return Roles.All[random.Next(Roles.All.Count)];
            case "currentPassword":
                // Never the password: a permitted changeMyPassword is refused by its rule and leaves the caller's session alone.
                return "Not-the-password-1234!";
            case "newPassword":
                return "Fuzz-password-1234!";
            default:
                return $"Fuzz {field} {n}";
        }
    }

    /// <summary>The object a mutation's <c>id</c> names, and its version: users and keys from the victims only.</summary>
    private async Task<(string Id, long Version)> TargetAsync(string entity, Random random)
    {
        if (entity == "User")
        {
            var (id, email) = _victimUsers[random.Next(_victimUsers.Count)];
            return (id, Convert.ToInt64(await ScalarAsync($"SELECT \"Version\" FROM \"AspNetUsers\" WHERE \"Email\" = '{email}'"), CultureInfo.InvariantCulture));
        }

        if (entity == "ApiKey")
        {
            var (id, key) = _victimKeys[random.Next(_victimKeys.Count)];
            return (id, Convert.ToInt64(await ScalarAsync($"SELECT \"Version\" FROM \"ApiKeys\" WHERE \"Id\" = {key}"), CultureInfo.InvariantCulture));
        }

        return await SampleAsync(entity, random);
    }

    private async Task<string> IdAsync(string entity, Random random) => (await SampleAsync(entity, random)).Id;

    /// <summary>A random row of <paramref name="entity"/>'s table, as a global id, with its version.</summary>
    private async Task<(string Id, long Version)> SampleAsync(string entity, Random random)
    {
        var table = _tables[entity];
        var count = Convert.ToInt32(await ScalarAsync($"SELECT COUNT(*) FROM \"{table}\""), CultureInfo.InvariantCulture);
        await using var command = _db.CreateCommand();
        command.CommandText = $"SELECT \"Id\", \"Version\" FROM \"{table}\" ORDER BY \"Id\" LIMIT 1 OFFSET {random.Next(count)}";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (NodeId.Encode(entity, reader.GetInt32(0)), reader.GetInt64(1));
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var command = _db.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private async Task<List<string>> StringsAsync(string sql)
    {
        var values = new List<string>();
        await using var command = _db.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (!reader.IsDBNull(0))
            {
                values.Add(reader.GetString(0));
            }
        }

        return values;
    }

    private IGraphType Named(IGraphType type) => Unwrapped(type) switch
    {
        ListGraphType list => Named(list.ResolvedType!),
        GraphQLTypeReference reference => _schema.AllTypes[reference.TypeName]!,
        var other => other,
    };

    private static IGraphType Unwrapped(IGraphType type) => type is NonNullGraphType nonNull ? nonNull.ResolvedType! : type;

    /// <summary>A document being generated: its root selections, fragments, variables and protected response keys.</summary>
    private sealed class Document(Random random)
    {
        private readonly List<string> _roots = [];
        private readonly List<string> _fragments = [];
        private readonly List<string> _definitions = [];
        private readonly Dictionary<string, object?> _variables = [];
        private readonly List<(string Key, int Rank, bool Yields)> _protected = [];
        private int _n;

        /// <summary>Whether the personal fields selected next must have a value for a permitted caller.</summary>
        public bool Yields { get; set; }

        /// <summary>A fresh response key, unlike any field's name.</summary>
        public string Key() => $"k{_n++}";

        /// <summary>A root field, aliased unless it may keep its name.</summary>
        public string Root(string field) => random.Next(3) == 0 && _roots.Count == 0 ? field : $"{Key()}: {field}";

        public void Add(string selection) => _roots.Add(selection);

        public void Protect(string key, int rank, bool yields) => _protected.Add((key, rank, yields));

        /// <summary>A value, inline or as a variable of <paramref name="type"/>.</summary>
        public string Value(string type, object? value)
        {
            if (random.Next(2) == 0)
            {
                return Literal(value);
            }

            var name = $"v{_n++}";
            _definitions.Add($"${name}: {type}");
            _variables[name] = value;
            return $"${name}";
        }

        public string Id(string id) => Value("ID!", id);

        public string MaybeOrder(string type, string field) =>
            random.Next(3) == 0 ? $", order: {Value($"[{type}!]", new List<object?> { new Dictionary<string, object?> { [field] = new GraphQLEnum("ASC") } })}" : string.Empty;

        public string Doctor()
        {
            var fields = new List<string>();
            if (random.Next(2) == 0)
            {
                fields.Add("lastName");
            }

            var personal = new[] { "email", "phone" }.Where(_ => random.Next(2) == 0).ToList();
            if (personal.Count == 0)
            {
                personal.Add(random.Next(2) == 0 ? "email" : "phone");
            }

            fields.AddRange(personal.Select(Personal));
            return Wrap("Doctor", string.Join(" ", fields.OrderBy(_ => random.Next())));
        }

        public string Coordinator() => Wrap("Coordinator", random.Next(2) == 0 ? $"name {Personal("email")}" : Personal("email"));

        public Case Build(string kind, int needs, string? mutation = null)
        {
            var operation = mutation is null ? "query" : "mutation";
            var header = _definitions.Count == 0 && random.Next(2) == 0 && mutation is null ? string.Empty : $"{operation} Fuzz{(_definitions.Count == 0 ? string.Empty : $"({string.Join(", ", _definitions)})")} ";
            var query = new StringBuilder(header).Append("{ ").AppendJoin(" ", _roots).Append(" }");
            foreach (var fragment in _fragments)
            {
                query.Append(' ').Append(fragment);
            }

            return new Case(kind, query.ToString(), _variables, _protected, mutation, needs);
        }

        private string Personal(string field)
        {
            var key = random.Next(3) == 0 ? field : Key();
            Protect(key, ReaderRank, Yields);
            return key == field ? field : $"{key}: {field}";
        }

        private string Wrap(string type, string selection)
        {
            switch (random.Next(4))
            {
                case 0:
                    return selection;
                case 1:
                    return $"... on {type} {{ {selection} }}";
                case 2:
                    var name = $"F{_n++}";
                    _fragments.Add($"fragment {name} on {type} {{ {selection} }}");
                    return $"...{name}";
                default:
                    var variable = $"v{_n++}";
                    _definitions.Add($"${variable}: Boolean!");
                    _variables[variable] = true;
                    return $"... @include(if: ${variable}) {{ {selection} }}";
            }
        }
    }
}

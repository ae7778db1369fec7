using System.Diagnostics;
using System.Text.Json;
using Dge.Api.GraphQL.Http;
using FsCheck;
using FsCheck.Fluent;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Dge.Tests.Reliability;

/// <summary>
/// Property: whatever sequence of writes an Editor sends (valid and invalid: wrong, foreign and deleted ids, stale versions,
/// boundary and impossible days, overlapping periods, huge and hostile strings), every answer keeps the error contract,
/// the data keeps DOMAIN.md's rules, and the audit log replays to the data.
/// </summary>
/// <remarks>
/// The sequences run one after another on one database and accumulate, which is more hostile than a fresh copy each time
/// (a sequence meets the groups, memberships and meetings earlier ones made, ended, split or deleted). The rules are checked
/// as "no violation the sequence introduced", and the audit replay from the state just before it, so a failing sequence
/// is still told apart from those after it, and FsCheck's shrinking (which replays candidates on the accumulated data)
/// only keeps a candidate that breaks something itself.
/// </remarks>
public sealed class HostileWriteSequencesTests(HostileWriteHost host, ITestOutputHelper output) : IClassFixture<HostileWriteHost>
{
    public const int Sequences = 10_000;

    private static readonly HashSet<string> ErrorTypes = ["ValidationError", "NotFoundError", "ConflictError"];

    [Fact]
    public async Task Run_RandomMutationSequences_KeepTheRulesTheErrorContractAndTheAudit()
    {
        output.WriteLine($"Seed {HostileWriteHost.Seed} ({HostileWriteHost.SeedVariable} overrides it), {Sequences} sequences.");
        var today = HostileWriteHost.Today;
        var models = host.Models;
        var schema = host.Services.GetRequiredService<ISchema>();
        var world = new SliceWorld(models);
        SliceSnapshot snapshot;
        SortedSet<string> violations;
        int auditMark;
        await using (var db = host.OpenDb())
        {
            await world.SelectAsync(db, today);
            await world.RefreshAsync(db);
            snapshot = await SliceSnapshot.TakeAsync(db, world, models);
            violations = await DomainRuleChecker.ViolationsAsync(db, world, today);
            auditMark = await db.AuditEntries.MaxAsync(a => (int?)a.Id) ?? 0;
        }

        Assert.True(violations.Count == 0, $"The seeded slice breaks the rules already: {DomainRuleChecker.Describe(violations)}");
        output.WriteLine($"Slice: {world.GroupKeys.Count} groups, {world.Memberships.Count} memberships, {world.Meetings.Count} meetings, {world.DoctorKeys.Count} doctors, {world.ClinicKeys.Count} clinics, {world.ClusterKeys.Count} clusters.");

        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var sequences = 0;
        var steps = 0;
        var committed = 0;
        var checkedSequences = 0;
        var started = DateTime.UtcNow;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        TimeSpan executing = default, refreshing = default, checks = default;

        var property = Prop.ForAll(HostileSequence.Arbitrary(), sequence =>
        {
            sequences++;
            var failure = RunAsync(sequence).GetAwaiter().GetResult();
            if (failure is not null)
            {
                throw new InvalidOperationException($"{failure}{Environment.NewLine}Sequence:{Environment.NewLine}{sequence}");
            }
        });

        async Task<string?> RunAsync(HostileSequence sequence)
        {
            var operations = new HashSet<string>(StringComparer.Ordinal);
            var problems = new List<string>();
            var start = host.DataVersion();
            foreach (var step in sequence.Steps)
            {
                var request = world.Build(step, today);
                var logged = host.Logs.Entries.Count;
                var before = host.DataVersion();
                var clock = Stopwatch.StartNew();
                var response = await host.ExecuteAsync(request.Query, request.VariablesJson);
                executing += clock.Elapsed;
                steps++;
                var (outcome, breach) = Judge(schema, request, response, logged);
                outcomes[$"{request.Operation}: {outcome}"] = outcomes.GetValueOrDefault($"{request.Operation}: {outcome}") + 1;
                if (outcome != "OK" && host.DataVersion() != before)
                {
                    breach ??= $"refused with {outcome}, yet something was committed";
                }

                if (breach is not null)
                {
                    problems.Add($"step {step} ({request.Operation}, variables {Shorten(request.VariablesJson)}): {breach}");
                    break;
                }

                if (outcome == "OK")
                {
                    committed++;
                    operations.Add(request.Operation);
                    if (request.Operation == "createGroup")
                    {
                        world.Adopt(response!.Value.GetProperty("data").GetProperty("createGroup").GetProperty("group").GetProperty("id").GetString());
                    }

                    clock.Restart();
                    await using var db = host.OpenDb();
                    await world.RefreshAsync(db);
                    refreshing += clock.Elapsed;
                }
            }

            // Nothing committed anywhere in the file: the data, its rules and its audit are as they were.
            if (problems.Count == 0 && host.DataVersion() == start)
            {
                return null;
            }

            var checking = Stopwatch.StartNew();
            // The world was read after each committed step, and a refused one changed nothing.
            await using (var db = host.OpenDb())
            {
                var now = await SliceSnapshot.TakeAsync(db, world, models);
                var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Id > auditMark).OrderBy(a => a.Id).ToListAsync();
                problems.AddRange(entries.Where(e => !operations.Contains(e.Operation)).Select(e => $"audit entry {e.Id} by {e.Operation}, which committed nothing in this sequence"));
                problems.AddRange(snapshot.Replay(entries, now));
                var found = await DomainRuleChecker.ViolationsAsync(db, world, today);
                var introduced = found.Except(violations).ToList();
                if (introduced.Count > 0)
                {
                    problems.Add($"rules broken: {DomainRuleChecker.Describe(introduced)}");
                }

                snapshot = now;
                violations = found;
                auditMark = entries.Count > 0 ? entries[^1].Id : auditMark;
                checkedSequences++;
            }

            checks += checking.Elapsed;
            return problems.Count == 0 ? null : string.Join(Environment.NewLine, problems.Take(8));
        }

        try
        {
            await Task.Run(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(Sequences).WithQuietOnSuccess(true)
                .WithReplay(new Replay(new Rnd(HostileWriteHost.Seed, 0x9E3779B97F4A7C15UL), null)), property));
        }
        finally
        {
            // Also when a case fails (shrinking included): what ran, and what it got.
            var elapsed = DateTime.UtcNow - started;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            output.WriteLine($"{sequences} sequences, {steps} mutations ({committed} committed) in {elapsed.TotalSeconds:F0} s wall clock (noisy on a shared machine), {cpuSeconds:F0} s of the test process's CPU.");
            output.WriteLine($"{checkedSequences} sequences changed the database and had their rules and audit checked; the others left the data version unchanged.");
            output.WriteLine($"Time in the host {executing.TotalSeconds:F0} s, reading the slice after commits {refreshing.TotalSeconds:F0} s, checking rules and audit {checks.TotalSeconds:F0} s.");
            foreach (var (outcome, count) in outcomes)
            {
                output.WriteLine($"{outcome}: {count}");
            }
        }

        Assert.True(sequences >= Sequences, $"Only {sequences} sequences ran.");
        Assert.True(committed > Sequences / 2, $"Only {committed} mutations committed: the sequences hardly change anything.");
    }

    /// <summary>
    /// The outcome of one mutation (OK, or the refusal's code) and why its answer breaks the contract, if it does: no
    /// internal error, nothing logged at error level, every refusal a typed error naming the input field, id or version at fault.
    /// </summary>
    private (string Outcome, string? Breach) Judge(ISchema schema, HostileRequest request, JsonElement? response, int logged)
    {
        if (host.Logs.Entries.Skip(logged).FirstOrDefault(e => e.Level >= LogLevel.Error) is { } entry)
        {
            return ("LOGGED_ERROR", $"logged at {entry.Level}: {entry.Message} {entry.Exception}");
        }

        if (response is not { } json)
        {
            // The JSON reader refuses a lone surrogate escape before anything runs (the endpoint answers 400): that is the only JSON we send that it may refuse.
            return request.VariablesJson.Contains("\\uD800", StringComparison.Ordinal) || request.VariablesJson.Contains("\\uDC00", StringComparison.Ordinal)
                ? ("JSON_REFUSED", null)
                : ("JSON_REFUSED", "the variables' JSON was refused");
        }

        if (json.TryGetProperty("errors", out var errors))
        {
            var error = errors[0];
            var code = error.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("code", out var value) ? value.GetString() : null;
            if (string.IsNullOrEmpty(code) || code == UnhandledResolverErrors.Code)
            {
                return (code ?? "UNTYPED", $"an error is {code ?? "untyped"}: {error}");
            }

            var message = error.GetProperty("message").GetString() ?? string.Empty;
            return message.Contains("$input", StringComparison.Ordinal) || message.Contains("'input'", StringComparison.Ordinal)
                ? (code, null)
                : (code, $"a request error does not name the variable: {error}");
        }

        var payload = json.GetProperty("data").GetProperty(request.Operation);
        var result = payload.GetProperty(request.ResultField);
        if (payload.GetProperty("errors").ValueKind == JsonValueKind.Null)
        {
            return result.ValueKind == JsonValueKind.Object ? ("OK", null) : ("OK", $"no errors and no {request.ResultField}: {payload}");
        }

        if (result.ValueKind != JsonValueKind.Null)
        {
            return ("REFUSED", $"a refusal with a {request.ResultField}: {payload}");
        }

        var inputType = (IInputObjectGraphType)schema.AllTypes[$"{char.ToUpperInvariant(request.Operation[0])}{request.Operation[1..]}Input"]!;
        var refusal = payload.GetProperty("errors")[0];
        var type = refusal.GetProperty("__typename").GetString()!;
        if (!ErrorTypes.Contains(type) || string.IsNullOrWhiteSpace(refusal.GetProperty("message").GetString()))
        {
            return (type, $"an unexpected refusal: {refusal}");
        }

        switch (type)
        {
            case "ValidationError":
                var path = refusal.GetProperty("path").EnumerateArray().Select(p => p.GetString()).ToList();
                var code = refusal.GetProperty("code").GetString();
                var named = path.Count >= 2 && path[0] == "input" && inputType.Fields.Any(f => f.Name == path[1]);
                return (code ?? "NO_CODE", named && !string.IsNullOrEmpty(code) ? null : $"a validation error that names no input field: {refusal}");
            case "NotFoundError":
                var id = refusal.GetProperty("id").GetString();
                return ("NOT_FOUND", id is not null && request.SentIds.Contains(id) ? null : $"a NotFoundError for an id not sent: {refusal}");
            default:
                var current = refusal.GetProperty("currentVersion");
                return ("CONFLICT", current.ValueKind == JsonValueKind.Number && current.GetInt64() >= 0 && current.GetInt64() != request.SentVersion
                    ? null
                    : $"a ConflictError whose current version is the one sent: {refusal}");
        }
    }

    private static string Shorten(string text) => text.Length <= 600 ? text : $"{text[..600]}… ({text.Length} chars)";
}

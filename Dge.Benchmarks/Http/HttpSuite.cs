using System.Globalization;
using Dge.Benchmarks.Baselines;
using System.Text;
using System.Text.Json;

namespace Dge.Benchmarks.Http;

/// <summary>
/// The HTTP suite: for each scale, the benchmark host on a copy of the cached seeded database, its cold start, a check that
/// every operation and its baseline answer the same <c>data</c>, the SQL statements each operation runs, then each operation
/// and the mixed load driven by <c>wrk</c>, API and baseline interleaved round by round so machine noise hits both alike,
/// with the host's peak working set. Prints one Markdown table per scale (and writes them to <c>--out</c>).
/// </summary>
public static class HttpSuite
{
    private sealed record Options(int[] Scales, TimeSpan Duration, int Rounds, int Connections, int MixConnections, TimeSpan WarmUp, string[]? Only, string? Out, string? Postgres, bool CheckOnly);

    private sealed record Measured(Operation Operation, long? Statements, LoadResult Api, LoadResult? Baseline);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Parse(args);
        var report = new StringBuilder();
        var failed = false;
        var publishedProduct = options.CheckOnly ? string.Empty : await PublishedProduct.PublishAsync();
        report.AppendLine(CultureInfo.InvariantCulture, $"HTTP suite on {(options.Postgres is null ? "SQLite" : "PostgreSQL")}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {Environment.ProcessorCount} cores, {options.Connections} connections per operation, {options.MixConnections} for the mix, {options.Rounds} round(s) of {options.Duration.TotalSeconds:0} s per side, interleaved.");
        foreach (var scale in options.Scales)
        {
            var (cached, seeded) = options.Postgres is null
                ? ((await ScaleDatabases.EnsureAsync(scale)) switch { var (path, seedReport) => (BenchmarkStore.Sqlite(path), seedReport) })
                : await ScaleDatabases.EnsurePostgresAsync(scale, options.Postgres);
            if (seeded is not null)
            {
                report.AppendLine().AppendLine(seeded.ToString());
            }

            var database = await ScaleDatabases.WorkingCopyAsync(cached, $"scale{scale}");
            try
            {
                failed |= !await RunScaleAsync(scale, database, publishedProduct, options, report);
            }
            finally
            {
                await ScaleDatabases.DeleteAsync(database);
            }
        }

        Console.WriteLine();
        Console.WriteLine(report);
        if (options.Out is not null)
        {
            await File.WriteAllTextAsync(options.Out, report.ToString());
        }

        return failed ? 1 : 0;
    }

    private static async Task<bool> RunScaleAsync(int scale, BenchmarkStore database, string publishedProduct, Options options, StringBuilder report)
    {
        // Cold start: three starts on the existing database of the product as deployed (published with ReadyToRun) and
        // three of the benchmark host (compiled as it runs), alternating, each after the clean stop of the one before; the
        // medians reported. Before them, the product's start on the fresh copy, which no clean stop has checked: it checks
        // the whole file, as every start after a crash does.
        var published = new List<double>();
        var starts = new List<double>();
        var stops = new List<double>();
        var wholeFileChecked = new List<double>();
        for (var i = 0; i < (options.CheckOnly ? 0 : 3); i++)
        {
            var round = i == 0 ? new[] { (product: (string?)publishedProduct, wholeFileChecked) } : [];
            foreach (var (product, times) in round.Concat([(publishedProduct, published), (null, starts)]))
            {
                var (probe, coldStart) = await HostRun.StartAsync(database, product);
                times.Add(coldStart.TotalMilliseconds);
                stops.Add((await probe.StopAsync()).TotalMilliseconds);
                await probe.DisposeAsync();
            }
        }

        // Mutations are measured too, last, as they add and change rows.
        var operations = Operations.All
            .Where(o => options.Only is null || options.Only.Contains(o.Name))
            .OrderBy(o => o.Kind == OperationKind.Mutation)
            .ToList();

        // What the mutations need of the copy (rows a load run uses up) is written before the host opens it.
        await using (var connection = database.Connection())
        {
            await connection.OpenAsync();
            foreach (var baseline in operations.Select(o => BaselineCatalog.For(o.Name)).OfType<Baseline>())
            {
                await baseline.PrepareAsync(connection, CancellationToken.None);
            }
        }

        database.ClearPools();
        var (host, _) = await HostRun.StartAsync(database);
        await using var _host = host;
        await host.CreateKeysAsync();

        // Same data, and the statements each operation runs (one request at a time, so the counter is the operation's).
        // A key's first request also records its first use (a write once a minute at most): make it before counting.
        await host.PostAsync("graphql", Operations.Named(Operations.Typename).RequestBody(), host.ReaderKey);
        var same = true;
        var statements = new Dictionary<string, long>();
        foreach (var operation in operations)
        {
            var before = await host.SqlCommandsAsync();
            var audited = operation.Kind == OperationKind.Mutation ? (await host.AuditSinceAsync(0, AuditName(operation))).LastOrDefault()?.Id ?? 0 : 0;
            var body = await CheckBodyAsync(host, operation, "API");
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var api = await host.PostAsync("graphql", body, KeyFor(host, operation));
            var apiTime = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            statements[operation.Name] = await host.SqlCommandsAsync() - before;
            if (BaselineCatalog.For(operation.Name) is null)
            {
                continue;
            }

            // A versioned mutation's baseline changes a row of its own (the next free one, or the same at its new version).
            var apiAudit = operation.Kind == OperationKind.Mutation ? await host.AuditSinceAsync(audited, AuditName(operation)) : [];
            same &= await RowWrittenAsync(host, operation, api, "API", scale);
            body = await CheckBodyAsync(host, operation, "baseline");
            started = System.Diagnostics.Stopwatch.GetTimestamp();
            var baseline = await host.PostAsync($"baseline/{operation.Name}", body, null);
            var baselineTime = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            if (operation.Kind == OperationKind.Mutation)
            {
                same &= await RowWrittenAsync(host, operation, baseline, "baseline", scale);
                same &= await RefusalsAgreeAsync(host, operation, scale);
                var baselineAudit = await host.AuditSinceAsync(apiAudit.LastOrDefault()?.Id ?? audited, AuditName(operation));
                var reusable = BaselineCatalog.For(operation.Name)?.Pool?.Reusable == true;
                var (apiWrote, baselineWrote) = (Audited(apiAudit, reusable, "API"), Audited(baselineAudit, reusable, "baseline"));
                // A row both change: the baseline's values before are the API's after, entry by entry.
                if (reusable && !apiAudit.Select(e => e.After).SequenceEqual(baselineAudit.Select(e => e.Before)))
                {
                    baselineWrote += "\n(the values before are not the API's after)";
                }

                if (apiAudit.Count == 0 || apiWrote != baselineWrote)
                {
                    same = false;
                    Console.WriteLine($"NOT THE SAME AUDIT for {operation.Name} at scale {scale}:\n  API:      {Clip(apiWrote)}\n  baseline: {Clip(baselineWrote)}");
                }
            }

            // One request each, cold (the first of the run): a first look, not a measurement.
            Console.WriteLine(FormattableString.Invariant($"  checked {operation.Name}: API {apiTime.TotalMilliseconds:F0} ms, baseline {baselineTime.TotalMilliseconds:F0} ms (one cold request each)"));
            var (apiData, baselineData) = operation.Kind == OperationKind.Mutation ? (MutationAnswers.WithoutRowIdentity(Data(api)), MutationAnswers.WithoutRowIdentity(Data(baseline))) : (Data(api), Data(baseline));
            if (apiData != baselineData)
            {
                same = false;
                Console.WriteLine($"NOT THE SAME DATA for {operation.Name} at scale {scale}:\n  API:      {Clip(apiData)}\n  baseline: {Clip(baselineData)}");
            }
        }

        if (!same)
        {
            report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Scale {scale}: an operation and its baseline disagree; nothing measured.");
            return false;
        }

        if (options.CheckOnly)
        {
            report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Scale {scale}: every operation and its baseline gave the same data (--check: nothing measured).");
            return true;
        }

        // Warm-up, not measured: the JIT tiers the hot paths up in the first tens of seconds (measured: ~1,200 methods a
        // second at first, under 10 a second after 40 s), so every operation and baseline runs first.
        var warmUp = operations.Select(o => ApiRequest(host, o))
            .Concat(operations.Where(o => BaselineCatalog.For(o.Name) is not null).Select(BaselineRequest))
            .ToList();
        await RunLoadAsync(host, warmUp, options.Connections, options.WarmUp);
        await host.WaitUntilIdleAsync();

        var measured = new List<Measured>();
        host.ResetPeak();
        foreach (var operation in operations)
        {
            var api = new[] { ApiRequest(host, operation) };
            var baseline = BaselineCatalog.For(operation.Name) is null ? null : new[] { BaselineRequest(operation) };
            var (apiResult, baselineResult) = await InterleavedAsync(host, api, baseline, options.Connections, options);
            measured.Add(new Measured(operation, statements[operation.Name], apiResult, baselineResult));
            Console.WriteLine($"  {operation.Name}: API {apiResult.Throughput:F0} req/s p50 {apiResult.P50:F2} ms; baseline {(baselineResult is null ? "-" : $"{baselineResult.Throughput:F0} req/s p50 {baselineResult.P50:F2} ms")}");
        }

        var operationsPeak = host.PeakRssMegabytes;
        host.ResetPeak();
        // The mix needs a list, detail, view or mutation among the operations (`--only Typename` has none).
        var mix = Mix(operations, host, api: true);
        if (mix.Count > 0)
        {
            var mixBaseline = operations.All(o => BaselineCatalog.For(o.Name) is not null) ? Mix(operations, host, api: false) : null;
            var (mixApi, mixBase) = await InterleavedAsync(host, mix, mixBaseline, options.MixConnections, options);
            measured.Add(new Measured(new Operation(MixName(operations), "", "{}", OperationKind.Read), null, mixApi, mixBase));
        }

        var mixPeak = mix.Count > 0 ? $", {host.PeakRssMegabytes:F0} MB over the mix" : " (no mix)";

        report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"### Scale {scale}").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Cold start (process start to `/healthz` 200, existing database, after a clean stop): the published product (ReadyToRun) {Starts(published)}; the benchmark host (JIT) {Starts(starts)}. The published product's first start on the copy, which checks the whole file as after a crash: {Starts(wholeFileChecked)}. Clean stop (SIGTERM to exit, the file's check included): {Starts(stops)}. Host peak working set: {operationsPeak:F0} MB over the operations{mixPeak}.").AppendLine();
        report.AppendLine("| operation | SQL statements | API req/s | baseline req/s | throughput ratio | API p50 ms | baseline p50 ms | p50 ratio | API p95 ms | API p99 ms | baseline p95 ms |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in measured)
        {
            // A side that finished no request within the run has no latency to compare.
            var b = m.Baseline is { Requests: > 0 } measuredBaseline ? measuredBaseline : null;
            var a = m.Api;
            string Ms(double value, LoadResult side) => side.Requests > 0 ? value.ToString("F2", CultureInfo.InvariantCulture) : "none done";
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {m.Operation.Name}{Flag(a)}{(m.Baseline is { } fb ? Flag(fb) : "")} | {m.Statements?.ToString(CultureInfo.InvariantCulture) ?? ""} | {a.Throughput:F1} | {(m.Baseline is null ? "–" : $"{m.Baseline.Throughput:F1}")} | {(b is null ? "–" : $"{a.Throughput / b.Throughput:F2}")} | {Ms(a.P50, a)} | {(m.Baseline is null ? "–" : Ms(m.Baseline.P50, m.Baseline))} | {(b is null || a.Requests == 0 ? "–" : $"{a.P50 / b.P50:F2}")} | {Ms(a.P95, a)} | {Ms(a.P99, a)} | {(m.Baseline is null ? "–" : Ms(m.Baseline.P95, m.Baseline))} |");
        }

        return true;
    }

    /// <summary>API and baseline in alternating rounds (the order flips each round); each side's figures are the medians of its rounds.</summary>
    private static async Task<(LoadResult Api, LoadResult? Baseline)> InterleavedAsync(
        HostRun host, IReadOnlyList<LoadRequest> api, IReadOnlyList<LoadRequest>? baseline, int connections, Options options)
    {
        var apiRuns = new List<LoadResult>();
        var baselineRuns = new List<LoadResult>();
        for (var round = 0; round < options.Rounds; round++)
        {
            var apiFirst = round % 2 == 0;
            foreach (var side in apiFirst ? new[] { api, baseline } : [baseline, api])
            {
                if (side is null)
                {
                    continue;
                }

                var result = await RunLoadAsync(host, side, connections, options.Duration);
                if (result.BadAnswers > 0 || result.SocketErrors > 0)
                {
                    // Reported in the table rather than averaged in: an answer with errors is not a measurement.
                    Console.WriteLine($"  {result.BadAnswers} bad answers and {result.SocketErrors} socket errors in a load run of {side[0].Path}.");
                }

                (ReferenceEquals(side, api) ? apiRuns : baselineRuns).Add(result);

                // Requests still running when wrk stops would overlap the next run: let them finish first.
                await host.WaitUntilIdleAsync();
            }
        }

        return (Median(apiRuns), baselineRuns.Count == 0 ? null : Median(baselineRuns));
    }

    private static readonly (OperationKind Kind, int Share)[] MixShares = [(OperationKind.Read, 80), (OperationKind.View, 15), (OperationKind.Mutation, 5)];

    private static string MixName(IReadOnlyList<Operation> operations) =>
        "mix (" + string.Join(", ", MixShares.Where(m => operations.Any(o => o.Kind == m.Kind && o.Name != Operations.Typename))
            .Select(m => $"{m.Share} {m.Kind switch { OperationKind.Read => "reads", OperationKind.View => "views", _ => "mutations" }}")) + ")";

    private static string? KeyFor(HostRun host, Operation operation) => host.KeyFor(BaselineCatalog.RoleFor(operation));

    /// <summary>What a load run sends: the example, or for a mutation variables it can send again and again.</summary>
    private static string LoadBody(Operation operation) =>
        operation.RequestBody(BaselineCatalog.For(operation.Name)?.RepeatableVariables(operation.VariablesJson));

    /// <summary>
    /// The body of the check's request by <paramref name="side"/> (API or baseline): a load body with the side's
    /// <see cref="Baseline.CheckText"/>, its row (if it takes one) the first free one now.
    /// </summary>
    private static async Task<string> CheckBodyAsync(HostRun host, Operation operation, string side, string? variables = null)
    {
        var baseline = BaselineCatalog.For(operation.Name);
        var body = (variables is null ? LoadBody(operation) : operation.RequestBody(variables)).Replace("@@N@@", baseline?.CheckText(side) ?? "check", StringComparison.Ordinal);
        if (baseline?.Pool is not { } pool)
        {
            return body;
        }

        var (id, version) = (await host.PoolRowsAsync(pool)).Rows.FirstOrDefault();
        return id is null ? throw new InvalidOperationException($"{operation.Name}: no row is left for it to change.") : EntityPool.Fill(body, id, version);
    }

    private static LoadRequest ApiRequest(HostRun host, Operation operation) => new("/graphql", LoadBody(operation), KeyFor(host, operation), PoolOf(operation));

    private static LoadRequest BaselineRequest(Operation operation) => new($"/baseline/{operation.Name}", LoadBody(operation), null, PoolOf(operation));

    private static string? PoolOf(Operation operation) => BaselineCatalog.For(operation.Name)?.Pool is null ? null : operation.Name;

    /// <summary>A load run, given the rows its versioned mutations may change as they are now.</summary>
    private static async Task<LoadResult> RunLoadAsync(HostRun host, IReadOnlyList<LoadRequest> requests, int connections, TimeSpan duration)
    {
        var pools = new Dictionary<string, PoolRows>();
        foreach (var name in requests.Select(r => r.Pool).OfType<string>().Distinct())
        {
            pools[name] = await host.PoolRowsAsync(BaselineCatalog.For(name)!.Pool!);
        }

        return await LoadTool.RunAsync(host.Address, requests, connections, duration, pools);
    }

    /// <summary>
    /// Whether the API and the baseline refuse each of the mutation's <see cref="Baseline.RefusedVariables"/> alike: the same
    /// answer byte for byte, and a refusal. Run after the API's check request and before the baseline's, so the audit
    /// comparison also shows that a refusal wrote nothing.
    /// </summary>
    private static async Task<bool> RefusalsAgreeAsync(HostRun host, Operation operation, int scale)
    {
        var baseline = BaselineCatalog.For(operation.Name)!;
        var agree = true;
        foreach (var variables in baseline.RefusedVariables(baseline.RepeatableVariables(operation.VariablesJson)))
        {
            var body = await CheckBodyAsync(host, operation, "refused", variables);
            var (api, refused) = (Data(await host.PostAsync("graphql", body, KeyFor(host, operation))), Data(await host.PostAsync($"baseline/{operation.Name}", body, null)));
            if (api != refused || !MutationAnswers.Refused(System.Text.Encoding.UTF8.GetBytes(api)))
            {
                agree = false;
                Console.WriteLine($"NOT THE SAME REFUSAL for {operation.Name} at scale {scale} (variables {variables}):\n  API:      {Clip(api)}\n  baseline: {Clip(refused)}");
            }
        }

        return agree;
    }

    /// <summary>The field a mutation's audit entries name: the operation's name in camel case.</summary>
    private static string AuditName(Operation operation) => char.ToLowerInvariant(operation.Name[0]) + operation.Name[1..];

    /// <summary>
    /// What a mutation wrote to the audit, as the check compares it: each entry's actor kind, entity type and fields before
    /// and after, without the ids of the rows that side made (as whole values), their versions and times of creation, who
    /// created them (the baseline has no caller) and a new key's hint (the start of its random secret), in a stable order.
    /// A reusable row is changed by both sides, the baseline after the API: its id stays in, the values before are left out
    /// (the caller compares them with the API's after) and the side's own unique text is masked in the values after.
    /// </summary>
    private static string Audited(List<HostRun.AuditRow> entries, bool reusable, string side)
    {
        var ids = reusable ? [] : entries.Select(e => e.EntityId).Distinct().ToList();
        string Fields(string? json)
        {
            if (json is null)
            {
                return "null";
            }

            var text = ids.Aggregate(json, (t, id) => t.Replace($"\"{id}\"", "\"…\"", StringComparison.Ordinal)).Replace($"check {side}", "check …", StringComparison.Ordinal);
            return MutationAnswers.Masked(MutationAnswers.WithoutRowIdentity(text), "\"(createdBy|hint)\":\"[^\"]*\"");
        }

        return string.Join("\n", entries.Select(e => $"{e.ActorKind} {e.EntityType}{(reusable ? $" {e.EntityId}" : "")} before {(reusable ? "(the API's after)" : Fields(e.Before))} after {Fields(e.After)}").Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Whether a versioned mutation's answer is what its row now holds, read back from the database: a reusable row at the
    /// version the answer names, a row that changes once no longer free. True for a mutation without a pool.
    /// </summary>
    private static async Task<bool> RowWrittenAsync(HostRun host, Operation operation, string answer, string side, int scale)
    {
        if (BaselineCatalog.For(operation.Name)?.Pool is not { } pool)
        {
            return true;
        }

        var data = Data(answer);
        var id = System.Text.RegularExpressions.Regex.Match(data, "\"id\":\"([^\"]+)\"").Groups[1].Value;
        var version = System.Text.RegularExpressions.Regex.Match(data, "\"version\":([0-9]+)").Groups[1].Value;
        var rows = (await host.PoolRowsAsync(pool)).Rows;
        var written = pool.Reusable
            ? rows.Any(r => r.Id == id && r.Version.ToString(CultureInfo.InvariantCulture) == version)
            : id.Length > 0 && version.Length > 0 && rows.All(r => r.Id != id);
        if (!written)
        {
            Console.WriteLine($"NOT WRITTEN by the {side} for {operation.Name} at scale {scale}: its answer names {id} at version {version}, which the database does not hold as written:\n  {Clip(data)}");
        }

        return written;
    }

    private static string Flag(LoadResult result) =>
        result.BadAnswers + result.SocketErrors > 0 ? $" (**{result.BadAnswers + result.SocketErrors} failed answers**)" : "";

    private static string Starts(List<double> starts) =>
        string.Create(CultureInfo.InvariantCulture, $"{string.Join(" / ", starts.Select(s => $"{s:F0}"))} ms, median {starts.Order().ElementAt(starts.Count / 2):F0} ms");

    internal static LoadResult Median(List<LoadResult> runs)
    {
        static double M(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        return new LoadResult(runs.Sum(r => r.Requests), runs.Sum(r => r.Seconds), M(runs.Select(r => r.P50)), M(runs.Select(r => r.P95)), M(runs.Select(r => r.P99)), runs.Sum(r => r.BadAnswers), runs.Sum(r => r.SocketErrors));
    }

    /// <summary>The realistic mix as a cycle of 100 requests: 80 list and detail reads, 15 views, 5 mutations (of those measured).</summary>
    internal static List<LoadRequest> Mix(IReadOnlyList<Operation> operations, HostRun host, bool api)
    {
        LoadRequest Request(Operation o) => api ? ApiRequest(host, o) : BaselineRequest(o);
        var cycle = new List<LoadRequest>();
        foreach (var (kind, share) in MixShares)
        {
            var ofKind = operations.Where(o => o.Kind == kind && o.Name != Operations.Typename).ToList();
            if (ofKind.Count > 0)
            {
                cycle.AddRange(Enumerable.Range(0, share).Select(i => Request(ofKind[i % ofKind.Count])));
            }
        }

        // Spread the kinds through the cycle rather than in blocks.
        return [.. cycle.Select((r, i) => (r, Key: (i * 37) % cycle.Count)).OrderBy(x => x.Key).Select(x => x.r)];
    }

    private static string Data(string response)
    {
        try
        {
            using var json = JsonDocument.Parse(response);
            return json.RootElement.TryGetProperty("data", out var data) && !json.RootElement.TryGetProperty("errors", out _) ? data.GetRawText() : "(errors) " + response;
        }
        catch (JsonException)
        {
            return "(not JSON) " + response;
        }
    }

    private static string Clip(string text) => text.Length > 600 ? text[..600] + "…" : text;

    private static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var quick = args.Contains("--quick");
        var scales = Value("--scales")?.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() ?? (quick ? [1] : [1, 10, 100]);
        var seconds = Value("--seconds") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : quick ? 3 : 5;
        var rounds = Value("--rounds") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : quick ? 2 : 3;
        var connections = Value("--connections") is { } c ? int.Parse(c, CultureInfo.InvariantCulture) : 8;
        var mixConnections = Value("--mix-connections") is { } mc ? int.Parse(mc, CultureInfo.InvariantCulture) : 16;
        var warmUp = Value("--warm-up") is { } w ? int.Parse(w, CultureInfo.InvariantCulture) : quick ? 15 : 40;
        // --postgres <connection string to the server> (or DGE_BENCHMARK_POSTGRES with --provider postgres) runs on PostgreSQL.
        var postgres = Value("--postgres")
            ?? (Value("--provider") is { } provider && provider.Equals("postgres", StringComparison.OrdinalIgnoreCase)
                ? Environment.GetEnvironmentVariable("DGE_BENCHMARK_POSTGRES") ?? throw new ArgumentException("--provider postgres needs DGE_BENCHMARK_POSTGRES (a connection string to the server) or --postgres.")
                : null);
        return new Options(scales, TimeSpan.FromSeconds(seconds), rounds, connections, mixConnections, TimeSpan.FromSeconds(warmUp), Value("--only")?.Split(','), Value("--out"), postgres, args.Contains("--check"));
    }
}

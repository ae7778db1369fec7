using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Dge.Benchmarks.Http;

/// <summary>
/// One request a load run sends: a path and a body; <c>@@N@@</c> in the body becomes a number unique to the request. A request
/// of a <paramref name="Pool"/> (its name in the run's pools) takes a row from it: <c>@@ID@@</c> becomes the row's id and
/// <c>"@@VERSION@@"</c> its version.
/// </summary>
public sealed record LoadRequest(string Path, string Body, string? Bearer, string? Pool = null);

/// <summary>
/// The rows of a pool when a load run starts, with their versions; each of wrk's threads gets its own share, so two requests
/// never name the same row at once. See <see cref="Baselines.EntityPool"/>.
/// </summary>
public sealed record PoolRows(string PayloadField, bool Reusable, IReadOnlyList<(string Id, long Version)> Rows);

/// <summary>What one load run measured (latencies in milliseconds).</summary>
public sealed record LoadResult(long Requests, double Seconds, double P50, double P95, double P99, long BadAnswers, long SocketErrors)
{
    public double Throughput => Requests / Seconds;
}

/// <summary>
/// Drives the host with <c>wrk</c> (Debian's package): a fixed number of connections for a bounded time, cycling through a
/// list of requests (a weighted mix is a list with repeats). Every answer is read: a status other than 200 or a body with
/// GraphQL <c>errors</c> counts as bad, and a run with bad answers is not a measurement.
/// </summary>
public static class LoadTool
{
    public static async Task<LoadResult> RunAsync(
        Uri host, IReadOnlyList<LoadRequest> requests, int connections, TimeSpan duration, IReadOnlyDictionary<string, PoolRows>? pools = null)
    {
        var script = Path.Combine(Path.GetTempPath(), $"dge-bench-{Environment.ProcessId}-{Guid.NewGuid():N}.lua");
        var threads = Math.Min(2, connections);
        await File.WriteAllTextAsync(script, Script(requests, threads, pools ?? new Dictionary<string, PoolRows>()));
        try
        {
            var start = new ProcessStartInfo("wrk") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[]
            {
                "-t", threads.ToString(CultureInfo.InvariantCulture),
                "-c", connections.ToString(CultureInfo.InvariantCulture),
                "-d", $"{Math.Max(1, (int)duration.TotalSeconds)}s",
                "--timeout", "120s",
                "-s", script,
                host.ToString(),
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk.");
            var output = await process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"wrk gave no result (exit {process.ExitCode}):\n{output}\n{errors}");
            var f = line.Split(' ')[1..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            return new LoadResult((long)f[0], f[1] / 1e6, f[2] / 1000, f[3] / 1000, f[4] / 1000, (long)f[5], (long)f[6]);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string Script(IReadOnlyList<LoadRequest> requests, int threads, IReadOnlyDictionary<string, PoolRows> pools)
    {
        var lua = new StringBuilder();
        lua.AppendLine("local requests = {");
        foreach (var request in requests)
        {
            if (request.Pool is { } pool && !pools.ContainsKey(pool))
            {
                throw new ArgumentException($"The request to {request.Path} takes rows from the pool {pool}, which the run was not given.", nameof(pools));
            }

            lua.Append("  { ").Append(LuaString(request.Path)).Append(", ").Append(LuaString(request.Body)).Append(", ")
                .Append(request.Bearer is null ? "nil" : LuaString("Bearer " + request.Bearer)).Append(", ")
                .Append(request.Pool is null ? "nil" : LuaString(request.Pool)).AppendLine(" },");
        }

        // Each pool's rows as one string ("id version;id version;…"): a table of thousands of constants would exceed
        // LuaJIT's limit on constants per function.
        lua.AppendLine("}").AppendLine(CultureInfo.InvariantCulture, $"local thread_count = {threads}").AppendLine("local pools = {");
        foreach (var (name, pool) in pools)
        {
            var rows = string.Join(";", pool.Rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Id} {r.Version}")));
            lua.Append("  [ ").Append(LuaString(name)).Append(" ] = { field = ").Append(LuaString(pool.PayloadField))
                .Append(", reusable = ").Append(pool.Reusable ? "true" : "false").Append(", rows = ").Append(LuaString(rows)).AppendLine(" },");
        }

        lua.AppendLine("""
            }
            local threads = {}
            local thread_id = 0
            function setup(thread)
              thread_id = thread_id + 1
              thread:set("id", thread_id)
              table.insert(threads, thread)
            end
            local counter = 0
            bad = 0
            -- Per pool, this thread's free rows as a queue (first and last index), and the last row handed out.
            local free = {}
            function init(args)
              counter = id * 7919
              for name, pool in pairs(pools) do
                local queue = { first = 1, last = 0, field = '"' .. pool.field .. '":', reusable = pool.reusable }
                local i = 0
                for row_id, version in string.gmatch(pool.rows, "([^ ;]+) (%d+)") do
                  if i % thread_count == id - 1 then
                    queue.last = queue.last + 1
                    queue[queue.last] = { row_id, version }
                  end
                  i = i + 1
                end
                free[name] = queue
              end
            end
            function request()
              counter = counter + 1
              local r = requests[(counter % #requests) + 1]
              local headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/graphql-response+json" }
              if r[3] then headers["Authorization"] = r[3] end
              local body = string.gsub(r[2], "@@N@@", id .. "-" .. counter)
              if r[4] then
                local queue = free[r[4]]
                local row = queue[queue.first]
                if queue.first <= queue.last then
                  queue[queue.first] = nil
                  queue.first = queue.first + 1
                  queue.taken = row
                else
                  -- None free (all used up, or all in flight): name the last one again; its refusal counts as a bad answer.
                  row = queue.taken or { "none", "0" }
                end
                body = string.gsub(body, "@@ID@@", row[1])
                body = string.gsub(body, '"@@VERSION@@"', row[2])
              end
              return wrk.format("POST", r[1], headers, body)
            end
            function response(status, headers, body)
              if status ~= 200 or string.find(body, '"errors":[', 1, true) then
                bad = bad + 1
                return
              end
              -- A changed row of a reusable pool is free again, at the version its answer gives.
              for name, queue in pairs(free) do
                local at = queue.reusable and string.find(body, queue.field, 1, true)
                if at then
                  local row_id = string.match(body, '"id":"([^"]+)"', at)
                  local version = string.match(body, '"version":(%d+)', at)
                  if row_id and version then
                    queue.last = queue.last + 1
                    queue[queue.last] = { row_id, version }
                  end
                end
              end
            end
            function done(summary, latency, requests)
              local total_bad = 0
              for _, thread in ipairs(threads) do total_bad = total_bad + thread:get("bad") end
              local e = summary.errors
              io.write(string.format("RESULT %d %d %d %d %d %d %d\n", summary.requests, summary.duration,
                latency:percentile(50), latency:percentile(95), latency:percentile(99),
                total_bad, e.connect + e.read + e.write + e.timeout))
            end
            """);
        return lua.ToString();
    }

    private static string LuaString(string value)
    {
        var level = 0;
        while (value.Contains("]" + new string('=', level) + "]", StringComparison.Ordinal))
        {
            level++;
        }

        var equals = new string('=', level);
        return $"[{equals}[{value}]{equals}]";
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Dge.Benchmarks.Http;

/// <summary>One request a load run sends: a path and a body; <c>@@N@@</c> in the body becomes a number unique to the request.</summary>
public sealed record LoadRequest(string Path, string Body, string? Bearer);

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
    public static async Task<LoadResult> RunAsync(Uri host, IReadOnlyList<LoadRequest> requests, int connections, TimeSpan duration)
    {
        var script = Path.Combine(Path.GetTempPath(), $"dge-bench-{Environment.ProcessId}-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, Script(requests));
        try
        {
            var start = new ProcessStartInfo("wrk") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[]
            {
                "-t", Math.Min(2, connections).ToString(CultureInfo.InvariantCulture),
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

    private static string Script(IReadOnlyList<LoadRequest> requests)
    {
        var lua = new StringBuilder();
        lua.AppendLine("local requests = {");
        foreach (var request in requests)
        {
            lua.Append("  { ").Append(LuaString(request.Path)).Append(", ").Append(LuaString(request.Body)).Append(", ")
                .Append(request.Bearer is null ? "nil" : LuaString("Bearer " + request.Bearer)).AppendLine(" },");
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
            function init(args)
              counter = id * 7919
            end
            function request()
              counter = counter + 1
              local r = requests[(counter % #requests) + 1]
              local headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/graphql-response+json" }
              if r[3] then headers["Authorization"] = r[3] end
              local body = string.gsub(r[2], "@@N@@", id .. "-" .. counter)
              return wrk.format("POST", r[1], headers, body)
            end
            function response(status, headers, body)
              if status ~= 200 or string.find(body, '"errors":[', 1, true) then bad = bad + 1 end
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

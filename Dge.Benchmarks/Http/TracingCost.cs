using System.Globalization;
using System.Net;
using System.Text;
using Dge.Benchmarks.Baselines;

namespace Dge.Benchmarks.Http;

/// <summary>
/// What telemetry costs: two hosts of the same build on two copies of the national database, one as shipped (nothing
/// collected) and one exporting traces, metrics and logs over OTLP to a sink in this process that answers every export at
/// once; the mixed load of the HTTP suite driven at each in turn, the order flipping each round. Prints both throughputs,
/// their ratio and what the sink received, so a run in which nothing was exported does not pass for a cheap one.
/// <c>tracing [--seconds N] [--rounds N] [--connections N] [--warm-up N] [--out file.md]</c>.
/// </summary>
public static class TracingCost
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var seconds = TimeSpan.FromSeconds(int.Parse(Value("--seconds") ?? "10", CultureInfo.InvariantCulture));
        var rounds = int.Parse(Value("--rounds") ?? "6", CultureInfo.InvariantCulture);
        var connections = int.Parse(Value("--connections") ?? "16", CultureInfo.InvariantCulture);
        var warmUp = TimeSpan.FromSeconds(int.Parse(Value("--warm-up") ?? "40", CultureInfo.InvariantCulture));

        using var sink = OtlpSink.Start();
        var (cached, _) = await ScaleDatabases.EnsureAsync(1);
        var plainDatabase = ScaleDatabases.WorkingCopy(cached, "tracing-off");
        var tracedDatabase = ScaleDatabases.WorkingCopy(cached, "tracing-on");
        try
        {
            var (plain, _) = await HostRun.StartAsync(BenchmarkStore.Sqlite(plainDatabase));
            await using var _plain = plain;
            var (traced, _) = await HostRun.StartAsync(BenchmarkStore.Sqlite(tracedDatabase), settings: new Dictionary<string, string>
            {
                ["Dge__Telemetry__Otlp__Endpoint"] = sink.Address,
                ["Dge__Telemetry__Otlp__Protocol"] = "HttpProtobuf",
            });
            await using var _traced = traced;
            var hosts = new[] { (Name: "as shipped", Host: plain), (Name: "tracing on (OTLP)", Host: traced) };
            var mixes = new Dictionary<HostRun, List<LoadRequest>>();
            foreach (var (_, host) in hosts)
            {
                await host.CreateKeysAsync();
                // The mutations that need no rows prepared or handed out (those of a pool change a row each).
                var operations = Operations.All.Where(o => o.Kind != OperationKind.Mutation || BaselineCatalog.For(o.Name) is { Pool: null }).ToList();
                mixes[host] = HttpSuite.Mix(operations, host, api: true);
                await LoadTool.RunAsync(host.Address, mixes[host], connections, warmUp);
                await host.WaitUntilIdleAsync();
            }

            var runs = hosts.ToDictionary(h => h.Host, _ => new List<LoadResult>());
            for (var round = 0; round < rounds; round++)
            {
                foreach (var (name, host) in round % 2 == 0 ? hosts : hosts.Reverse())
                {
                    var result = await LoadTool.RunAsync(host.Address, mixes[host], connections, seconds);
                    Console.WriteLine($"  round {round + 1}, {name}: {result.Throughput:F1} req/s, p50 {result.P50:F2} ms, {result.BadAnswers + result.SocketErrors} failed");
                    runs[host].Add(result);
                    await host.WaitUntilIdleAsync();
                }
            }

            var off = HttpSuite.Median(runs[plain]);
            var on = HttpSuite.Median(runs[traced]);
            var report = new StringBuilder()
                .AppendLine(CultureInfo.InvariantCulture, $"Tracing cost, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: the mix at scale 1, {connections} connections, {rounds} interleaved rounds of {seconds.TotalSeconds:0} s per host.")
                .AppendLine()
                .AppendLine("| host | req/s (median of rounds) | p50 ms | p99 ms | failed answers |")
                .AppendLine("|---|---:|---:|---:|---:|")
                .AppendLine(CultureInfo.InvariantCulture, $"| as shipped | {off.Throughput:F1} | {off.P50:F2} | {off.P99:F2} | {off.BadAnswers + off.SocketErrors} |")
                .AppendLine(CultureInfo.InvariantCulture, $"| tracing on (OTLP) | {on.Throughput:F1} | {on.P50:F2} | {on.P99:F2} | {on.BadAnswers + on.SocketErrors} |")
                .AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"Throughput with tracing: {on.Throughput / off.Throughput:P1} of the host as shipped. The sink received {sink.Summary()}.");
            Console.WriteLine();
            Console.WriteLine(report);
            if (Value("--out") is { } file)
            {
                await File.WriteAllTextAsync(file, report.ToString());
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            ScaleDatabases.DeleteDatabase(plainDatabase);
            ScaleDatabases.DeleteDatabase(tracedDatabase);
        }
    }

    /// <summary>An OTLP/HTTP receiver that accepts every export with an empty (valid) response and counts what came.</summary>
    private sealed class OtlpSink : IDisposable
    {
        private readonly HttpListener _listener;
        private readonly Dictionary<string, (long Requests, long Bytes)> _received = [];
        private readonly Task _loop;

        private OtlpSink(HttpListener listener, string address)
        {
            _listener = listener;
            Address = address;
            _loop = Task.Run(LoopAsync);
        }

        public string Address { get; }

        public static OtlpSink Start()
        {
            for (var attempt = 0; ; attempt++)
            {
                var address = $"http://127.0.0.1:{Random.Shared.Next(20000, 60000)}/";
                var listener = new HttpListener();
                listener.Prefixes.Add(address);
                try
                {
                    listener.Start();
                    return new OtlpSink(listener, address.TrimEnd('/'));
                }
                catch (HttpListenerException) when (attempt < 20)
                {
                    listener.Close();
                }
            }
        }

        public string Summary()
        {
            lock (_received)
            {
                return _received.Count == 0
                    ? "nothing"
                    : string.Join(", ", _received.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Value.Requests} exports to {r.Key} ({r.Value.Bytes / 1024.0:F0} KiB)")));
            }
        }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                lock (_received)
                {
                    var path = context.Request.Url?.AbsolutePath ?? "?";
                    var (requests, bytes) = _received.GetValueOrDefault(path);
                    _received[path] = (requests + 1, bytes + body.Length);
                }

                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}

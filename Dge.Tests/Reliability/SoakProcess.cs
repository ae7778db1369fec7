using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dge.Tests.Hosting;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Reliability;

/// <summary>
/// Drives the soak: an open-loop schedule of ten requests a second (eight reads of the documented operations, two
/// writes in one lane, as a secretary works), latencies per minute, and the host process's memory and open files from
/// /proc. A request that finds its lane full is counted as shed, not sent late, so the schedule stays steady.
/// </summary>
internal sealed class SoakProcess : IDisposable
{
    private const int RequestsPerSecond = 10;
    private const int WriteEvery = 5;
    private const int MaxReadsInFlight = 16;
    private static readonly TimeSpan WarmUp = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(5);

    private readonly HostProcess host;
    private readonly HttpClient client;
    private readonly IReadOnlyList<(string Name, string Query, JsonElement? Variables)> reads;
    private readonly SecretaryWrites writes;
    private readonly List<Timing> timings = [];
    private readonly List<Sample> samples = [];
    private readonly List<(TimeSpan At, string Message)> errors = [];
    private readonly Random random = new(20261204);
    private readonly List<(TimeSpan At, int Requests)> inFlightPeaks = [];
    private int shed;

    private SoakProcess(HostProcess host, HttpClient client, IReadOnlyList<(string, string, JsonElement?)> reads, SecretaryWrites writes)
    {
        this.host = host;
        this.client = client;
        this.reads = reads;
        this.writes = writes;
    }

    /// <summary>How long the measured part runs (after a minute's warm-up): <c>DGE_SOAK_MINUTES</c>, 10 by default.</summary>
    public static double Minutes { get; } =
        double.TryParse(Environment.GetEnvironmentVariable("DGE_SOAK_MINUTES"), NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes) && minutes > 0 ? minutes : 10;

    public static async Task<SoakProcess> StartAsync()
    {
        var host = HostProcess.StartWithAdmin(await TestDatabases.CopyNationalAsync(), seedScale: 1);
        try
        {
            await host.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
            var handler = new SocketsHttpHandler { MaxConnectionsPerServer = MaxReadsInFlight + 1, PooledConnectionIdleTimeout = TimeSpan.FromHours(1) };
            var client = new HttpClient(handler) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await host.CreateApiKeyAsync("Editor"));
            var writes = await SecretaryWrites.PrepareAsync(client);
            return new SoakProcess(host, client, ReadOperations(), writes);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public async Task<SoakReport> RunAsync()
    {
        var total = WarmUp + TimeSpan.FromMinutes(Minutes);
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var sampler = SampleAsync(clock, stop.Token);
        var inFlight = new List<Task>();
        var readsInFlight = 0;
        Task write = Task.CompletedTask;
        for (long tick = 0; clock.Elapsed < total; tick++)
        {
            var due = TimeSpan.FromSeconds((double)tick / RequestsPerSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            if (tick % WriteEvery == 0)
            {
                if (!write.IsCompleted)
                {
                    Interlocked.Increment(ref shed);
                    continue;
                }

                write = TimedAsync("write", clock, () => writes.NextAsync(random));
                inFlight.Add(write);
            }
            else if (Volatile.Read(ref readsInFlight) >= MaxReadsInFlight)
            {
                Interlocked.Increment(ref shed);
            }
            else
            {
                var (name, query, variables) = reads[random.Next(reads.Count)];
                Interlocked.Increment(ref readsInFlight);
                inFlight.Add(TimedAsync("read", clock, async () =>
                {
                    try
                    {
                        await ReadAsync(name, query, variables);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref readsInFlight);
                    }
                }));
            }

            inFlight.RemoveAll(t => t.IsCompleted);

            // The count only rises when a request is sent, so its value after each send finds every peak.
            inFlightPeaks.Add((clock.Elapsed, Volatile.Read(ref readsInFlight) + (write.IsCompleted ? 0 : 1)));
        }

        await Task.WhenAll(inFlight);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var end = Sample.Of(host.ProcessId, clock.Elapsed);
        await stop.CancelAsync();
        await sampler;
        return SoakReport.From(timings, samples, inFlightPeaks, end, errors, writes.Acknowledged, shed, WarmUp);
    }

    private async Task ReadAsync(string name, string query, JsonElement? variables)
    {
        using var response = await client.PostAsJsonAsync(new Uri("graphql", UriKind.Relative), new { query, variables, operationName = name });
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        if (!response.IsSuccessStatusCode || json.RootElement.TryGetProperty("errors", out _))
        {
            throw new InvalidOperationException($"{name}: HTTP {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
        }
    }

    private async Task TimedAsync(string kind, Stopwatch clock, Func<Task> request)
    {
        var started = clock.Elapsed;
        try
        {
            await request();
        }
        catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or TaskCanceledException or JsonException)
        {
            lock (errors)
            {
                errors.Add((started, $"{started.TotalSeconds:F1} s {kind}: {exception.Message}"));
            }
        }

        lock (timings)
        {
            timings.Add(new Timing(kind, started, (clock.Elapsed - started).TotalMilliseconds));
        }
    }

    private async Task SampleAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                lock (samples)
                {
                    samples.Add(Sample.Of(host.ProcessId, clock.Elapsed));
                }

                await Task.Delay(SampleEvery, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The soak is over.
        }
    }

    // The documented queries (schema/operations) with their example variables: what the API's users run.
    private static List<(string, string, JsonElement?)> ReadOperations() =>
        [.. Directory.GetFiles(RepositoryPaths.Operations, "*.graphql")
            .Order(StringComparer.Ordinal)
            .Select(path => (Name: Path.GetFileNameWithoutExtension(path), Query: File.ReadAllText(path), VariablesPath: Path.ChangeExtension(path, ".variables.json")))
            .Where(o => !o.Query.Contains("mutation ", StringComparison.Ordinal))
            .Select(o => (o.Name, o.Query, File.Exists(o.VariablesPath) ? JsonDocument.Parse(File.ReadAllText(o.VariablesPath)).RootElement.Clone() : (JsonElement?)null))];

    public void Dispose()
    {
        client.Dispose();
        host.Dispose();
    }

    internal sealed record Timing(string Kind, TimeSpan At, double Milliseconds);
}

/// <summary>What /proc says about the host process at one moment.</summary>
internal sealed record Sample(TimeSpan At, long RssKilobytes, int Threads, int OpenFiles, int Sockets, int DatabaseHandles)
{
    public static Sample Of(int processId, TimeSpan at)
    {
        var status = File.ReadAllLines($"/proc/{processId}/status");
        long Field(string name) => long.Parse(status.Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        var targets = new List<string>();
        foreach (var link in Directory.EnumerateFileSystemEntries($"/proc/{processId}/fd"))
        {
            try
            {
                targets.Add(new FileInfo(link).LinkTarget ?? string.Empty);
            }
            catch (IOException)
            {
                // Closed between listing and reading.
            }
        }

        return new Sample(
            at,
            Field("VmRSS"),
            (int)Field("Threads"),
            targets.Count,
            targets.Count(t => t.StartsWith("socket:", StringComparison.Ordinal)),
            targets.Count(t => t.Contains(".db", StringComparison.Ordinal)));
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Dge.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Dge.Tests.Hosting;

/// <summary>
/// With an OTLP endpoint over HTTP, the host sends traces, metrics and logs to the signal's own path under it, as a
/// collector expects (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>).
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Host_WithAnOtlpEndpointOverHttp_ExportsEachSignalToItsPath()
    {
        using var sink = new Sink();
        var factory = new DgeAppFactory(
            await TestDatabases.CopyReferenceOnlyAsync(),
            settings: new Dictionary<string, string>
            {
                ["Dge:Telemetry:Otlp:Endpoint"] = sink.Address,
                ["Dge:Telemetry:Otlp:Protocol"] = "HttpProtobuf",
            });
        await using (factory)
        {
            using var client = await factory.CreateReadyClientAsync();
            using var response = await client.PostAsJsonAsync(new Uri("/graphql", UriKind.Relative), new { query = "query Exported { regions { totalCount } }" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            // The exporters send in batches on their own schedule: ask each for what it holds now, until the sink has all
            // three (a busy machine can make a flush outlast its wait).
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (sink.Received.Count < 3 && DateTime.UtcNow < deadline)
            {
                factory.Services.GetRequiredService<TracerProvider>().ForceFlush(5000);
                factory.Services.GetRequiredService<MeterProvider>().ForceFlush(5000);
                factory.Services.GetRequiredService<LoggerProvider>().ForceFlush(5000);
                await Task.Delay(100);
            }
        }

        Assert.Equal(["/v1/logs", "/v1/metrics", "/v1/traces"], sink.Received.Keys.Order(StringComparer.Ordinal));
        Assert.All(sink.Received.Values, bytes => Assert.True(bytes > 0));
    }

    /// <summary>An OTLP/HTTP receiver on loopback that accepts every export and adds up the bytes per path.</summary>
    private sealed class Sink : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        public Sink()
        {
            for (var attempt = 0; ; attempt++)
            {
                Address = $"http://127.0.0.1:{Random.Shared.Next(20000, 60000)}";
                _listener.Prefixes.Clear();
                _listener.Prefixes.Add(Address + "/");
                try
                {
                    _listener.Start();
                    break;
                }
                catch (HttpListenerException) when (attempt < 20)
                {
                    // The port is taken: try another.
                }
            }

            _loop = Task.Run(LoopAsync);
        }

        public string Address { get; private set; } = string.Empty;

        public ConcurrentDictionary<string, long> Received { get; } = new(StringComparer.Ordinal);

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

                try
                {
                    using var body = new MemoryStream();
                    await context.Request.InputStream.CopyToAsync(body);
                    Received.AddOrUpdate(context.Request.Url?.AbsolutePath ?? "?", body.Length, (_, bytes) => bytes + body.Length);
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = "application/x-protobuf";
                    context.Response.Close();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or IOException)
                {
                    // The sink was disposed while it answered an export that came after the test's last look (the host
                    // exports on its own timers): that export is of no interest, and the loop ends.
                    return;
                }
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

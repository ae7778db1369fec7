using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dge.Api.Hosting.Telemetry;
using Dge.Tests.GraphQL.Http;
using Dge.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dge.Tests.Hosting;

/// <summary>
/// With Prometheus enabled, the host serves its metrics to the holder of the scrape token only, traces each GraphQL
/// operation under its request with the SQL statements under it, labels the metrics by operation name, type and outcome
/// without letting a client's names grow them without bound, and puts the operation's name and trace id on its log entries.
/// </summary>
public sealed partial class TelemetryTests : IAsyncLifetime
{
    private const string Token = "scrape-token-for-tests";

    private readonly ScopedLogs _logs = new();
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ActivityListener _listener;
    private string _database = string.Empty;
    private DgeAppFactory? _factory;
    private HttpClient? _client;

    public TelemetryTests()
    {
        // Activities of every host in the test process come here; the tests pick theirs by name and parent. Kept when they
        // start: the request's span stops only after its answer has reached the client, and is read once it is complete.
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = _activities.Enqueue,
        };
    }

    private HttpClient Client => _client ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        ActivitySource.AddActivityListener(_listener);
        _database = await TestDatabases.CopyReferenceOnlyAsync();
        _factory = new DgeAppFactory(
            _database,
            configureServices: services => services.AddSingleton<ILoggerProvider>(_logs),
            settings: new Dictionary<string, string>
            {
                ["Dge:Telemetry:Prometheus:Enabled"] = "true",
                ["Dge:Telemetry:Prometheus:Token"] = Token,
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
            });
        _client = await _factory.CreateReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        _client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    [Fact]
    public async Task Metrics_WithoutTheToken_DoNotExist()
    {
        using var anonymous = await Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token + "x") } };
        using var wrongResponse = await Client.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);

        // A bearer that is not the scrape token is taken for an API key, and refused as one.
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
        Assert.DoesNotContain("dge_graphql", await wrongResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_OverLoopback_AnswerThisMachineButNotWhatAProxyForwards()
    {
        await using var live = await LiveDgeHost.StartAsync(
            await TestDatabases.CopyReferenceOnlyAsync(), new Dictionary<string, string> { ["Dge:Telemetry:Prometheus:Enabled"] = "true" }, null, CancellationToken.None);
        using var client = new HttpClient { BaseAddress = live.BaseAddress };
        using var local = await client.GetAsync(new Uri("metrics", UriKind.Relative));
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "metrics") { Headers = { { "X-Forwarded-For", "203.0.113.9" } } };
        using var forwardedResponse = await client.SendAsync(forwarded);

        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forwardedResponse.StatusCode);
    }

    [Fact]
    public async Task Metrics_CountEachOperationByNameTypeAndOutcome_WithItsSqlTime()
    {
        await PostAsync("query RegionCount { regions { totalCount } }");
        await PostAsync("query RegionCount { regions { totalCount } }");
        await PostAsync("query Broken { regions { noSuchField } }");

        var metrics = await ScrapeAsync();

        Assert.Equal(2, Count(metrics, "RegionCount", "query", "ok"));
        Assert.Equal(1, Count(metrics, "Broken", "query", "refused"));
        var sqlSeconds = Sample(metrics, "dge_graphql_operation_sql_duration_seconds_sum", "RegionCount", "query", "ok");
        var totalSeconds = Sample(metrics, "dge_graphql_operation_duration_seconds_sum", "RegionCount", "query", "ok");
        Assert.InRange(sqlSeconds, double.Epsilon, totalSeconds);
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_NamesNoGraphQLNameAllowsAndTooManyNames_AreGroupedButTrustedOperationsKeepTheirNames()
    {
        var names = _factory!.Services.GetRequiredService<OperationNames>();

        Assert.Equal(OperationNames.Invalid, names.Label("not a name"));
        Assert.Equal(OperationNames.Invalid, names.Label(new string('a', OperationNames.MaxLength + 1)));
        Assert.Equal(OperationNames.Anonymous, names.Label(null));
        for (var i = 0; i < OperationNames.MaxDistinct; i++)
        {
            names.Label(string.Create(CultureInfo.InvariantCulture, $"Flood{i}"));
        }

        Assert.Equal(OperationNames.Other, names.Label("OneTooMany"));
        Assert.Equal("Flood0", names.Label("Flood0"));

        // The flood does not hide the product's own operations: the examples' and the admin shell's keep their names.
        Assert.Equal("DoctorsByYdernummer", names.Label("DoctorsByYdernummer"));
        Assert.Equal("CreateGroup", names.Label("CreateGroup"));
        await PostAsync("query OneTooMany { regions { totalCount } }");
        Assert.Equal(1, Count(await ScrapeAsync(), OperationNames.Other, "query", "ok"));
    }

    [Fact]
    public async Task Trace_OperationSpanSitsUnderTheRequestWithItsStatementsUnderIt()
    {
        await PostAsync("query TracedRegions { regions { totalCount } }");

        var operation = Assert.Single(_activities, a => a.Source.Name == DgeTelemetry.Name && a.DisplayName == "query TracedRegions");
        Assert.Equal("TracedRegions", operation.GetTagItem(DgeTelemetry.OperationNameTag));
        Assert.Equal("ok", operation.GetTagItem(DgeTelemetry.OutcomeTag));
        var request = Assert.Single(_activities, a => a.SpanId == operation.ParentSpanId);
        Assert.Equal(ActivityKind.Server, request.Kind);
        Assert.Contains(_activities, a => a.ParentSpanId == operation.SpanId && a.Kind == ActivityKind.Client);
    }

    [Fact]
    public async Task Logs_WrittenDuringAnOperation_CarryItsNameAndTraceId()
    {
        await PostAsync("query LoggedRegions { regions { totalCount } }");

        var operation = Assert.Single(_activities, a => a.DisplayName == "query LoggedRegions");
        var entry = Assert.Single(_logs.Entries, e =>
            e.Category == "Microsoft.EntityFrameworkCore.Database.Command" && Equals(e.Scope.GetValueOrDefault(OperationObservation.LogScopeKey), "LoggedRegions"));
        Assert.Equal(operation.TraceId.ToString(), entry.Scope.GetValueOrDefault("TraceId"));
    }

    private async Task PostAsync(string query)
    {
        using var response = await Client.PostAsJsonAsync(new Uri("/graphql", UriKind.Relative), new { query });
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.BadRequest, $"HTTP {(int)response.StatusCode}");
    }

    private async Task<string> ScrapeAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } };
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static double Count(string metrics, string name, string type, string outcome) =>
        Sample(metrics, "dge_graphql_operation_duration_seconds_count", name, type, outcome);

    /// <summary>The value of <paramref name="metric"/>'s sample with these labels (the exporter also adds its own), or 0.</summary>
    private static double Sample(string metrics, string metric, string name, string type, string outcome)
    {
        foreach (var line in metrics.Split('\n'))
        {
            var match = SampleLine().Match(line);
            if (match.Success && match.Groups["metric"].Value == metric)
            {
                var labels = match.Groups["labels"].Value;
                if (labels.Contains($"dge_graphql_outcome=\"{outcome}\"", StringComparison.Ordinal)
                    && labels.Contains($"graphql_operation_name=\"{name}\"", StringComparison.Ordinal)
                    && labels.Contains($"graphql_operation_type=\"{type}\"", StringComparison.Ordinal))
                {
                    return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
                }
            }
        }

        return 0;
    }

    [GeneratedRegex(@"^(?<metric>[a-z_]+)\{(?<labels>[^}]*)\} (?<value>\S+)")]
    private static partial Regex SampleLine();

    /// <summary>Keeps each entry with the properties of the scopes it was written in, as a structured log sink does.</summary>
    private sealed class ScopedLogs : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        public sealed record Entry(string Category, string Message, IReadOnlyDictionary<string, object?> Scope);

        private sealed class Logger(string category, ScopedLogs owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scope = new Dictionary<string, object?>(StringComparer.Ordinal);
                owner._scopes.ForEachScope(
                    (value, properties) =>
                    {
                        if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                        {
                            foreach (var (key, item) in pairs)
                            {
                                properties[key] = item;
                            }
                        }
                    },
                    scope);
                owner.Entries.Enqueue(new Entry(category, formatter(state, exception), scope));
            }
        }
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dge.Api.Hosting.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// Which traces are kept: <paramref name="ratio"/> of them. A trace that starts here is decided by its trace id, and a
    /// span under one of this process's own follows its parent. A caller's <c>traceparent</c> gives the trace its id but
    /// decides nothing: neither its sampled flag nor its id (the ratio sampler keeps the ids whose first half is small, and
    /// a caller chooses its id), so the decision for it is drawn at random. Otherwise anyone on the internet could have
    /// every request of theirs recorded and exported, or keep them out of the traces.
    /// </summary>
    public static Sampler TraceSampler(double ratio)
    {
        var remote = new RandomRatioSampler(ratio);
        return new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio), remoteParentSampled: remote, remoteParentNotSampled: remote);
    }

    /// <summary>
    /// Log entries carry the trace and span ids of the request they were written in, whatever the exporter. When
    /// <see cref="TelemetryOptions"/> names an OTLP endpoint or enables Prometheus, OpenTelemetry collects the HTTP requests,
    /// the GraphQL operations (<see cref="DgeTelemetry"/>), the SQL statements (their text, never their parameters' values)
    /// and the runtime's metrics, and exports them there. Health probes and scrapes are left out of the traces.
    /// </summary>
    public static WebApplicationBuilder AddDgeTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OperationNames>();
        builder.Logging.Configure(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddSingleton(Options.Create(options));
        var otlp = options.Otlp.Endpoint is { Length: > 0 } || builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 };
        if (options.Traces.SampleRatio is < 0 or > 1)
        {
            throw new InvalidOperationException($"{TelemetryOptions.Section}:Traces:SampleRatio must be between 0 and 1, not {options.Traces.SampleRatio}.");
        }

        if (!Enum.TryParse<OtlpExportProtocol>(options.Otlp.Protocol, ignoreCase: true, out var protocol) || !Enum.IsDefined(protocol))
        {
            throw new InvalidOperationException($"{TelemetryOptions.Section}:Otlp:Protocol must be Grpc or HttpProtobuf, not '{options.Otlp.Protocol}'.");
        }

        if (!otlp && !options.Prometheus.Enabled)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(DgeTelemetry.Name, serviceVersion: typeof(DgeTelemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing =>
            {
                tracing.SetSampler(TraceSampler(options.Traces.SampleRatio))
                    .AddSource(DgeTelemetry.Name)
                    .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsProbeOrScrape(context.Request.Path))
                    .AddEntityFrameworkCoreInstrumentation(); // Parameters are recorded only when asked for by an experimental switch.
                if (otlp)
                {
                    tracing.AddOtlpExporter(exporter => Configure(exporter, options.Otlp.Endpoint, protocol, "traces"));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(DgeTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation();
                if (otlp)
                {
                    metrics.AddOtlpExporter(exporter => Configure(exporter, options.Otlp.Endpoint, protocol, "metrics"));
                }

                if (options.Prometheus.Enabled)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithLogging(
                logging => logging.AddOtlpExporter(exporter => Configure(exporter, options.Otlp.Endpoint, protocol, "logs")),
                logger =>
                {
                    logger.IncludeScopes = true;
                    logger.IncludeFormattedMessage = true;
                });
        }

        return builder;
    }

    /// <summary>
    /// Serves <c>/metrics</c> when Prometheus is enabled: to a request from this machine, or with the configured bearer
    /// token; to anyone else it does not exist (404, or 401 for a bearer that is not a valid API key either). Before
    /// authentication, which would take the token for an API key.
    /// </summary>
    public static WebApplication UseDgeMetricsEndpoint(this WebApplication app)
    {
        var prometheus = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus;
        if (prometheus.Enabled)
        {
            var token = prometheus.Token is { Length: > 0 } configured ? Encoding.UTF8.GetBytes("Bearer " + configured) : null;
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
                context.Request.Path == TelemetryOptions.PrometheusSettings.Path && MayScrape(context, token));
        }

        return app;
    }

    private static bool MayScrape(HttpContext context, byte[]? token)
    {
        // A reverse proxy on this machine makes every request look local: one that says it forwards is not.
        if (context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
            && !context.Request.Headers.ContainsKey("X-Forwarded-For") && !context.Request.Headers.ContainsKey("Forwarded"))
        {
            return true;
        }

        return token is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString()), token);
    }

    private static bool IsProbeOrScrape(PathString path) =>
        path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(TelemetryOptions.PrometheusSettings.Path, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The configured endpoint, when there is one (else the exporter reads the standard <c>OTEL_EXPORTER_OTLP_*</c>
    /// variables). Over HTTP each signal has its own path, which the exporter adds to the variable's address but not to
    /// one set here.
    /// </summary>
    private static void Configure(OtlpExporterOptions exporter, string? endpoint, OtlpExportProtocol protocol, string signal)
    {
        if (endpoint is { Length: > 0 })
        {
            exporter.Protocol = protocol;
            exporter.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf ? new Uri($"{endpoint.TrimEnd('/')}/v1/{signal}") : new Uri(endpoint);
        }
    }

    /// <summary>Keeps <c>ratio</c> of the spans it is asked about, at random: for trace ids a caller chose.</summary>
    private sealed class RandomRatioSampler(double ratio) : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
            new(ratio >= 1 || (ratio > 0 && Random.Shared.NextDouble() < ratio) ? SamplingDecision.RecordAndSample : SamplingDecision.Drop);
    }
}

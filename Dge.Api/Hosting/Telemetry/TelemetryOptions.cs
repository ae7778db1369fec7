namespace Dge.Api.Hosting.Telemetry;

/// <summary>
/// <c>Dge:Telemetry</c>: where traces, metrics and logs go. Nothing is collected unless one of the two is configured.
/// <list type="bullet">
/// <item><c>Otlp:Endpoint</c> (or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>): traces, metrics and logs are sent
/// there over OTLP, <c>Otlp:Protocol</c> <c>Grpc</c> (the default, port 4317) or <c>HttpProtobuf</c> (4318).</item>
/// <item><c>Prometheus:Enabled</c>: metrics are served at <c>/metrics</c> for scraping, to requests from this machine, and
/// from elsewhere only with <c>Authorization: Bearer</c> <c>Prometheus:Token</c> when a token is set.</item>
/// </list>
/// <c>Traces:SampleRatio</c> (0–1, default 1) keeps that share of the traces that start here.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Dge:Telemetry";

    public OtlpSettings Otlp { get; set; } = new();

    public PrometheusSettings Prometheus { get; set; } = new();

    public TraceSettings Traces { get; set; } = new();

    public sealed class OtlpSettings
    {
        public string? Endpoint { get; set; }

        public string Protocol { get; set; } = "Grpc";
    }

    public sealed class PrometheusSettings
    {
        public const string Path = "/metrics";

        public bool Enabled { get; set; }

        public string? Token { get; set; }
    }

    public sealed class TraceSettings
    {
        public double SampleRatio { get; set; } = 1;
    }
}

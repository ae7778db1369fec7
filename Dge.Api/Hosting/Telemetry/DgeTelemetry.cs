using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Dge.Api.Hosting.Telemetry;

/// <summary>
/// The product's own traces and metrics, named once: a span per GraphQL operation (a child of the HTTP request's span, with
/// the SQL statements' spans under it) and, per operation name, type and outcome, its duration and the time its SQL took.
/// Without a listener (telemetry not configured) they cost a check per operation.
/// </summary>
public static class DgeTelemetry
{
    public const string Name = "DgeGraph";

    public const string OperationNameTag = "graphql.operation.name";
    public const string OperationTypeTag = "graphql.operation.type";
    public const string OutcomeTag = "dge.graphql.outcome";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>From the document's arrival to its answer; its count is the request rate, by outcome the error rate.</summary>
    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
        "dge.graphql.operation.duration", "s", "Time from a GraphQL operation's arrival to its answer.");

    /// <summary>The summed duration of the operation's SQL statements, each from its start until its rows were read.</summary>
    public static readonly Histogram<double> SqlDuration = Meter.CreateHistogram<double>(
        "dge.graphql.operation.sql.duration", "s", "Summed time of a GraphQL operation's SQL statements, their rows read.");
}

using System.Diagnostics;
using Dge.Api.Hosting.Telemetry;
using OpenTelemetry.Trace;

namespace Dge.Tests.Hosting;

/// <summary>
/// A caller cannot choose which of its requests are traced: its <c>traceparent</c>'s sampled flag is not followed, the
/// configured ratio decides. Found by the hostile review of 2026-12-05: any client could have every request recorded and
/// exported by sending a sampled <c>traceparent</c>.
/// </summary>
public sealed class TraceSamplingTests
{
    [Fact]
    public void Sampler_CallerMarksItsTraceSampled_TheRatioStillDecides()
    {
        var sampler = TelemetryExtensions.TraceSampler(0);
        var callerSampled = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);

        Assert.Equal(SamplingDecision.Drop, Decide(sampler, callerSampled));
    }

    [Fact]
    public void Sampler_CallerMarksItsTraceNotSampled_TheRatioStillDecides()
    {
        var sampler = TelemetryExtensions.TraceSampler(1);
        var callerNotSampled = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true);

        Assert.Equal(SamplingDecision.RecordAndSample, Decide(sampler, callerNotSampled));
    }

    [Fact]
    public void Sampler_SpanUnderThisProcesssOwnSpan_FollowsItsParent()
    {
        var sampler = TelemetryExtensions.TraceSampler(0);
        var localSampled = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: false);

        Assert.Equal(SamplingDecision.RecordAndSample, Decide(sampler, localSampled));
    }

    private static SamplingDecision Decide(Sampler sampler, ActivityContext parent) =>
        sampler.ShouldSample(new SamplingParameters(parent, parent.TraceId, "POST /graphql", ActivityKind.Server)).Decision;
}

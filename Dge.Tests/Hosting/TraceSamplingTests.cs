using System.Diagnostics;
using Dge.Api.Hosting.Telemetry;
using OpenTelemetry.Trace;

namespace Dge.Tests.Hosting;

/// <summary>
/// A caller cannot choose which of its requests are traced: neither its <c>traceparent</c>'s sampled flag nor its trace id
/// decides, the configured ratio does. Found by the hostile review of 2026-12-05: any client could have every request recorded and
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

    /// <summary>
    /// The ratio sampler keeps a trace whose id's first half is below ratio × long.MaxValue, so a caller choosing an id of
    /// zeros would be kept at any ratio: a caller's trace is decided at random instead. At 0.5, 200 such requests all kept
    /// has a chance of 2^-200.
    /// </summary>
    [Fact]
    public void Sampler_CallerChoosesATraceIdTheRatioWouldAlwaysKeep_IsStillDecidedAtRandom()
    {
        var sampler = TelemetryExtensions.TraceSampler(0.5);
        var decisions = Enumerable.Range(0, 200).Select(_ =>
        {
            var chosen = ActivityTraceId.CreateFromString("0000000000000000" + ActivityTraceId.CreateRandom().ToHexString()[16..]);
            return Decide(sampler, new ActivityContext(chosen, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true));
        }).ToList();

        Assert.Contains(SamplingDecision.Drop, decisions);
        Assert.Contains(SamplingDecision.RecordAndSample, decisions);
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

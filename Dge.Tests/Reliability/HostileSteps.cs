using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace Dge.Tests.Reliability;

/// <summary>The mutations a hostile sequence is made of.</summary>
public enum StepKind
{
    CreateGroup,
    UpdateGroup,
    DissolveGroup,
    DeleteGroup,
    AddMember,
    EndMembership,
    ChangeLeader,
    ChangeRole,
    AssignAdvisor,
    RecordMeeting,
    UpdateMeeting,
    DeleteMeeting,
    UpdateClinic,
    MoveClinic,
    UpdateDoctor,
    UpdateTheme,
    UpdateMaterial,
    UpdateCluster,
}

/// <summary>How the id of the step's subject is given: as it should be, or wrong in one of the ways clients get it wrong.</summary>
public enum IdTwist
{
    Valid,
    OtherType,
    Deleted,
    Unknown,
    Malformed,
}

/// <summary>The expected version sent: the current one, or a stale, future or impossible one.</summary>
public enum VersionTwist
{
    Current,
    Stale,
    Future,
    Zero,
    Negative,
    IntMax,
    Overflow,
}

/// <summary>
/// One mutation of a sequence, in terms of the slice rather than of ids: which subject (an index into the slice's current
/// rows, so a shrunk or replayed step still names something), how its id and version are twisted, and date, text and
/// number tokens that <see cref="SliceWorld"/> resolves against the data when the step runs.
/// </summary>
public sealed record HostileStep(
    StepKind Kind,
    int Target,
    int Other,
    int Pick,
    IdTwist Twist,
    VersionTwist Version,
    string From,
    string? To,
    string Text,
    string Number)
{
    /// <summary>Simpler variants of this step, for shrinking: the ordinary value for each twisted part.</summary>
    public IEnumerable<HostileStep> Shrink()
    {
        if (Twist != IdTwist.Valid)
        {
            yield return this with { Twist = IdTwist.Valid };
        }

        if (Version != VersionTwist.Current)
        {
            yield return this with { Version = VersionTwist.Current };
        }

        if (Text != "Gruppe A")
        {
            yield return this with { Text = "Gruppe A" };
        }

        if (Pick != 0)
        {
            yield return this with { Pick = 0 };
        }

        if (Target != 0)
        {
            yield return this with { Target = 0 };
        }

        if (Other != 0)
        {
            yield return this with { Other = 0 };
        }
    }
}

/// <summary>A sequence of 1–6 steps.</summary>
public sealed record HostileSequence(IReadOnlyList<HostileStep> Steps)
{
    public IEnumerable<HostileSequence> Shrink()
    {
        for (var i = 0; i < Steps.Count && Steps.Count > 1; i++)
        {
            yield return new HostileSequence(Steps.Where((_, j) => j != i).ToList());
        }

        for (var i = 0; i < Steps.Count; i++)
        {
            foreach (var simpler in Steps[i].Shrink())
            {
                yield return new HostileSequence(Steps.Select((s, j) => j == i ? simpler : s).ToList());
            }
        }
    }

    public override string ToString() => string.Join(Environment.NewLine, Steps.Select((s, i) => $"  {i + 1}. {s}"));

    /// <summary>Sequences drawn from FsCheck's seeded generator, shrunk by dropping steps and straightening their twisted parts.</summary>
    public static Arbitrary<HostileSequence> Arbitrary() =>
        Arb.From(Gen.Choose(0, int.MaxValue).Select(seed => Generate(new Random(seed))), sequence => sequence.Shrink());

    /// <summary>Texts a client sends: ordinary Danish, empty, blank, too long, huge, and the unicode that breaks careless code.</summary>
    public static readonly string[] Texts =
    [
        "Gruppe A", "Lægegruppen Østerbro", "Æblehaven", "  Trimmes  ", string.Empty, " ", "\t\r\n", "@long201", "@huge",
        "😀 Gruppe", "👩‍⚕️👨‍👩‍👧", "e\u0301e\u0301", "a\u030A", "\u202Eevil", "שלום", "مرحبا", "\u0000", "NUL\u0000inside", "\u200B", "\uFEFF",
        "@lone-high", "@lone-low", "'); DROP TABLE Groups; --", "%_%", "<script>alert(1)</script>", "null", "İı", "ß", "\u0007bell",
    ];

    /// <summary>Durations and other numbers: inside, on and outside the bounds, and values JSON carries but a double or Int does not.</summary>
    public static readonly string[] Numbers =
    [
        "2", "3", "0.5", "12", "1.75", "0.49", "12.01", "0", "-1", "-0.0", "1e308", "@raw:1e400", "@raw:-1e400", "4.9e-324", "@raw:\"3\"", "@raw:true", "@raw:null",
    ];

    /// <summary>Day literals on the edges of what is valid, and strings that are not days.</summary>
    public static readonly string[] EdgeDays =
    [
        "0001-01-01", "9999-12-31", "1900-01-01", "1899-12-31", "2999-12-31", "3000-01-01", "2024-02-29", "2028-02-29", "2026-12-31", "2027-01-01",
    ];

    public static readonly string[] BadDays =
    [
        "2025-02-29", "2026-13-01", "2026-02-30", "2026-00-10", "not-a-date", "", "2026-1-1", "2026-01-01T00:00:00Z", "01-01-2026", "٢٠٢٦-٠١-٠١", "+2026-01-01",
    ];

    /// <summary>Tokens resolved against the subject's own dates: its group's founding and dissolution, an existing membership's period, a meeting's day.</summary>
    public static readonly string[] RelativeDays =
    [
        "@groupFrom", "@groupFrom-1", "@groupTo", "@groupTo-1", "@memberFrom", "@memberFrom+1", "@memberTo", "@memberTo-1", "@meetingDate", "@today",
    ];

    private static readonly StepKind[] Kinds = Enum.GetValues<StepKind>();

    // Writes on the groups' own data are the core of the domain: they come three times as often as the reference-data updates.
    private static readonly StepKind[] Weighted =
    [
        .. Kinds.Where(k => k < StepKind.UpdateClinic).SelectMany(k => new[] { k, k, k }),
        .. Kinds.Where(k => k >= StepKind.UpdateClinic),
        StepKind.AddMember, StepKind.AddMember, StepKind.RecordMeeting, StepKind.RecordMeeting, StepKind.ChangeLeader,
    ];

    private static HostileSequence Generate(Random random)
    {
        var count = random.Next(1, 7);
        return new HostileSequence(Enumerable.Range(0, count).Select(_ => Step(random)).ToList());
    }

    private static HostileStep Step(Random random)
    {
        var twist = random.Next(100) switch
        {
            < 78 => IdTwist.Valid,
            < 83 => IdTwist.OtherType,
            < 91 => IdTwist.Deleted,
            < 95 => IdTwist.Unknown,
            _ => IdTwist.Malformed,
        };
        var version = random.Next(100) switch
        {
            < 80 => VersionTwist.Current,
            < 88 => VersionTwist.Stale,
            < 91 => VersionTwist.Future,
            < 94 => VersionTwist.Zero,
            < 96 => VersionTwist.Negative,
            < 98 => VersionTwist.IntMax,
            _ => VersionTwist.Overflow,
        };
        var to = random.Next(100) switch
        {
            < 35 => null,
            < 45 => "@same",
            < 52 => "@before",
            _ => Day(random),
        };
        var text = random.Next(100) < 55 ? Texts[random.Next(4)] : Texts[random.Next(Texts.Length)];
        var number = random.Next(100) < 60 ? Numbers[random.Next(5)] : Numbers[random.Next(Numbers.Length)];
        return new HostileStep(Weighted[random.Next(Weighted.Length)], random.Next(64), random.Next(64), random.Next(64), twist, version, Day(random), to, text, number);
    }

    private static string Day(Random random) => random.Next(100) switch
    {
        < 50 => HostileWriteHost.Today.AddDays(random.Next(-1600, 400)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        < 80 => RelativeDays[random.Next(RelativeDays.Length)],
        < 93 => EdgeDays[random.Next(EdgeDays.Length)],
        _ => BadDays[random.Next(BadDays.Length)],
    };
}

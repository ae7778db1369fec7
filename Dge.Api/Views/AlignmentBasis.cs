using System.Runtime.InteropServices;
using Dge.Api.Clusters;
using Dge.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Views;

/// <summary>
/// What the alignment of some clusters on a day follows from, read in two statements: the clusters' doctors (the active doctors
/// placed in a cluster, as <see cref="ViewSources.ScopedDoctors"/> places them) and the current memberships (<see cref="ViewSources.CurrentMemberships"/>) of
/// every group one of them belongs to. The figures, the overlaps, the aligned covered doctors and the uncovered doctors are
/// counted from these rows in memory, in one pass per cluster. The fields of one request share the basis of their clusters, so
/// the doctors are placed once, however many of the view's fields are selected. Computing the overlaps in SQL placed them once
/// per field, and the statement's cost grew far faster than the data (32 s for the whole country at 100×).
/// </summary>
public sealed class AlignmentBasis
{
    private const int NoCluster = 0;

    private static long s_lastId;

    private readonly Dictionary<int, ClusterPart> _clusters;

    private AlignmentBasis(DateOnly day, Dictionary<int, ClusterPart> clusters)
    {
        Id = Interlocked.Increment(ref s_lastId);
        Day = day;
        _clusters = clusters;
    }

    /// <summary>Tells this basis from any other in the process, so the batches of its fields never mix with another basis's.</summary>
    public long Id { get; }

    public DateOnly Day { get; }

    /// <summary>
    /// Reads the basis of the clusters <paramref name="clusterIds"/> on <paramref name="day"/>, or of every cluster when it is null
    /// (then every current membership is read, without first finding the groups the clusters' doctors belong to).
    /// </summary>
    public static async Task<AlignmentBasis> ReadAsync(DgeDbContext db, DateOnly day, IReadOnlyCollection<int>? clusterIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var doctors = ViewSources.ActiveDoctors(db, day);
        var memberships = ViewSources.CurrentMemberships(db, day);
        if (clusterIds is not null)
        {
            var ids = clusterIds.ToList();
            doctors = doctors.Where(d => d.ClusterId != null && ids.Contains(d.ClusterId.Value));
            var doctorIds = doctors.Select(d => d.DoctorId);
            var groupIds = ViewSources.CurrentMemberships(db, day).Where(m => doctorIds.Contains(m.DoctorId)).Select(m => m.GroupId);
            memberships = memberships.Where(m => groupIds.Contains(m.GroupId));
        }

        // The clusters' doctors are ActiveDoctors placed in a cluster (ScopedDoctors by cluster). Those in none are left out
        // here rather than in SQL, which would work out each employment's cluster twice. Whether a doctor is covered (has a
        // current membership, ActiveDoctor.IsCovered) is read off the memberships, which hold every current membership of
        // every cluster doctor, rather than tested again in SQL for each doctor.
        var doctorRows = await doctors.Select(d => new DoctorRow(d.ClusterId ?? NoCluster, d.DoctorId, d.IsNynedsat)).ToListAsync(cancellationToken);
        var membershipRows = await memberships.Select(m => new MembershipRow(m.DoctorId, m.GroupId)).ToListAsync(cancellationToken);
        doctorRows.RemoveAll(d => d.ClusterId == NoCluster);
        return new AlignmentBasis(day, Count(day, doctorRows, membershipRows));
    }

    /// <summary>The cluster's alignment figures; zeros when it has no active doctors on the day.</summary>
    public ClusterAlignment Of(QualityCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return _clusters.TryGetValue(cluster.Id, out var part)
            ? new ClusterAlignment(cluster, part.Figures, part.AlignedCovered, this)
            : new ClusterAlignment(cluster, CoverageFigures.Empty(Day), 0, this);
    }

    /// <summary>The groups drawing current members from the cluster's doctors, largest overlap first, then by group id.</summary>
    public IReadOnlyList<GroupOverlap> OverlapsOf(int clusterId) => _clusters.TryGetValue(clusterId, out var part) ? part.Overlaps : [];

    /// <summary>The cluster's doctors in no group on the day, by doctor id.</summary>
    public IReadOnlyList<(int DoctorId, bool IsNynedsat)> UncoveredOf(int clusterId) => _clusters.TryGetValue(clusterId, out var part) ? part.Uncovered : [];

    private static Dictionary<int, ClusterPart> Count(DateOnly day, List<DoctorRow> doctorRows, List<MembershipRow> membershipRows)
    {
        // A doctor working in two clinics of one cluster is one of its doctors; a doctor with two current memberships of one
        // group is one of its members.
        var doctors = CollectionsMarshal.AsSpan(doctorRows);
        doctors.Sort((x, y) => x.ClusterId != y.ClusterId ? x.ClusterId.CompareTo(y.ClusterId) : x.DoctorId.CompareTo(y.DoctorId));
        doctors = doctors[..Deduplicate(doctors)];
        var memberships = CollectionsMarshal.AsSpan(membershipRows);
        memberships.Sort((x, y) => x.DoctorId != y.DoctorId ? x.DoctorId.CompareTo(y.DoctorId) : x.GroupId.CompareTo(y.GroupId));
        memberships = memberships[..Deduplicate(memberships)];

        var groupsOfDoctor = new Dictionary<int, (int Start, int Count)>();
        var members = new Dictionary<int, int>();
        for (var i = 0; i < memberships.Length; i++)
        {
            ref var range = ref CollectionsMarshal.GetValueRefOrAddDefault(groupsOfDoctor, memberships[i].DoctorId, out var known);
            range = known ? (range.Start, range.Count + 1) : (i, 1);
            CollectionsMarshal.GetValueRefOrAddDefault(members, memberships[i].GroupId, out _)++;
        }

        var clusters = new Dictionary<int, ClusterPart>();
        for (var start = 0; start < doctors.Length;)
        {
            var end = start;
            while (end < doctors.Length && doctors[end].ClusterId == doctors[start].ClusterId)
            {
                end++;
            }

            clusters[doctors[start].ClusterId] = CountCluster(day, doctors[start..end], memberships, groupsOfDoctor, members);
            start = end;
        }

        return clusters;
    }

    /// <summary>One cluster's part, from its doctors (sorted by id, each once) and the memberships indexed by doctor.</summary>
    private static ClusterPart CountCluster(
        DateOnly day,
        ReadOnlySpan<DoctorRow> doctors,
        ReadOnlySpan<MembershipRow> memberships,
        Dictionary<int, (int Start, int Count)> groupsOfDoctor,
        Dictionary<int, int> members)
    {
        var clusterId = doctors[0].ClusterId;
        var overlap = new Dictionary<int, int>();
        int covered = 0, nynedsatActive = 0, nynedsatCovered = 0;
        var uncovered = new List<(int DoctorId, bool IsNynedsat)>();
        foreach (var doctor in doctors)
        {
            var groups = GroupsOf(doctor.DoctorId, memberships, groupsOfDoctor);
            var isCovered = !groups.IsEmpty;
            covered += isCovered ? 1 : 0;
            nynedsatActive += doctor.IsNynedsat ? 1 : 0;
            nynedsatCovered += doctor.IsNynedsat && isCovered ? 1 : 0;
            if (!isCovered)
            {
                uncovered.Add((doctor.DoctorId, doctor.IsNynedsat));
            }

            foreach (var membership in groups)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(overlap, membership.GroupId, out _)++;
            }
        }

        var overlaps = overlap
            .Select(o => new GroupOverlap { ClusterId = clusterId, GroupId = o.Key, Overlap = o.Value, Members = members[o.Key] })
            .OrderByDescending(o => o.Overlap).ThenBy(o => o.GroupId)
            .ToList();
        var aligned = overlaps.Where(o => o.Aligned).Select(o => o.GroupId).ToHashSet();

        // A doctor is aligned covered when one of their current groups is aligned with the cluster.
        var alignedCovered = 0;
        foreach (var doctor in doctors)
        {
            foreach (var membership in GroupsOf(doctor.DoctorId, memberships, groupsOfDoctor))
            {
                if (aligned.Contains(membership.GroupId))
                {
                    alignedCovered++;
                    break;
                }
            }
        }

        return new ClusterPart(new CoverageFigures(day, doctors.Length, covered, nynedsatActive, nynedsatCovered), alignedCovered, overlaps, uncovered);
    }

    private static ReadOnlySpan<MembershipRow> GroupsOf(int doctorId, ReadOnlySpan<MembershipRow> memberships, Dictionary<int, (int Start, int Count)> groupsOfDoctor) =>
        groupsOfDoctor.TryGetValue(doctorId, out var range) ? memberships.Slice(range.Start, range.Count) : [];

    /// <summary>Moves the distinct rows of a sorted span to its front and returns how many there are.</summary>
    private static int Deduplicate<TRow>(Span<TRow> sorted)
        where TRow : IEquatable<TRow>
    {
        var kept = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (kept == 0 || !sorted[i].Equals(sorted[kept - 1]))
            {
                sorted[kept++] = sorted[i];
            }
        }

        return kept;
    }

    private readonly record struct DoctorRow(int ClusterId, int DoctorId, bool IsNynedsat);

    private readonly record struct MembershipRow(int DoctorId, int GroupId);

    private sealed record ClusterPart(CoverageFigures Figures, int AlignedCovered, IReadOnlyList<GroupOverlap> Overlaps, IReadOnlyList<(int DoctorId, bool IsNynedsat)> Uncovered);
}

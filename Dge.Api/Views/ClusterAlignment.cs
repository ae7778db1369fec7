using Dge.Api.Clusters;
using Dge.Api.Data;
using Dge.Api.Data.Collation;
using Dge.Api.Doctors;
using Dge.Api.Groups;
using Dge.Api.Municipalities;
using Dge.Api.Themes;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Views;

/// <summary>The figures of one cluster on one day (DOMAIN.md, "Cluster–group alignment").</summary>
public sealed record ClusterAlignment(QualityCluster Cluster, CoverageFigures Figures, int AlignedCoveredDoctors)
{
    public DateOnly AsOf => Figures.AsOf;

    public double? AlignedCoverage => CoverageFigures.Ratio(AlignedCoveredDoctors, Figures.ActiveDoctors);
}

/// <summary>A group active on the day that draws current members from a cluster's doctors.</summary>
public sealed class GroupOverlap
{
    public int ClusterId { get; init; }

    public int GroupId { get; init; }

    public int Overlap { get; init; }

    public int Members { get; init; }

    public double Share => (double)Overlap / Members;

    /// <summary>share ≥ 0.5 (<see cref="ViewRules.IsAligned"/>).</summary>
    public bool Aligned => ViewRules.IsAligned(Overlap, Members);
}

/// <summary>A group's overlap with a cluster, with the group loaded.</summary>
public sealed record ClusterGroupAlignment(DgeGroup Group, GroupOverlap Overlap);

/// <summary>The themes of a cluster's packages active on the day, split by whether an aligned group met on them in the window.</summary>
public sealed record ThemeAlignment(IReadOnlyList<Theme> PackageThemes, IReadOnlyList<Theme> CoveredThemes)
{
    public IReadOnlyList<Theme> MissedThemes => PackageThemes.Where(t => !CoveredThemes.Contains(t)).ToList();

    public double? Ratio => CoverageFigures.Ratio(CoveredThemes.Count, PackageThemes.Count);
}

/// <summary>A cluster doctor in no group on the day.</summary>
public sealed record UncoveredDoctor(Doctor Doctor, bool IsNynedsat, DateOnly AsOf);

/// <summary>Filter of the root alignment view; regions are as they stand on asOf, through the cluster's municipality.</summary>
public sealed record ClusterAlignmentFilter(string? RegionCode, int? RegionId, string? MunicipalityCode);

/// <summary>The cluster–group alignment view, computed in SQL with a fixed number of statements whatever the number of clusters.</summary>
public static class ClusterAlignmentQuery
{
    /// <summary>Clusters matching the filter with their figures: two statements (clusters; coverage with aligned coverage).</summary>
    public static async Task<IReadOnlyList<ClusterAlignment>> ForFilterAsync(DgeDbContext db, DateOnly day, ClusterAlignmentFilter filter, CancellationToken cancellationToken)
    {
        var regions = db.MunicipalityRegions.Where(Periods.ActiveOn<MunicipalityRegion>(day));
        var clusters = db.QualityClusters.AsNoTracking();
        if (filter.RegionCode is { } regionCode)
        {
            clusters = clusters.Where(c => regions.Any(p => p.MunicipalityId == c.MunicipalityId && p.Region!.Code == regionCode));
        }

        if (filter.RegionId is { } regionId)
        {
            clusters = clusters.Where(c => regions.Any(p => p.MunicipalityId == c.MunicipalityId && p.RegionId == regionId));
        }

        if (filter.MunicipalityCode is { } municipalityCode)
        {
            clusters = clusters.Where(c => c.Municipality!.Code == municipalityCode);
        }

        return await FiguresAsync(db, day, await clusters.OrderBy(c => c.Id).ToListAsync(cancellationToken), cancellationToken);
    }

    /// <summary>The given clusters with their figures, for <c>QualityCluster.alignment</c>.</summary>
    public static async Task<IReadOnlyDictionary<int, ClusterAlignment>> ForClustersAsync(
        DgeDbContext db, DateOnly day, IReadOnlyCollection<int> clusterIds, CancellationToken cancellationToken)
    {
        var ids = clusterIds.ToList();
        var clusters = await db.QualityClusters.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        return (await FiguresAsync(db, day, clusters, cancellationToken)).ToDictionary(a => a.Cluster.Id);
    }

    /// <summary>Groups drawing current members from each cluster, with overlap and share, largest overlap first: one statement.</summary>
    public static async Task<IReadOnlyDictionary<int, IReadOnlyList<ClusterGroupAlignment>>> GroupsAsync(
        DgeDbContext db, DateOnly day, IReadOnlyCollection<int> clusterIds, CancellationToken cancellationToken)
    {
        var ids = clusterIds.ToList();
        var rows = await (
            from o in Overlaps(db, day).Where(o => ids.Contains(o.ClusterId))
            join g in db.Groups.AsNoTracking() on o.GroupId equals g.Id
            select new { Overlap = o, Group = g }).ToListAsync(cancellationToken);
        return ids.Distinct().ToDictionary(
            id => id,
            id => (IReadOnlyList<ClusterGroupAlignment>)rows.Where(r => r.Overlap.ClusterId == id)
                .OrderByDescending(r => r.Overlap.Overlap).ThenBy(r => r.Group.Id)
                .Select(r => new ClusterGroupAlignment(r.Group, r.Overlap)).ToList());
    }

    /// <summary>Package themes of each cluster, each marked covered when an aligned group met on it in the window: one statement.</summary>
    public static async Task<IReadOnlyDictionary<int, ThemeAlignment>> ThemesAsync(
        DgeDbContext db, DateOnly day, IReadOnlyCollection<int> clusterIds, CancellationToken cancellationToken)
    {
        var ids = clusterIds.ToList();
        var windowStart = ViewRules.ThemeWindowAfter(day);
        var aligned = Overlaps(db, day).Where(ViewRules.Aligned);
        var meetingThemes =
            from mt in db.MeetingThemes
            join m in db.Meetings on mt.MeetingId equals m.Id
            where m.Date > windowStart && m.Date <= day
            select new { m.GroupId, mt.ThemeId };
        var packageThemes =
            from a in db.ClusterPackageAdoptions.Where(Periods.ActiveOn<ClusterPackageAdoption>(day))
            join mt in db.MaterialThemes on a.MaterialId equals mt.MaterialId
            where ids.Contains(a.ClusterId)
            select new { a.ClusterId, mt.ThemeId };
        var rows = await (
            from p in packageThemes.Distinct()
            join t in db.Themes.AsNoTracking() on p.ThemeId equals t.Id
            select new
            {
                p.ClusterId,
                Theme = t,
                Covered = aligned.Any(o => o.ClusterId == p.ClusterId && meetingThemes.Any(x => x.GroupId == o.GroupId && x.ThemeId == p.ThemeId)),
            }).ToListAsync(cancellationToken);
        return ids.Distinct().ToDictionary(id => id, id =>
        {
            var themes = rows.Where(r => r.ClusterId == id).OrderBy(r => r.Theme.Code, StringComparer.Ordinal).ToList();
            return new ThemeAlignment(themes.Select(r => r.Theme).ToList(), themes.Where(r => r.Covered).Select(r => r.Theme).ToList());
        });
    }

    /// <summary>Each cluster's doctors in no group, by last name: one statement.</summary>
    public static async Task<IReadOnlyDictionary<int, IReadOnlyList<UncoveredDoctor>>> UncoveredAsync(
        DgeDbContext db, DateOnly day, IReadOnlyCollection<int> clusterIds, CancellationToken cancellationToken)
    {
        var ids = clusterIds.ToList();
        var rows = await (
            from d in ViewSources.ScopedDoctors(db, CoverageScope.Cluster, day).Where(d => !d.IsCovered && ids.Contains(d.ScopeId))
            join doctor in db.Doctors.AsNoTracking() on d.DoctorId equals doctor.Id
            select new { ClusterId = d.ScopeId, Doctor = doctor, d.IsNynedsat }).Distinct().ToListAsync(cancellationToken);
        return ids.Distinct().ToDictionary(
            id => id,
            id => (IReadOnlyList<UncoveredDoctor>)rows.Where(r => r.ClusterId == id)
                .OrderBy(r => r.Doctor.LastName, DanishCollation.Comparer).ThenBy(r => r.Doctor.FirstName, DanishCollation.Comparer).ThenBy(r => r.Doctor.Id)
                .Select(r => new UncoveredDoctor(r.Doctor, r.IsNynedsat, day)).ToList());
    }

    /// <summary>
    /// For every cluster and every group active on the day: overlap = current members who are doctors of the cluster, members = all
    /// current members of the group (any phase, so trainees count in the denominator).
    /// </summary>
    public static IQueryable<GroupOverlap> Overlaps(DgeDbContext db, DateOnly day)
    {
        var members = ViewSources.CurrentMemberships(db, day);
        var sizes = members.GroupBy(m => m.GroupId).Select(g => new { GroupId = g.Key, Members = g.Select(m => m.DoctorId).Distinct().Count() });
        var overlaps =
            from d in ViewSources.ScopedDoctors(db, CoverageScope.Cluster, day)
            join m in members on d.DoctorId equals m.DoctorId
            group d.DoctorId by new { ClusterId = d.ScopeId, m.GroupId } into g
            select new { g.Key.ClusterId, g.Key.GroupId, Overlap = g.Distinct().Count() };
        return from o in overlaps
               join s in sizes on o.GroupId equals s.GroupId
               select new GroupOverlap { ClusterId = o.ClusterId, GroupId = o.GroupId, Overlap = o.Overlap, Members = s.Members };
    }

    /// <summary>
    /// The coverage figures of the clusters (counted by <see cref="CoverageQuery.Counts"/>: distinct doctors per cluster) and their
    /// aligned covered doctors, in one statement, so the cluster doctors are read once for both.
    /// </summary>
    private static async Task<IReadOnlyList<ClusterAlignment>> FiguresAsync(DgeDbContext db, DateOnly day, List<QualityCluster> clusters, CancellationToken cancellationToken)
    {
        var ids = clusters.Select(c => c.Id).ToList();
        var alignedMembers =
            from o in Overlaps(db, day).Where(ViewRules.Aligned)
            join m in ViewSources.CurrentMemberships(db, day) on o.GroupId equals m.GroupId
            select new { o.ClusterId, m.DoctorId };
        var rows = await CoverageQuery.Counts(
                ViewSources.ScopedDoctors(db, CoverageScope.Cluster, day).Where(d => ids.Contains(d.ScopeId)),
                d => alignedMembers.Any(a => a.ClusterId == d.ScopeId && a.DoctorId == d.DoctorId))
            .ToDictionaryAsync(r => r.ScopeId, cancellationToken);
        return clusters
            .Select(c => rows.TryGetValue(c.Id, out var r)
                ? new ClusterAlignment(c, r.Figures(day), r.AlsoCounted)
                : new ClusterAlignment(c, CoverageFigures.Empty(day), 0))
            .ToList();
    }
}

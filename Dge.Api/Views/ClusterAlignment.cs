using Dge.Api.Clusters;
using Dge.Api.Data;
using Dge.Api.Data.Collation;
using Dge.Api.Doctors;
using Dge.Api.Groups;
using Dge.Api.Municipalities;
using Dge.Api.Themes;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Views;

/// <summary>The figures of one cluster on one day (DOMAIN.md, "Cluster–group alignment"), with the basis its other fields read.</summary>
public sealed record ClusterAlignment(QualityCluster Cluster, CoverageFigures Figures, int AlignedCoveredDoctors, AlignmentBasis Basis)
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

/// <summary>
/// The cluster–group alignment view: the clusters' doctors and their groups' memberships are read once per request
/// (<see cref="AlignmentBasis"/>), and each field adds at most one statement for what it shows, whatever the number of clusters.
/// </summary>
public static class ClusterAlignmentQuery
{
    /// <summary>Clusters matching the filter with their figures: three statements (clusters; the basis's two).</summary>
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

        var list = await clusters.OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var everyCluster = filter is { RegionCode: null, RegionId: null, MunicipalityCode: null };
        var basis = await AlignmentBasis.ReadAsync(db, day, everyCluster ? null : list.Select(c => c.Id).ToList(), cancellationToken);
        return list.Select(basis.Of).ToList();
    }

    /// <summary>The given clusters with their figures, for <c>QualityCluster.alignment</c>: three statements.</summary>
    public static async Task<IReadOnlyDictionary<int, ClusterAlignment>> ForClustersAsync(
        DgeDbContext db, DateOnly day, IReadOnlyCollection<int> clusterIds, CancellationToken cancellationToken)
    {
        var ids = clusterIds.Distinct().ToList();
        var clusters = await db.QualityClusters.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var basis = await AlignmentBasis.ReadAsync(db, day, ids, cancellationToken);
        return clusters.ToDictionary(c => c.Id, basis.Of);
    }

    /// <summary>Groups drawing current members from each cluster, with overlap and share, largest overlap first: one statement for the groups.</summary>
    public static async Task<IReadOnlyDictionary<int, IReadOnlyList<ClusterGroupAlignment>>> GroupsAsync(
        DgeDbContext db, AlignmentBasis basis, IReadOnlyCollection<int> clusterIds, CancellationToken cancellationToken)
    {
        var overlaps = clusterIds.Distinct().ToDictionary(id => id, basis.OverlapsOf);
        var groupIds = overlaps.Values.SelectMany(o => o).Select(o => o.GroupId).Distinct().ToList();
        var groups = await db.Groups.AsNoTracking().Where(g => EF.Parameter(groupIds).Contains(g.Id)).ToDictionaryAsync(g => g.Id, cancellationToken);
        return overlaps.ToDictionary(
            c => c.Key,
            c => (IReadOnlyList<ClusterGroupAlignment>)c.Value.Select(o => new ClusterGroupAlignment(groups[o.GroupId], o)).ToList());
    }

    /// <summary>
    /// Package themes of each cluster, each marked covered when an aligned group met on it in the window: two statements (the
    /// clusters' package themes; the themes the aligned groups met on in the window).
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, ThemeAlignment>> ThemesAsync(
        DgeDbContext db, AlignmentBasis basis, IReadOnlyCollection<int> clusterIds, CancellationToken cancellationToken)
    {
        var day = basis.Day;
        var ids = clusterIds.Distinct().ToList();
        var packageThemes = await (
            from p in (
                from a in db.ClusterPackageAdoptions.Where(Periods.ActiveOn<ClusterPackageAdoption>(day))
                join mt in db.MaterialThemes on a.MaterialId equals mt.MaterialId
                where ids.Contains(a.ClusterId)
                select new { a.ClusterId, mt.ThemeId }).Distinct()
            join t in db.Themes.AsNoTracking() on p.ThemeId equals t.Id
            select new { p.ClusterId, Theme = t }).ToListAsync(cancellationToken);

        var aligned = ids.ToDictionary(id => id, id => basis.OverlapsOf(id).Where(o => o.Aligned).Select(o => o.GroupId).ToList());
        var alignedIds = aligned.Values.SelectMany(g => g).Distinct().ToList();
        var windowStart = ViewRules.ThemeWindowAfter(day);
        var met = (await (
                from mt in db.MeetingThemes
                join m in db.Meetings on mt.MeetingId equals m.Id
                where m.Date > windowStart && m.Date <= day && EF.Parameter(alignedIds).Contains(m.GroupId)
                select new { m.GroupId, mt.ThemeId }).Distinct().ToListAsync(cancellationToken))
            .Select(x => (x.GroupId, x.ThemeId))
            .ToHashSet();

        return ids.ToDictionary(id => id, id =>
        {
            var themes = packageThemes.Where(r => r.ClusterId == id).Select(r => r.Theme).OrderBy(t => t.Code, StringComparer.Ordinal).ToList();
            var covered = themes.Where(t => aligned[id].Exists(g => met.Contains((g, t.Id)))).ToList();
            return new ThemeAlignment(themes, covered);
        });
    }

    /// <summary>Each cluster's doctors in no group, by last name: one statement for the doctors.</summary>
    public static async Task<IReadOnlyDictionary<int, IReadOnlyList<UncoveredDoctor>>> UncoveredAsync(
        DgeDbContext db, AlignmentBasis basis, IReadOnlyCollection<int> clusterIds, CancellationToken cancellationToken)
    {
        var uncovered = clusterIds.Distinct().ToDictionary(id => id, basis.UncoveredOf);
        var doctorIds = uncovered.Values.SelectMany(d => d).Select(d => d.DoctorId).Distinct().ToList();
        var doctors = await db.Doctors.AsNoTracking().Where(d => EF.Parameter(doctorIds).Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        return uncovered.ToDictionary(
            c => c.Key,
            c => (IReadOnlyList<UncoveredDoctor>)c.Value
                .Select(d => new UncoveredDoctor(doctors[d.DoctorId], d.IsNynedsat, basis.Day))
                .OrderBy(d => d.Doctor.LastName, DanishCollation.Comparer).ThenBy(d => d.Doctor.FirstName, DanishCollation.Comparer).ThenBy(d => d.Doctor.Id)
                .ToList());
    }
}

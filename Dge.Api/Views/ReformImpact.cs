using Dge.Api.Data;
using Dge.Api.Data.Collation;
using Dge.Api.Doctors;
using Dge.Api.KapUnits;
using Dge.Api.Municipalities;
using Dge.Api.Regions;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Views;

/// <summary>
/// What the 2027 reform changes for one scope of the new structure (a region in force after the reform, or a health council).
/// An item moves when the region of its municipality on the day before the reform differs from its region after it.
/// </summary>
public sealed record ReformImpactRow(
    CoverageScope Scope,
    int ScopeId,
    string? Code,
    string Name,
    IReadOnlyList<Region> FormerRegions,
    int Municipalities,
    int MunicipalitiesMoving,
    IReadOnlyList<KapUnit> KapUnits,
    IReadOnlyList<KapUnit> KapUnitsMoving,
    int Clusters,
    int ClustersMoving,
    int Groups,
    int GroupsMoving,
    int DoctorsMoving,
    CoverageFigures Coverage);

/// <summary>The reform impact view: the day of the reform, the day the new structure is read on, and a row per new region and health council.</summary>
public sealed record ReformImpact(DateOnly AsOf, DateOnly ReformDay, DateOnly StructureDay, IReadOnlyList<ReformImpactRow> Regions, IReadOnlyList<ReformImpactRow> HealthCouncils);

/// <summary>
/// The reform impact view. The reform day is the first day of the regions that replace others (Region Østdanmark: 2027-01-01); the old
/// structure is read on the day before it, the new one on max(asOf, reform day); doctors, groups and coverage are counted on asOf.
/// A fixed number of statements: the geography (small reference tables), then one aggregate per figure and scope kind.
/// </summary>
public static class ReformImpactQuery
{
    public static async Task<ReformImpact?> ForDayAsync(DgeDbContext db, DateOnly asOf, CancellationToken cancellationToken)
    {
        var reformDay = await db.Regions.Where(r => db.Regions.Any(p => p.SuccessorId == r.Id)).MinAsync(r => (DateOnly?)r.From, cancellationToken);
        if (reformDay is not { } reform)
        {
            return null;
        }

        var before = reform.AddDays(-1);
        var after = asOf > reform ? asOf : reform;
        var history = await db.MunicipalityRegions.AsNoTracking().ToListAsync(cancellationToken);
        var councils = await db.Municipalities.AsNoTracking().Select(m => new { m.Id, m.HealthCouncilId }).ToDictionaryAsync(m => m.Id, m => m.HealthCouncilId, cancellationToken);
        var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Id, cancellationToken);
        var kapUnits = await db.KapUnits.AsNoTracking().OrderBy(k => k.Code).ToListAsync(cancellationToken);
        var clustersByMunicipality = await db.QualityClusters.GroupBy(c => c.MunicipalityId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        int? RegionOn(int municipalityId, DateOnly day) => history.FirstOrDefault(p => p.MunicipalityId == municipalityId && p.IsActiveOn(day))?.RegionId;
        var municipalities = councils.Keys.Select(id => new MunicipalityMove(id, councils[id], RegionOn(id, before), RegionOn(id, after))).ToList();
        var moving = municipalities.Where(m => m.Moves).Select(m => m.Id).ToList();
        var closedRegionIds = regions.Values.Where(r => !r.IsActiveOn(after)).Select(r => r.Id).ToList();

        async Task<IReadOnlyList<ReformImpactRow>> RowsAsync(CoverageScope scope, IEnumerable<(int Id, string? Code, string Name)> scopes, Func<MunicipalityMove, int?> scopeOf)
        {
            var coverage = await CoverageQuery.FiguresAsync(ViewSources.ScopedDoctors(db, scope, asOf, after), asOf, cancellationToken);
            var movingDoctors = await CoverageQuery.FiguresAsync(ViewSources.ScopedDoctors(db, scope, asOf, after, moving), asOf, cancellationToken);
            var groups = await GroupReachAsync(db, scope, asOf, after, closedRegionIds, cancellationToken);
            return scopes.Select(s =>
            {
                var inScope = municipalities.Where(m => scopeOf(m) == s.Id).ToList();
                var servedBy = kapUnits.Where(k => inScope.Any(m => history.Any(p => p.MunicipalityId == m.Id && p.RegionId == k.RegionId))).ToList();
                return new ReformImpactRow(
                    scope,
                    s.Id,
                    s.Code,
                    s.Name,
                    inScope.Select(m => m.Before).OfType<int>().Distinct().Order().Select(id => regions[id]).ToList(),
                    inScope.Count,
                    inScope.Count(m => m.Moves),
                    servedBy,
                    servedBy.Where(k => closedRegionIds.Contains(k.RegionId)).ToList(),
                    inScope.Sum(m => clustersByMunicipality.GetValueOrDefault(m.Id)),
                    inScope.Where(m => m.Moves).Sum(m => clustersByMunicipality.GetValueOrDefault(m.Id)),
                    groups.GetValueOrDefault(s.Id)?.Groups ?? 0,
                    groups.GetValueOrDefault(s.Id)?.Moving ?? 0,
                    movingDoctors.GetValueOrDefault(s.Id)?.ActiveDoctors ?? 0,
                    coverage.GetValueOrDefault(s.Id) ?? CoverageFigures.Empty(asOf));
            }).ToList();
        }

        var newRegions = regions.Values
            .Where(r => r.IsActiveOn(after))
            .OrderBy(r => r.Name, DanishCollation.Comparer).ThenBy(r => r.Id)
            .Select(r => (r.Id, r.Code, r.Name));
        var regionRows = await RowsAsync(CoverageScope.Region, newRegions, m => m.After);
        var healthCouncils = await db.HealthCouncils.AsNoTracking().OrderBy(h => EF.Functions.Collate(h.Name, DanishCollation.Name)).ThenBy(h => h.Id).Select(h => new { h.Id, h.Key, h.Name }).ToListAsync(cancellationToken);
        var councilRows = await RowsAsync(CoverageScope.HealthCouncil, healthCouncils.Select(h => (h.Id, (string?)h.Key, h.Name)), m => m.HealthCouncilId);
        return new ReformImpact(asOf, reform, after, regionRows, councilRows);
    }

    /// <summary>
    /// Per scope, the groups active on <paramref name="day"/> with at least one current member working in the scope, and of those the
    /// groups whose KAP unit's region has closed by <paramref name="regionDay"/> (they move to its successor): one statement.
    /// </summary>
    private static async Task<Dictionary<int, GroupReach>> GroupReachAsync(
        DgeDbContext db, CoverageScope scope, DateOnly day, DateOnly regionDay, List<int> closedRegionIds, CancellationToken cancellationToken)
    {
        var located =
            from m in ViewSources.CurrentMemberships(db, day)
            join e in db.ClinicEmployments.Where(Periods.ActiveOn<ClinicEmployment>(day)) on m.DoctorId equals e.DoctorId
            select new { m.GroupId, e.Clinic!.MunicipalityId, Moving = closedRegionIds.Contains(m.Group!.KapUnit!.RegionId) };
        var scoped = scope == CoverageScope.Region
            ? from l in located
              join p in db.MunicipalityRegions.Where(Periods.ActiveOn<MunicipalityRegion>(regionDay)) on l.MunicipalityId equals p.MunicipalityId
              select new { ScopeId = p.RegionId, l.GroupId, l.Moving }
            : from l in located
              join mu in db.Municipalities on l.MunicipalityId equals mu.Id
              select new { ScopeId = mu.HealthCouncilId, l.GroupId, l.Moving };
        return await scoped.Distinct()
            .GroupBy(x => x.ScopeId)
            .Select(g => new GroupReach(g.Key, g.Count(), g.Count(x => x.Moving)))
            .ToDictionaryAsync(r => r.ScopeId, cancellationToken);
    }

    private sealed record GroupReach(int ScopeId, int Groups, int Moving);

    private sealed record MunicipalityMove(int Id, int HealthCouncilId, int? Before, int? After)
    {
        public bool Moves => Before != After;
    }
}

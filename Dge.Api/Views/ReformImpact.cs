using Dge.Api.Data;
using Dge.Api.Data.Collation;
using Dge.Api.Doctors;
using Dge.Api.KapUnits;
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
/// A fixed number of statements: the geography (small reference tables), then the active doctors' and the current groups' places,
/// read once and counted per scope in memory for both scope kinds.
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
        var closedRegionIds = regions.Values.Where(r => !r.IsActiveOn(after)).Select(r => r.Id).ToList();

        // Each doctor's and each group's places are read once on asOf and counted per scope in memory, for the regions and the
        // health councils alike: the placing of every active doctor is the costly part, and both scope kinds share it.
        var doctors = await ViewSources.ActiveDoctors(db, asOf)
            .Select(d => new DoctorPlace { DoctorId = d.DoctorId, MunicipalityId = d.MunicipalityId, IsNynedsat = d.IsNynedsat, IsCovered = d.IsCovered })
            .Distinct()
            .ToListAsync(cancellationToken);
        var groupPlaces = await GroupPlacesAsync(db, asOf, closedRegionIds, cancellationToken);
        var movingMunicipalities = municipalities.Where(m => m.Moves).Select(m => m.Id).ToHashSet();

        IReadOnlyList<ReformImpactRow> Rows(CoverageScope scope, IEnumerable<(int Id, string? Code, string Name)> scopes, Func<MunicipalityMove, int?> scopeOf)
        {
            // Each municipality's scope of this kind: its region on the structure day, or its health council.
            var scopeOfMunicipality = municipalities.Where(m => scopeOf(m) is not null).ToDictionary(m => m.Id, m => scopeOf(m)!.Value);
            var coverage = Figures(doctors, scopeOfMunicipality, asOf);
            var movingDoctors = Figures(doctors.Where(d => movingMunicipalities.Contains(d.MunicipalityId)), scopeOfMunicipality, asOf);
            var groups = ReachPerScope(groupPlaces, scopeOfMunicipality);
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
        var regionRows = Rows(CoverageScope.Region, newRegions, m => m.After);
        var healthCouncils = await db.HealthCouncils.AsNoTracking().OrderBy(h => EF.Functions.Collate(h.Name, DanishCollation.Name)).ThenBy(h => h.Id).Select(h => new { h.Id, h.Key, h.Name }).ToListAsync(cancellationToken);
        var councilRows = Rows(CoverageScope.HealthCouncil, healthCouncils.Select(h => (h.Id, (string?)h.Key, h.Name)), m => m.HealthCouncilId);
        return new ReformImpact(asOf, reform, after, regionRows, councilRows);
    }

    /// <summary>
    /// The municipalities each group active on <paramref name="day"/> reaches: where its current members work that day, and whether
    /// its KAP unit's region has closed by the structure day (the group moves to the successor): one statement.
    /// </summary>
    private static Task<List<GroupPlace>> GroupPlacesAsync(DgeDbContext db, DateOnly day, List<int> closedRegionIds, CancellationToken cancellationToken) =>
        (from m in ViewSources.CurrentMemberships(db, day)
         join e in db.ClinicEmployments.Where(Periods.ActiveOn<ClinicEmployment>(day)) on m.DoctorId equals e.DoctorId
         select new GroupPlace { GroupId = m.GroupId, MunicipalityId = e.Clinic!.MunicipalityId, Moving = closedRegionIds.Contains(m.Group!.KapUnit!.RegionId) })
        .Distinct()
        .ToListAsync(cancellationToken);

    /// <summary>Per scope, the groups reaching it and of those the moving ones; a group reaching a scope through two municipalities counts once.</summary>
    private static Dictionary<int, GroupReach> ReachPerScope(List<GroupPlace> places, Dictionary<int, int> scopeOf) =>
        places.Where(p => scopeOf.ContainsKey(p.MunicipalityId))
            .Select(p => (ScopeId: scopeOf[p.MunicipalityId], p.GroupId, p.Moving))
            .Distinct()
            .GroupBy(x => x.ScopeId)
            .ToDictionary(g => g.Key, g => new GroupReach(g.Key, g.Count(), g.Count(x => x.Moving)));

    /// <summary>Coverage per scope from the doctors' places; a doctor working in two municipalities of one scope counts once, as in <see cref="CoverageQuery.Counts"/>.</summary>
    private static Dictionary<int, CoverageFigures> Figures(IEnumerable<DoctorPlace> doctors, Dictionary<int, int> scopeOf, DateOnly asOf) =>
        doctors.Where(d => scopeOf.ContainsKey(d.MunicipalityId))
            .Select(d => (ScopeId: scopeOf[d.MunicipalityId], d.DoctorId, d.IsNynedsat, d.IsCovered))
            .Distinct()
            .GroupBy(x => x.ScopeId)
            .ToDictionary(
                g => g.Key,
                g => new CoverageFigures(asOf, g.Count(), g.Count(x => x.IsCovered), g.Count(x => x.IsNynedsat), g.Count(x => x.IsNynedsat && x.IsCovered)));

    /// <summary>An active doctor's municipality of work on the day, with the facts coverage counts.</summary>
    private sealed class DoctorPlace
    {
        public int DoctorId { get; init; }

        public int MunicipalityId { get; init; }

        public bool IsNynedsat { get; init; }

        public bool IsCovered { get; init; }
    }

    /// <summary>A municipality a group's current members work in.</summary>
    private sealed class GroupPlace
    {
        public int GroupId { get; init; }

        public int MunicipalityId { get; init; }

        public bool Moving { get; init; }
    }

    private sealed record GroupReach(int ScopeId, int Groups, int Moving);

    private sealed record MunicipalityMove(int Id, int HealthCouncilId, int? Before, int? After)
    {
        public bool Moves => Before != After;
    }
}

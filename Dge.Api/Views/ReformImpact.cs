using System.Runtime.InteropServices;
using Dge.Api.Data;
using Dge.Api.Data.Collation;
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
        var (doctors, groupPlaces) = await PlacesAsync(db, asOf, closedRegionIds, cancellationToken);
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
                    groups.GetValueOrDefault(s.Id).Groups,
                    groups.GetValueOrDefault(s.Id).Moving,
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
    /// The places on <paramref name="day"/> of the active doctors (<see cref="ViewSources.ActiveDoctors"/>: practising as GP,
    /// working in a clinic; covered when a member of a current group) and of the current groups (where their current members
    /// work, any doctor, and whether the group's KAP unit's region has closed by the structure day, so the group moves to the
    /// successor). Three statements, each read in one pass: where every doctor works, who practises as GP, and every current
    /// membership with its group's region; joined here by doctor. Joined in SQL, every row looked its doctor up in an index,
    /// and those reads grew faster than the data (docs/performance.md).
    /// </summary>
    private static async Task<(List<DoctorPlace> Doctors, HashSet<GroupPlace> Groups)> PlacesAsync(
        DgeDbContext db, DateOnly day, List<int> closedRegionIds, CancellationToken cancellationToken)
    {
        // The rows are kept as value tuples, read one by one (PostgreSQL's provider would read a tuple made in the query as a record).
        var workplaces = new List<(int DoctorId, int MunicipalityId)>();
        await foreach (var e in ViewSources.PlacedEmployments(db, day).Select(e => new { e.DoctorId, e.MunicipalityId }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            workplaces.Add((e.DoctorId, e.MunicipalityId));
        }

        var practising = await ViewSources.PractisingDoctors(db, day).ToDictionaryAsync(d => d.DoctorId, d => d.IsNynedsat, cancellationToken);
        var members = new List<(int GroupId, int DoctorId, int RegionId)>();
        await foreach (var m in ViewSources.CurrentMemberships(db, day).Select(m => new { m.GroupId, m.DoctorId, m.Group!.KapUnit!.RegionId }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            members.Add((m.GroupId, m.DoctorId, m.RegionId));
        }

        // Each active doctor's places, and where each doctor works without an object per doctor for the collector to trace
        // (most work in one clinic), in one pass over the workplaces.
        var covered = members.Select(m => m.DoctorId).ToHashSet();
        var doctors = new List<DoctorPlace>(workplaces.Count);
        var workplaceOf = new Dictionary<int, int>(workplaces.Count);
        var otherWorkplaces = new Dictionary<int, List<int>>();
        foreach (var (doctorId, municipalityId) in workplaces)
        {
            if (practising.TryGetValue(doctorId, out var isNynedsat))
            {
                doctors.Add(new DoctorPlace(doctorId, municipalityId, isNynedsat, covered.Contains(doctorId)));
            }

            if (!workplaceOf.TryAdd(doctorId, municipalityId))
            {
                (CollectionsMarshal.GetValueRefOrAddDefault(otherWorkplaces, doctorId, out _) ??= []).Add(municipalityId);
            }
        }

        var closed = closedRegionIds.ToHashSet();
        var groups = new HashSet<GroupPlace>();
        foreach (var (groupId, doctorId, regionId) in members)
        {
            if (!workplaceOf.TryGetValue(doctorId, out var municipalityId))
            {
                continue;
            }

            var moving = closed.Contains(regionId);
            groups.Add(new GroupPlace(groupId, municipalityId, moving));
            if (otherWorkplaces.TryGetValue(doctorId, out var others))
            {
                foreach (var other in others)
                {
                    groups.Add(new GroupPlace(groupId, other, moving));
                }
            }
        }

        return (doctors, groups);
    }

    /// <summary>Per scope, the groups reaching it and of those the moving ones; a group reaching a scope through two municipalities counts once.</summary>
    private static Dictionary<int, GroupReach> ReachPerScope(HashSet<GroupPlace> places, Dictionary<int, int> scopeOf)
    {
        // Whether a group moves is the group's own, so a group counts once per scope by (scope, group).
        var counted = new HashSet<(int ScopeId, int GroupId)>();
        var reach = new Dictionary<int, GroupReach>();
        foreach (var place in places)
        {
            if (scopeOf.TryGetValue(place.MunicipalityId, out var scopeId) && counted.Add((scopeId, place.GroupId)))
            {
                ref var r = ref CollectionsMarshal.GetValueRefOrAddDefault(reach, scopeId, out _);
                r = new GroupReach(r.Groups + 1, r.Moving + (place.Moving ? 1 : 0));
            }
        }

        return reach;
    }

    /// <summary>Coverage per scope from the doctors' places; a doctor working in two municipalities of one scope counts once, as in <see cref="CoverageQuery.Counts"/>.</summary>
    private static Dictionary<int, CoverageFigures> Figures(IEnumerable<DoctorPlace> doctors, Dictionary<int, int> scopeOf, DateOnly asOf)
    {
        // Being nynedsat and being covered are the doctor's own, so a doctor counts once per scope by (scope, doctor).
        var counted = new HashSet<(int ScopeId, int DoctorId)>();
        var tally = new Dictionary<int, Tally>();
        foreach (var doctor in doctors)
        {
            if (scopeOf.TryGetValue(doctor.MunicipalityId, out var scopeId) && counted.Add((scopeId, doctor.DoctorId)))
            {
                ref var t = ref CollectionsMarshal.GetValueRefOrAddDefault(tally, scopeId, out _);
                t = t.With(doctor);
            }
        }

        return tally.ToDictionary(t => t.Key, t => new CoverageFigures(asOf, t.Value.Active, t.Value.Covered, t.Value.Nynedsat, t.Value.NynedsatCovered));
    }

    /// <summary>The counts of one scope's coverage while they are made.</summary>
    private readonly record struct Tally(int Active, int Covered, int Nynedsat, int NynedsatCovered)
    {
        public Tally With(DoctorPlace doctor) => new(
            Active + 1,
            Covered + (doctor.IsCovered ? 1 : 0),
            Nynedsat + (doctor.IsNynedsat ? 1 : 0),
            NynedsatCovered + (doctor.IsNynedsat && doctor.IsCovered ? 1 : 0));
    }

    /// <summary>An active doctor's municipality of work on the day, with the facts coverage counts.</summary>
    private readonly record struct DoctorPlace(int DoctorId, int MunicipalityId, bool IsNynedsat, bool IsCovered);

    /// <summary>A municipality a group's current members work in.</summary>
    private readonly record struct GroupPlace(int GroupId, int MunicipalityId, bool Moving);

    private readonly record struct GroupReach(int Groups, int Moving);

    private sealed record MunicipalityMove(int Id, int HealthCouncilId, int? Before, int? After)
    {
        public bool Moves => Before != After;
    }
}

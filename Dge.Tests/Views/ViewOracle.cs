using Dge.Api.Clinics;
using Dge.Api.Clusters;
using Dge.Api.Coordinators;
using Dge.Api.Data;
using Dge.Api.Doctors;
using Dge.Api.Groups;
using Dge.Api.HealthCouncils;
using Dge.Api.KapUnits;
using Dge.Api.Materials;
using Dge.Api.Meetings;
using Dge.Api.Municipalities;
using Dge.Api.Regions;
using Dge.Api.Themes;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Views;

/// <summary>Figures the oracle computes for one scope.</summary>
public sealed record OracleCoverage(int Active, int Covered, int NynedsatActive, int NynedsatCovered);

/// <summary>
/// An independent oracle for the views: the tables loaded into memory and DOMAIN.md's definitions written out again in plain
/// LINQ-to-objects. It deliberately shares no code with Dge.Api.Views (not even the date rules), so a wrong rule there shows up here.
/// </summary>
public sealed class ViewOracle
{
    private ViewOracle()
    {
    }

    public required List<Region> Regions { get; init; }

    public required List<Municipality> Municipalities { get; init; }

    public required List<MunicipalityRegion> MunicipalityRegions { get; init; }

    public required List<HealthCouncil> HealthCouncils { get; init; }

    public required List<KapUnit> KapUnits { get; init; }

    public required List<QualityCluster> Clusters { get; init; }

    public required List<ClusterClinicMembership> ClusterMemberships { get; init; }

    public required List<ClusterPackageAdoption> Adoptions { get; init; }

    public required List<MaterialTheme> MaterialThemes { get; init; }

    public required List<Clinic> Clinics { get; init; }

    public required List<Doctor> Doctors { get; init; }

    public required List<ClinicEmployment> Employments { get; init; }

    public required List<DgeGroup> Groups { get; init; }

    public required List<GroupMembership> Memberships { get; init; }

    public required List<Meeting> Meetings { get; init; }

    public required List<MeetingTheme> MeetingThemes { get; init; }

    public required List<MeetingAttendance> Attendances { get; init; }

    public required List<Coordinator> Coordinators { get; init; }

    public required List<Theme> Themes { get; init; }

    public static async Task<ViewOracle> LoadAsync(DgeDbContext db) => new()
    {
        Regions = await db.Regions.AsNoTracking().ToListAsync(),
        Municipalities = await db.Municipalities.AsNoTracking().ToListAsync(),
        MunicipalityRegions = await db.MunicipalityRegions.AsNoTracking().ToListAsync(),
        HealthCouncils = await db.HealthCouncils.AsNoTracking().ToListAsync(),
        KapUnits = await db.KapUnits.AsNoTracking().ToListAsync(),
        Clusters = await db.QualityClusters.AsNoTracking().ToListAsync(),
        ClusterMemberships = await db.ClusterClinicMemberships.AsNoTracking().ToListAsync(),
        Adoptions = await db.ClusterPackageAdoptions.AsNoTracking().ToListAsync(),
        MaterialThemes = await db.MaterialThemes.AsNoTracking().ToListAsync(),
        Clinics = await db.Clinics.AsNoTracking().ToListAsync(),
        Doctors = await db.Doctors.AsNoTracking().ToListAsync(),
        Employments = await db.ClinicEmployments.AsNoTracking().ToListAsync(),
        Groups = await db.Groups.AsNoTracking().ToListAsync(),
        Memberships = await db.GroupMemberships.AsNoTracking().ToListAsync(),
        Meetings = await db.Meetings.AsNoTracking().ToListAsync(),
        MeetingThemes = await db.MeetingThemes.AsNoTracking().ToListAsync(),
        Attendances = await db.MeetingAttendances.AsNoTracking().ToListAsync(),
        Coordinators = await db.Coordinators.AsNoTracking().ToListAsync(),
        Themes = await db.Themes.AsNoTracking().ToListAsync(),
    };

    // "Active on D": from ≤ D and (to is null or to > D), written out again here.
    public static bool On(DateOnly from, DateOnly? to, DateOnly day) => from <= day && (to == null || day < to.Value);

    public bool GroupActive(DgeGroup group, DateOnly day) => On(group.From, group.To, day);

    public bool IsNynedsat(Doctor doctor, DateOnly day) =>
        doctor.EstablishedOn is { } established && established <= day && established > day.AddMonths(-24);

    // A GP on D by the dated career: settled on or before D and not retired by D, whatever the phase today.
    public static bool IsGp(Doctor doctor, DateOnly day) => doctor.EstablishedOn <= day && (doctor.RetiredOn == null || day < doctor.RetiredOn.Value);

    /// <summary>Active doctors on D with the clinics they work in that day.</summary>
    public IEnumerable<(Doctor Doctor, Clinic Clinic)> ActiveDoctors(DateOnly day)
    {
        var doctors = Doctors.Where(d => IsGp(d, day)).ToDictionary(d => d.Id);
        var clinics = Clinics.ToDictionary(c => c.Id);
        return Employments.Where(e => On(e.From, e.To, day) && doctors.ContainsKey(e.DoctorId)).Select(e => (doctors[e.DoctorId], clinics[e.ClinicId]));
    }

    /// <summary>Group ids a doctor is a current member of on D, counting only groups active on D.</summary>
    public HashSet<int> GroupsOf(int doctorId, DateOnly day)
    {
        var groups = Groups.ToDictionary(g => g.Id);
        return Memberships.Where(m => m.DoctorId == doctorId && On(m.From, m.To, day) && GroupActive(groups[m.GroupId], day)).Select(m => m.GroupId).ToHashSet();
    }

    public ILookup<int, int> CurrentMembers(DateOnly day)
    {
        var active = Groups.Where(g => GroupActive(g, day)).Select(g => g.Id).ToHashSet();
        return Memberships.Where(m => On(m.From, m.To, day) && active.Contains(m.GroupId)).Select(m => (m.GroupId, m.DoctorId)).Distinct().ToLookup(x => x.GroupId, x => x.DoctorId);
    }

    public HashSet<int> CoveredDoctorIds(DateOnly day) => CurrentMembers(day).SelectMany(g => g).ToHashSet();

    public int? RegionOf(int municipalityId, DateOnly day) => MunicipalityRegions.FirstOrDefault(p => p.MunicipalityId == municipalityId && On(p.From, p.To, day))?.RegionId;

    /// <summary>The scopes an active doctor's clinic is in on D, for a scope kind (names as in the API's enum).</summary>
    public IEnumerable<int> ScopesOf(string kind, Clinic clinic, DateOnly day, DateOnly? regionDay = null) => kind switch
    {
        "MUNICIPALITY" => [clinic.MunicipalityId],
        "HEALTH_COUNCIL" => [Municipalities.Single(m => m.Id == clinic.MunicipalityId).HealthCouncilId],
        "REGION" => RegionOf(clinic.MunicipalityId, regionDay ?? day) is { } region ? [region] : [],
        "KAP_UNIT" => KapUnits.Where(k => MunicipalityRegions.Any(p => p.MunicipalityId == clinic.MunicipalityId && p.RegionId == k.RegionId)).Select(k => k.Id),
        "CLUSTER" => ClusterMemberships.Where(c => c.ClinicId == clinic.Id && On(c.From, c.To, day)).Select(c => c.ClusterId),
        "NATIONAL" => [0],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public Dictionary<int, OracleCoverage> Coverage(string kind, DateOnly day, DateOnly? regionDay = null, Func<Clinic, bool>? clinicFilter = null)
    {
        var covered = CoveredDoctorIds(day);
        return ActiveDoctors(day)
            .Where(x => clinicFilter is null || clinicFilter(x.Clinic))
            .SelectMany(x => ScopesOf(kind, x.Clinic, day, regionDay).Select(scope => (Scope: scope, x.Doctor)))
            .DistinctBy(x => (x.Scope, x.Doctor.Id))
            .GroupBy(x => x.Scope)
            .ToDictionary(g => g.Key, g => new OracleCoverage(
                g.Count(),
                g.Count(x => covered.Contains(x.Doctor.Id)),
                g.Count(x => IsNynedsat(x.Doctor, day)),
                g.Count(x => IsNynedsat(x.Doctor, day) && covered.Contains(x.Doctor.Id))));
    }

    /// <summary>The doctors of each cluster on D.</summary>
    public Dictionary<int, HashSet<int>> ClusterDoctors(DateOnly day)
    {
        var result = Clusters.ToDictionary(c => c.Id, _ => new HashSet<int>());
        foreach (var (doctor, clinic) in ActiveDoctors(day))
        {
            foreach (var cluster in ScopesOf("CLUSTER", clinic, day))
            {
                result[cluster].Add(doctor.Id);
            }
        }

        return result;
    }

    public sealed record OracleGroupOverlap(int GroupId, int Overlap, int Members)
    {
        public bool Aligned => Overlap * 2 >= Members;
    }

    public sealed record OracleAlignment(
        int ClusterId, int Doctors, int Covered, int AlignedCovered, List<OracleGroupOverlap> Groups, List<string> PackageThemes, List<string> CoveredThemes, List<(int DoctorId, bool Nynedsat)> Uncovered);

    public Dictionary<int, OracleAlignment> Alignment(DateOnly day)
    {
        var clusterDoctors = ClusterDoctors(day);
        var members = CurrentMembers(day);
        var covered = CoveredDoctorIds(day);
        var doctors = Doctors.ToDictionary(d => d.Id);
        var themes = Themes.ToDictionary(t => t.Id);
        var themesOfMeeting = MeetingThemes.ToLookup(t => t.MeetingId, t => t.ThemeId);
        var result = new Dictionary<int, OracleAlignment>();
        foreach (var cluster in Clusters)
        {
            var own = clusterDoctors[cluster.Id];
            var overlaps = members
                .Select(g => new OracleGroupOverlap(g.Key, g.Count(own.Contains), g.Count()))
                .Where(o => o.Overlap > 0)
                .ToList();
            var aligned = overlaps.Where(o => o.Aligned).Select(o => o.GroupId).ToHashSet();
            var alignedCovered = own.Count(d => members.Any(g => aligned.Contains(g.Key) && g.Contains(d)));
            var packageThemeIds = Adoptions.Where(a => a.ClusterId == cluster.Id && On(a.From, a.To, day))
                .SelectMany(a => MaterialThemes.Where(t => t.MaterialId == a.MaterialId).Select(t => t.ThemeId)).ToHashSet();
            var recentThemes = Meetings.Where(m => aligned.Contains(m.GroupId) && m.Date <= day && m.Date > day.AddMonths(-12))
                .SelectMany(m => themesOfMeeting[m.Id]).ToHashSet();
            result[cluster.Id] = new OracleAlignment(
                cluster.Id,
                own.Count,
                own.Count(covered.Contains),
                alignedCovered,
                overlaps,
                packageThemeIds.Select(id => themes[id].Code).Order(StringComparer.Ordinal).ToList(),
                packageThemeIds.Where(recentThemes.Contains).Select(id => themes[id].Code).Order(StringComparer.Ordinal).ToList(),
                own.Where(d => !covered.Contains(d)).Select(d => (d, IsNynedsat(doctors[d], day))).OrderBy(x => x.d).ToList());
        }

        return result;
    }

    public sealed record OracleSuggestion(int GroupId, List<string> Reasons, int Members, int ClusterMembers, int MunicipalityMembers);

    /// <summary>DOMAIN.md's group suggestions, with the API's documented choices (KAP units serving the clinic, no KGE, tie-breaks).</summary>
    public List<OracleSuggestion> Suggestions(int doctorId, DateOnly day, int first)
    {
        var doctor = Doctors.Single(d => d.Id == doctorId);
        var clinics = Employments.Where(e => e.DoctorId == doctorId && On(e.From, e.To, day)).Select(e => Clinics.Single(c => c.Id == e.ClinicId)).ToList();
        var clusters = clinics.SelectMany(c => ScopesOf("CLUSTER", c, day)).ToHashSet();
        var municipalities = clinics.Select(c => c.MunicipalityId).ToHashSet();
        var units = clinics.SelectMany(c => ScopesOf("KAP_UNIT", c, day)).ToHashSet();
        var young = doctor.Phase == DoctorPhase.Trainee || (IsGp(doctor, day) && IsNynedsat(doctor, day));
        var members = CurrentMembers(day);
        var own = GroupsOf(doctorId, day);
        var clinicsById = Clinics.ToDictionary(c => c.Id);
        var placeOf = Employments.Where(e => On(e.From, e.To, day)).ToLookup(e => e.DoctorId, e => clinicsById[e.ClinicId]);
        var clustersOfClinic = ClusterMemberships.Where(c => On(c.From, c.To, day)).ToLookup(c => c.ClinicId, c => c.ClusterId);
        return Groups
            .Where(g => GroupActive(g, day) && g.Kind != GroupKind.Kge && units.Contains(g.KapUnitId) && !own.Contains(g.Id) && members[g.Id].Count() < 12)
            .Select(g =>
            {
                var clusterMembers = members[g.Id].Count(m => placeOf[m].Any(c => clustersOfClinic[c.Id].Any(clusters.Contains)));
                var municipalityMembers = members[g.Id].Count(m => placeOf[m].Any(c => municipalities.Contains(c.MunicipalityId)));
                var fit = young ? g.Kind is GroupKind.NewGp or GroupKind.Junior : g.Kind is GroupKind.Dge or GroupKind.Topic or GroupKind.Supervision;
                return (Group: g, members: members[g.Id].Count(), clusterMembers, municipalityMembers, fit);
            })
            .OrderByDescending(x => x.clusterMembers > 0).ThenByDescending(x => x.municipalityMembers > 0).ThenByDescending(x => x.fit)
            .ThenByDescending(x => x.clusterMembers).ThenBy(x => x.Group.Id)
            .Take(first)
            .Select(x => new OracleSuggestion(
                x.Group.Id,
                new[] { (x.clusterMembers > 0, "SHARED_CLUSTER"), (x.municipalityMembers > 0, "SAME_MUNICIPALITY"), (x.fit, "KIND_FIT") }.Where(r => r.Item1).Select(r => r.Item2).ToList(),
                x.members,
                x.clusterMembers,
                x.municipalityMembers))
            .ToList();
    }

    public sealed record OracleAdvisor(int AdvisorId, int Groups, int Members, int Memberships);

    public List<OracleAdvisor> AdvisorWorkload(DateOnly day)
    {
        var active = Groups.Where(g => GroupActive(g, day)).ToList();
        var memberships = Memberships.Where(m => On(m.From, m.To, day)).ToList();
        return Coordinators.Where(c => c.Role == CoordinatorRole.Advisor && On(c.From, c.To, day))
            .Select(c =>
            {
                var advised = active.Where(g => g.AdvisorId == c.Id).Select(g => g.Id).ToHashSet();
                var current = memberships.Where(m => advised.Contains(m.GroupId)).ToList();
                return new OracleAdvisor(c.Id, advised.Count, current.Select(m => m.DoctorId).Distinct().Count(), current.Count);
            })
            .ToList();
    }

    public sealed record OracleAnnual(
        Dictionary<GroupKind, (int Active, int Founded, int Dissolved)> Kinds, int Meetings, double Hours, int Attendances, List<(string Code, int Meetings)> TopThemes,
        OracleCoverage Coverage, int QualifyingMeetings, int QualifyingAttendances);

    /// <summary>The annual report of a set of groups; the coverage is passed in, as it depends on the scope kind.</summary>
    public OracleAnnual Annual(Func<DgeGroup, bool> inScope, int year, OracleCoverage coverage, double minimumHours)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var groups = Groups.Where(inScope).ToList();
        var kinds = Enum.GetValues<GroupKind>().ToDictionary(k => k, k => (
            groups.Count(g => g.Kind == k && g.From <= last && (g.To == null || g.To.Value > first)),
            groups.Count(g => g.Kind == k && g.From.Year == year),
            groups.Count(g => g.Kind == k && g.To?.Year == year)));
        var ids = groups.Select(g => g.Id).ToHashSet();
        var meetings = Meetings.Where(m => ids.Contains(m.GroupId) && m.Date.Year == year).ToList();
        var meetingIds = meetings.Select(m => m.Id).ToHashSet();
        var attendees = Attendances.Where(a => meetingIds.Contains(a.MeetingId)).ToLookup(a => a.MeetingId);
        var themes = Themes.ToDictionary(t => t.Id);
        var top = MeetingThemes.Where(t => meetingIds.Contains(t.MeetingId)).GroupBy(t => t.ThemeId)
            .Select(g => (Code: themes[g.Key].Code, Meetings: g.Count()))
            .OrderByDescending(t => t.Meetings).ThenBy(t => t.Code, StringComparer.Ordinal).Take(10).ToList();
        var qualifying = meetings.Where(m => m.DurationHours >= minimumHours).ToList();
        return new OracleAnnual(kinds, meetings.Count, meetings.Sum(m => m.DurationHours), meetings.Sum(m => attendees[m.Id].Count()), top, coverage,
            qualifying.Count, qualifying.Sum(m => attendees[m.Id].Count()));
    }
}

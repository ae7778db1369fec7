using System.ComponentModel;
using Dge.Api.Data;
using Dge.Api.Doctors;
using Dge.Api.Groups;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Views;

[Description("Why a group is suggested to a doctor (begrundelse); suggestions are ranked by these, in this order.")]
public enum SuggestionReason
{
    [Description("The group has current members from the doctor's quality cluster (fælles klynge).")]
    SharedCluster,

    [Description("The group has current members working in the doctor's municipality (samme kommune).")]
    SameMunicipality,

    [Description("The group's kind fits the doctor: NEW_GP or JUNIOR for nynedsatte and trainees, DGE, TOPIC or SUPERVISION for other GPs.")]
    KindFit,
}

/// <summary>An open group suggested to a doctor, with its rank (1 = best) and the reasons.</summary>
public sealed record GroupSuggestion(DgeGroup Group, int Rank, IReadOnlyList<SuggestionReason> Reasons, int Members, int ClusterMembers, int MunicipalityMembers)
{
    public int FreePlaces => Math.Max(0, ViewRules.OpenGroupBelow - Members);
}

/// <summary>
/// Group suggestions (DOMAIN.md): open groups (active, fewer than 12 current members) of the KAP units serving the doctor's clinic,
/// ranked by shared cluster, then municipality, then kind fit. Four statements for any number of doctors; the ranking of the
/// aggregated candidates happens in memory.
/// </summary>
public static class GroupSuggestionQuery
{
    private static readonly GroupKind[] YoungKinds = [GroupKind.NewGp, GroupKind.Junior];
    private static readonly GroupKind[] EstablishedKinds = [GroupKind.Dge, GroupKind.Topic, GroupKind.Supervision];

    public static async Task<IReadOnlyDictionary<int, IReadOnlyList<GroupSuggestion>>> ForDoctorsAsync(
        DgeDbContext db, DateOnly day, IReadOnlyCollection<int> doctorIds, int first, CancellationToken cancellationToken)
    {
        var ids = doctorIds.ToList();
        var employments = ViewSources.PlacedEmployments(db, day);
        var places = await (
                from e in employments
                where ids.Contains(e.DoctorId)
                join d in db.Doctors on e.DoctorId equals d.Id
                join p in db.MunicipalityRegions on e.MunicipalityId equals p.MunicipalityId
                join k in db.KapUnits on p.RegionId equals k.RegionId
                select new DoctorPlace
                {
                    DoctorId = e.DoctorId,
                    Phase = d.Phase,
                    EstablishedOn = d.EstablishedOn,
                    RetiredOn = d.RetiredOn,
                    MunicipalityId = e.MunicipalityId,
                    ClusterId = e.ClusterId,
                    KapUnitId = k.Id,
                })
            .Distinct()
            .ToListAsync(cancellationToken);
        var current = ViewSources.CurrentMemberships(db, day);
        var memberOf = (await current.Where(m => ids.Contains(m.DoctorId)).Select(m => new { m.DoctorId, m.GroupId }).Distinct().ToListAsync(cancellationToken))
            .ToLookup(m => m.DoctorId, m => m.GroupId);

        var kapUnitIds = places.Select(p => p.KapUnitId).Distinct().ToList();
        var candidates = await (
                from g in db.Groups.AsNoTracking().Where(Periods.ActiveOn<DgeGroup>(day))
                where kapUnitIds.Contains(g.KapUnitId) && g.Kind != GroupKind.Kge
                let members = current.Where(m => m.GroupId == g.Id).Select(m => m.DoctorId).Distinct().Count()
                where members < ViewRules.OpenGroupBelow
                select new { Group = g, Members = members })
            .ToListAsync(cancellationToken);
        var candidateIds = candidates.Select(c => c.Group.Id).ToList();
        var memberPlaces = await (
                from m in current.Where(m => candidateIds.Contains(m.GroupId))
                join e in employments on m.DoctorId equals e.DoctorId
                select new { m.GroupId, m.DoctorId, e.MunicipalityId, e.ClusterId })
            .Distinct()
            .ToListAsync(cancellationToken);

        // Each candidate's members by cluster and by municipality, each member once: a doctor's ranking then looks its
        // clusters and municipalities up instead of scanning every candidate's members (doctors and candidates both grow
        // with the data, so the scan grew with its square).
        var membersByCluster = memberPlaces.Where(p => p.ClusterId is not null)
            .GroupBy(p => (p.GroupId, Place: p.ClusterId!.Value))
            .ToDictionary(g => g.Key, g => g.Select(p => p.DoctorId).Distinct().ToArray());
        var membersByMunicipality = memberPlaces
            .GroupBy(p => (p.GroupId, Place: p.MunicipalityId))
            .ToDictionary(g => g.Key, g => g.Select(p => p.DoctorId).Distinct().ToArray());
        var candidatesByKapUnit = candidates.ToLookup(c => c.Group.KapUnitId);

        var result = new Dictionary<int, IReadOnlyList<GroupSuggestion>>();
        foreach (var doctorPlaces in places.GroupBy(p => p.DoctorId))
        {
            var doctor = doctorPlaces.First();
            var young = doctor.Phase == DoctorPhase.Trainee || (Careers.IsPractisingOn(doctor.EstablishedOn, doctor.RetiredOn, day) && Nynedsat.On(doctor.EstablishedOn, day));
            var clusters = doctorPlaces.Select(p => p.ClusterId).OfType<int>().ToHashSet();
            var municipalities = doctorPlaces.Select(p => p.MunicipalityId).ToHashSet();
            var kapUnits = doctorPlaces.Select(p => p.KapUnitId).ToHashSet();
            var excluded = memberOf[doctor.DoctorId].ToHashSet();
            result[doctor.DoctorId] = kapUnits
                .SelectMany(k => candidatesByKapUnit[k])
                .Where(c => !excluded.Contains(c.Group.Id))
                .Select(c =>
                {
                    var clusterMembers = MembersIn(membersByCluster, c.Group.Id, clusters);
                    var municipalityMembers = MembersIn(membersByMunicipality, c.Group.Id, municipalities);
                    var kindFit = (young ? YoungKinds : EstablishedKinds).Contains(c.Group.Kind);
                    return (c.Group, c.Members, clusterMembers, municipalityMembers, kindFit);
                })
                .OrderByDescending(c => c.clusterMembers > 0)
                .ThenByDescending(c => c.municipalityMembers > 0)
                .ThenByDescending(c => c.kindFit)
                .ThenByDescending(c => c.clusterMembers)
                .ThenBy(c => c.Group.Id)
                .Take(first)
                .Select((c, i) => new GroupSuggestion(c.Group, i + 1, Reasons(c.clusterMembers > 0, c.municipalityMembers > 0, c.kindFit), c.Members, c.clusterMembers, c.municipalityMembers))
                .ToList();
        }

        return result;
    }

    /// <summary>How many of the group's members work in any of the places (clusters or municipalities), each member once.</summary>
    private static int MembersIn(Dictionary<(int GroupId, int Place), int[]> membersByPlace, int groupId, HashSet<int> places) =>
        places.Count == 1
            ? membersByPlace.GetValueOrDefault((groupId, places.First()))?.Length ?? 0
            : places.SelectMany(place => membersByPlace.GetValueOrDefault((groupId, place)) ?? []).Distinct().Count();

    private static List<SuggestionReason> Reasons(bool sharedCluster, bool sameMunicipality, bool kindFit)
    {
        var reasons = new List<SuggestionReason>();
        if (sharedCluster)
        {
            reasons.Add(SuggestionReason.SharedCluster);
        }

        if (sameMunicipality)
        {
            reasons.Add(SuggestionReason.SameMunicipality);
        }

        if (kindFit)
        {
            reasons.Add(SuggestionReason.KindFit);
        }

        return reasons;
    }

    private sealed class DoctorPlace
    {
        public int DoctorId { get; init; }

        public DoctorPhase Phase { get; init; }

        public DateOnly? EstablishedOn { get; init; }

        public DateOnly? RetiredOn { get; init; }

        public int MunicipalityId { get; init; }

        public int? ClusterId { get; init; }

        public int KapUnitId { get; init; }
    }
}

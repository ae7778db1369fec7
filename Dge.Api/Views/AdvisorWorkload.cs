using Dge.Api.Coordinators;
using Dge.Api.Data;
using Dge.Api.Data.Collation;
using Dge.Api.Groups;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Views;

/// <summary>One advisor's load on a day: active groups advised and their current members.</summary>
public sealed record AdvisorWorkload(Coordinator Advisor, int ActiveGroups, int CurrentMembers, int Memberships, int Threshold, DateOnly AsOf)
{
    public bool OverThreshold => ActiveGroups > Threshold;
}

/// <summary>The advisor workload view: every advisor active on the day.</summary>
public sealed record AdvisorWorkloadReport(DateOnly AsOf, int Threshold, IReadOnlyList<AdvisorWorkload> Advisors)
{
    public int AdvisorsOverThreshold => Advisors.Count(a => a.OverThreshold);
}

/// <summary>The advisor workload view in SQL: one statement for all advisors, one for the groups of any number of advisors.</summary>
public static class AdvisorWorkloadQuery
{
    public static async Task<AdvisorWorkloadReport> ReportAsync(DgeDbContext db, DateOnly day, int threshold, CancellationToken cancellationToken)
    {
        var groups = db.Groups.Where(Periods.ActiveOn<DgeGroup>(day));
        var activeMemberships = db.GroupMemberships.Where(Periods.ActiveOn<GroupMembership>(day));

        // An advisor's current memberships (ViewSources.CurrentMemberships of the advisor's groups) are stated from the advisor's
        // active groups, so that Groups is joined once: from the memberships' side PostgreSQL scanned every group per advisor.
        var rows = await db.Coordinators.AsNoTracking()
            .Where(Periods.ActiveOn<Coordinator>(day))
            .Where(c => c.Role == CoordinatorRole.Advisor)
            .Select(c => new
            {
                Advisor = c,
                Groups = groups.Count(g => g.AdvisorId == c.Id),
                Members = (from g in groups
                           where g.AdvisorId == c.Id
                           join m in activeMemberships on g.Id equals m.GroupId
                           select m.DoctorId).Distinct().Count(),
                Memberships = (from g in groups
                               where g.AdvisorId == c.Id
                               join m in activeMemberships on g.Id equals m.GroupId
                               select m).Count(),
            })
            .ToListAsync(cancellationToken);
        var advisors = rows
            .Select(r => new AdvisorWorkload(r.Advisor, r.Groups, r.Members, r.Memberships, threshold, day))
            .OrderByDescending(a => a.ActiveGroups).ThenBy(a => a.Advisor.Name, DanishCollation.Comparer).ThenBy(a => a.Advisor.Id)
            .ToList();
        return new AdvisorWorkloadReport(day, threshold, advisors);
    }

    /// <summary>The active groups of each advisor, by name.</summary>
    public static async Task<IReadOnlyDictionary<int, IReadOnlyList<DgeGroup>>> GroupsAsync(
        DgeDbContext db, DateOnly day, IReadOnlyCollection<int> advisorIds, CancellationToken cancellationToken)
    {
        var ids = advisorIds.Select(id => (int?)id).ToList();
        var groups = await db.Groups.AsNoTracking().Where(Periods.ActiveOn<DgeGroup>(day)).Where(g => ids.Contains(g.AdvisorId)).ToListAsync(cancellationToken);
        return advisorIds.Distinct().ToDictionary(
            id => id,
            id => (IReadOnlyList<DgeGroup>)groups.Where(g => g.AdvisorId == id).OrderBy(g => g.Name, DanishCollation.Comparer).ThenBy(g => g.Id).ToList());
    }
}

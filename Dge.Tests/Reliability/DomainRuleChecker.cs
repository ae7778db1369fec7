using System.Globalization;
using Dge.Api.Coordinators;
using Dge.Api.Data;
using Dge.Api.Doctors;
using Dge.Api.Groups;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Reliability;

/// <summary>
/// The rules of DOMAIN.md, checked over the slice's rows straight from the database, independently of the write path
/// that should keep them. Each violation is a stable text naming its rows, so the property can tell the violations a
/// sequence introduced from any it met.
/// </summary>
public static class DomainRuleChecker
{
    private static readonly DateOnly Earliest = new(1900, 1, 1);
    private static readonly DateOnly Latest = new(2999, 12, 31);

    /// <summary>The 98 official municipality codes, from the reference data the seed reads.</summary>
    public static readonly IReadOnlySet<string> OfficialMunicipalityCodes = File.ReadLines(Path.Combine(RepositoryPaths.Root, "Dge.Api", "Data", "Reference", "municipalities.csv"))
        .Skip(1).Select(line => line.Split(',')[0].Trim()).Where(code => code.Length > 0).ToHashSet(StringComparer.Ordinal);

    public static async Task<SortedSet<string>> ViolationsAsync(DgeDbContext db, SliceWorld world, DateOnly today)
    {
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        var groups = await db.Groups.AsNoTracking().Where(g => world.GroupKeys.Contains(g.Id)).ToListAsync();
        var groupKeys = groups.Select(g => g.Id).ToList();
        var memberships = await db.GroupMemberships.AsNoTracking().Where(m => groupKeys.Contains(m.GroupId)).ToListAsync();
        var meetings = await db.Meetings.AsNoTracking().Where(m => groupKeys.Contains(m.GroupId)).Include(m => m.Attendances).ToListAsync();
        var advisorKeys = groups.Select(g => g.AdvisorId).OfType<int>().Distinct().ToList();
        var advisors = await db.Coordinators.AsNoTracking().Where(c => advisorKeys.Contains(c.Id)).ToDictionaryAsync(c => c.Id);

        foreach (var group in groups)
        {
            var name = $"group {group.Id}";
            Require(violations, group.To is null || group.To >= group.From, $"GROUP_PERIOD_ORDER {name}");
            Require(violations, InRange(group.From) && (group.To is null || InRange(group.To.Value)), $"DATE_RANGE {name}");
            if (group.AdvisorId is { } advisorId)
            {
                var advisor = advisors[advisorId];
                Require(violations, advisor.Role == CoordinatorRole.Advisor && advisor.RegionId == world.KapUnitRegions[group.KapUnitId], $"ADVISOR_RULE {name} advisor {advisorId}");
            }

            var own = memberships.Where(m => m.GroupId == group.Id).ToList();
            foreach (var membership in own)
            {
                var what = $"{name} membership {membership.Id}";
                Require(violations, membership.To is null || membership.To >= membership.From, $"MEMBERSHIP_PERIOD_ORDER {what}");
                Require(violations, InRange(membership.From) && (membership.To is null || InRange(membership.To.Value)), $"DATE_RANGE {what}");
                Require(violations, membership.From >= group.From && (group.To is null || (membership.To is { } to && to <= group.To)), $"MEMBERSHIP_OUTSIDE_GROUP {what}");
            }

            foreach (var (a, b) in Pairs(own))
            {
                if (a.DoctorId == b.DoctorId && Overlap(a, b))
                {
                    violations.Add($"OVERLAPPING_MEMBERSHIPS {name} doctor {a.DoctorId} memberships {a.Id}/{b.Id}");
                }

                if (a.Role == MembershipRole.Leader && b.Role == MembershipRole.Leader && Overlap(a, b))
                {
                    violations.Add($"TWO_LEADERS {name} memberships {a.Id}/{b.Id}");
                }
            }

            // A leader is handed over, never dropped: a running group that has had a leader has one today among its current members.
            var current = own.Where(m => IsActive(m, today)).ToList();
            if (group.To is null && current.Count > 0 && own.Any(m => m.Role == MembershipRole.Leader && m.From <= today))
            {
                Require(violations, current.Count(m => m.Role == MembershipRole.Leader) == 1, $"LEADER_MISSING {name} on {today:yyyy-MM-dd}");
            }

            foreach (var meeting in meetings.Where(m => m.GroupId == group.Id))
            {
                var what = $"{name} meeting {meeting.Id}";
                Require(violations, meeting.DurationHours is >= 0.5 and <= 12, $"MEETING_DURATION {what}");
                Require(violations, meeting.Date >= group.From && (group.To is null || meeting.Date < group.To), $"MEETING_OUTSIDE_GROUP {what}");
                foreach (var attendance in meeting.Attendances)
                {
                    Require(violations, own.Any(m => m.DoctorId == attendance.DoctorId && IsActive(m, meeting.Date)), $"ATTENDEE_NOT_MEMBER {what} doctor {attendance.DoctorId}");
                }

                Require(violations, meeting.Attendances.Select(a => a.DoctorId).Distinct().Count() == meeting.Attendances.Count, $"ATTENDEE_TWICE {what}");
            }
        }

        await DoctorsAsync(db, world, today, violations);
        await ClinicsAsync(db, world, today, violations);
        return violations;
    }

    private static async Task DoctorsAsync(DgeDbContext db, SliceWorld world, DateOnly today, SortedSet<string> violations)
    {
        var doctors = await db.Doctors.AsNoTracking().Where(d => world.DoctorKeys.Contains(d.Id)).ToListAsync();
        var memberships = await db.GroupMemberships.AsNoTracking().Where(m => world.DoctorKeys.Contains(m.DoctorId)).ToListAsync();
        foreach (var doctor in doctors)
        {
            var name = $"doctor {doctor.Id}";
            var career = doctor.Phase switch
            {
                DoctorPhase.Trainee => doctor.EstablishedOn is null && doctor.RetiredOn is null,
                // A GP may have a retirement day ahead (retiredOn is "GP until", DOMAIN.md); once it has come, the phase is RETIRED.
                DoctorPhase.Gp => doctor.EstablishedOn is { } settled && (doctor.RetiredOn is null || (doctor.RetiredOn > today && doctor.RetiredOn >= settled)),
                _ => doctor.EstablishedOn is { } established && doctor.RetiredOn is { } retired && retired >= established,
            };
            Require(violations, career, $"CAREER {name}");
            if (doctor.RetiredOn is { } retiredOn)
            {
                Require(violations, memberships.Where(m => m.DoctorId == doctor.Id).All(m => m.To is { } to && to <= retiredOn), $"MEMBER_AFTER_RETIREMENT {name}");
            }
        }
    }

    private static async Task ClinicsAsync(DgeDbContext db, SliceWorld world, DateOnly today, SortedSet<string> violations)
    {
        var clinics = await db.Clinics.AsNoTracking().Where(c => world.ClinicKeys.Contains(c.Id)).ToListAsync();
        var municipalities = world.MunicipalityCodes;
        var regions = world.MunicipalityRegions;
        var clusters = await db.QualityClusters.AsNoTracking().Where(c => world.ClusterKeys.Contains(c.Id) || c.ClinicMemberships.Any(m => world.ClinicKeys.Contains(m.ClinicId))).ToDictionaryAsync(c => c.Id);
        var clusterMemberships = await db.ClusterClinicMemberships.AsNoTracking().Where(m => world.ClinicKeys.Contains(m.ClinicId)).ToListAsync();
        var duplicates = await db.Clinics.AsNoTracking().GroupBy(c => c.Ydernummer).Where(g => g.Count() > 1).Select(g => g.Key).ToListAsync();
        foreach (var ydernummer in duplicates)
        {
            violations.Add($"YDERNUMMER_NOT_UNIQUE {ydernummer}");
        }

        foreach (var clinic in clinics)
        {
            var name = $"clinic {clinic.Id}";
            Require(violations, clinic.Ydernummer.Length == 6 && clinic.Ydernummer.All(char.IsAsciiDigit), $"YDERNUMMER_FORMAT {name}");
            Require(violations, OfficialMunicipalityCodes.Contains(municipalities[clinic.MunicipalityId]), $"MUNICIPALITY_CODE {name}");
            foreach (var membership in clusterMemberships.Where(m => m.ClinicId == clinic.Id))
            {
                Require(violations, membership.To is null || membership.To >= membership.From, $"CLUSTER_MEMBERSHIP_PERIOD_ORDER {name} membership {membership.Id}");
            }

            foreach (var (a, b) in Pairs(clusterMemberships.Where(m => m.ClinicId == clinic.Id).ToList()))
            {
                Require(violations, !Overlap(a, b), $"CLINIC_IN_TWO_CLUSTERS {name} memberships {a.Id}/{b.Id}");
            }

            // The clinic's municipality is not dated, so its region is checked for the membership running today.
            if (clusterMemberships.FirstOrDefault(m => m.ClinicId == clinic.Id && IsActive(m, today)) is { } running)
            {
                var region = regions.Single(r => r.MunicipalityId == clinic.MunicipalityId && IsActive(r, today)).RegionId;
                Require(violations, clusters[running.ClusterId].RegionId == region, $"CLUSTER_OTHER_REGION {name} cluster {running.ClusterId}");
            }
        }

        foreach (var cluster in clusters.Values.Where(c => world.ClusterKeys.Contains(c.Id)))
        {
            Require(violations, OfficialMunicipalityCodes.Contains(municipalities[cluster.MunicipalityId]), $"MUNICIPALITY_CODE cluster {cluster.Id}");
        }
    }

    private static void Require(SortedSet<string> violations, bool holds, string violation)
    {
        if (!holds)
        {
            violations.Add(violation);
        }
    }

    private static bool InRange(DateOnly day) => day >= Earliest && day <= Latest;

    private static bool IsActive(IPeriod period, DateOnly day) => period.From <= day && (period.To is null || period.To > day);

    /// <summary>Half-open periods share a day; an empty period [d, d) shares one with a period running on d, as the write path counts it.</summary>
    private static bool Overlap(IPeriod a, IPeriod b) =>
        (b.To is null || a.From < b.To) && (a.To is null || b.From < a.To);

    private static IEnumerable<(T A, T B)> Pairs<T>(List<T> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            for (var j = i + 1; j < items.Count; j++)
            {
                yield return (items[i], items[j]);
            }
        }
    }

    public static string Describe(IEnumerable<string> violations) => string.Join("; ", violations.Take(10).Select(v => v.ToString(CultureInfo.InvariantCulture)));
}

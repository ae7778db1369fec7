using Bogus;
using Dge.Api.Coordinators;

namespace Dge.Api.Data.Seed;

/// <summary>
/// The people who run DGE: the national coordinator, a regional coordinator per region, advisors, KAP secretariat
/// staff, training coordinators, and a GP coordinator per cluster. Most are GPs and then linked to their doctor row.
/// </summary>
internal static class CoordinatorGenerator
{
    // Staff per region at scale 1. Advisors and training coordinators grow with the square root of the scale: more
    // groups need more advisors, but not proportionally more (some advisors are meant to be heavily loaded).
    private static readonly Dictionary<string, (int Advisors, int Secretaries, int TrainingCoordinators)> Staffing = new(StringComparer.Ordinal)
    {
        ["1084"] = (6, 2, 2),
        ["1085"] = (4, 1, 1),
        ["1083"] = (5, 1, 1),
        ["1082"] = (5, 1, 1),
        ["1081"] = (4, 1, 1),
    };

    private static readonly DateOnly EarliestAppointment = new(2010, 1, 1);

    public static void Generate(SeedRows rows, IReadOnlyList<RegionSeed> regions, int scale, ContactBook contacts, Randomizer random)
    {
        var growth = Math.Max(1, (int)Math.Round(Math.Sqrt(scale)));
        var people = new People(rows, contacts, random);
        var latestAppointment = SeedCalendar.Anchor.AddMonths(-6);

        // PLO-E sits in Copenhagen: the national coordinator is a GP from the first region, Hovedstaden.
        var nationalPool = regions[0].Clusters.SelectMany(c => c.ActiveGps).ToList();
        people.Add(CoordinatorRole.NationalCoordinator, 6, random.Date(new DateOnly(2017, 1, 1), new DateOnly(2021, 1, 1)), nationalPool, gpShare: 1, "plo-e.dk");

        foreach (var region in regions)
        {
            var staffing = Staffing[region.Region.Code!];
            var gps = region.Clusters.SelectMany(c => c.ActiveGps).ToList();
            var domain = $"{region.KapUnit.Code.ToLowerInvariant()}.dk";

            // Syddanmark changed regional coordinator a few years ago: one ended role for the history views.
            var regionalFrom = random.Date(EarliestAppointment, latestAppointment);
            if (region.Region.Code == "1083")
            {
                var handover = random.Date(SeedCalendar.Anchor.AddYears(-4), SeedCalendar.Anchor.AddYears(-1));
                var predecessor = people.Add(CoordinatorRole.RegionalCoordinator, random.Steps(8, 15, 0.5), random.Date(new DateOnly(2008, 1, 1), handover.AddYears(-3)), gps, gpShare: 1, domain);
                predecessor.RegionId = region.Region.Id;
                predecessor.To = handover;
                regionalFrom = handover;
            }

            people.Add(CoordinatorRole.RegionalCoordinator, random.Steps(8, 15, 0.5), regionalFrom, gps, gpShare: 1, domain).RegionId = region.Region.Id;

            for (var i = 0; i < staffing.Advisors * growth; i++)
            {
                var advisor = people.Add(CoordinatorRole.Advisor, random.Steps(3, 8, 0.5), random.Date(EarliestAppointment, latestAppointment), gps, gpShare: 0.6, domain);
                advisor.RegionId = region.Region.Id;
                region.Advisors.Add(advisor);
            }

            // One Hovedstaden advisor stepped down: groups get only current advisors, the role stays in the history.
            if (region.Region.Code == "1084")
            {
                var former = people.Add(CoordinatorRole.Advisor, 5, random.Date(EarliestAppointment, new DateOnly(2015, 1, 1)), gps, gpShare: 0, domain);
                former.RegionId = region.Region.Id;
                former.To = random.Date(SeedCalendar.Anchor.AddYears(-3), SeedCalendar.Anchor.AddMonths(-6));
            }

            for (var i = 0; i < staffing.Secretaries; i++)
            {
                people.Add(CoordinatorRole.Secretariat, random.Steps(10, 30, 0.5), random.Date(EarliestAppointment, latestAppointment), gps, gpShare: 0, domain)
                    .KapUnitId = region.KapUnit.Id;
            }

            // Training coordinators cover a geographic area for about 200 hours a year, i.e. 4 hours a week.
            var areas = region.Clusters.Select(c => c.Cluster.MunicipalityId).Distinct().ToList();
            random.ShuffleInPlace(areas);
            for (var i = 0; i < staffing.TrainingCoordinators * growth; i++)
            {
                people.Add(CoordinatorRole.TrainingCoordinator, 4, random.Date(EarliestAppointment, latestAppointment), gps, gpShare: 0.5, domain)
                    .MunicipalityId = areas[i % areas.Count];
            }
        }

        foreach (var cluster in regions.SelectMany(r => r.Clusters))
        {
            // The klyngekoordinator is always a GP of one of the cluster's member clinics, appointed once both existed.
            var members = cluster.ActiveGps.Where(g => g.Clinic.InCluster).ToList();
            if (members.Count > 0)
            {
                var gp = people.PreferExperienced(members);
                var earliest = gp.EmployedFrom > cluster.FormedOn ? gp.EmployedFrom : cluster.FormedOn;
                var from = earliest < SeedCalendar.Anchor.AddMonths(-1) ? random.Date(earliest, SeedCalendar.Anchor.AddMonths(-1)) : earliest;
                people.AddGp(CoordinatorRole.ClusterCoordinator, random.Steps(2, 5, 0.5), from, gp).ClusterId = cluster.Cluster.Id;
            }
        }
    }

    /// <summary>Hands out coordinator roles, to GPs where the role is usually held by one, and to staff otherwise.</summary>
    private sealed class People(SeedRows rows, ContactBook contacts, Randomizer random)
    {
        private readonly HashSet<int> gpsInRole = [];

        public Coordinator Add(CoordinatorRole role, double weeklyHours, DateOnly from, IReadOnlyList<DoctorSeed> gps, double gpShare, string domain)
        {
            var gp = random.Chance(gpShare) ? FindGp(gps, establishedBefore: from) : null;
            if (gp is not null)
            {
                return AddGp(role, weeklyHours, from, gp);
            }

            var (first, last) = ContactBook.NewName(random);
            return rows.Coordinators.AddRow(new Coordinator
            {
                Name = $"{first} {last}",
                Email = contacts.Email(first, last, domain),
                Role = role,
                WeeklyHours = weeklyHours,
                From = from,
            });
        }

        public Coordinator AddGp(CoordinatorRole role, double weeklyHours, DateOnly from, DoctorSeed gp)
        {
            gpsInRole.Add(gp.Doctor.Id);
            return rows.Coordinators.AddRow(new Coordinator
            {
                Name = gp.FullName,
                Email = gp.Doctor.Email,
                Role = role,
                WeeklyHours = weeklyHours,
                From = from,
                DoctorId = gp.Doctor.Id,
            });
        }

        /// <summary>A GP who is not nynedsat and holds no other role, when a few draws find one; any of them otherwise.</summary>
        public DoctorSeed PreferExperienced(IReadOnlyList<DoctorSeed> gps)
        {
            var gp = random.Pick(gps);
            for (var attempt = 0; attempt < 20 && (gp.IsNewGp || gpsInRole.Contains(gp.Doctor.Id)); attempt++)
            {
                gp = random.Pick(gps);
            }

            return gp;
        }

        // A GP who settled before the appointment and holds no other role; a few draws, then give up (staff takes the role).
        private DoctorSeed? FindGp(IReadOnlyList<DoctorSeed> gps, DateOnly establishedBefore)
        {
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var gp = random.Pick(gps);
                if (gp.Doctor.EstablishedOn < establishedBefore && gp.EmployedFrom < establishedBefore && !gpsInRole.Contains(gp.Doctor.Id))
                {
                    return gp;
                }
            }

            return null;
        }
    }
}

using Bogus;
using Dge.Api.Coordinators;
using Dge.Api.Doctors;
using Dge.Api.Groups;
using Dge.Api.Themes;

namespace Dge.Api.Data.Seed;

/// <summary>
/// DGE groups and their memberships. Coverage is decided first (which active GPs are in a group on the anchor, per
/// cluster, with regional differences, a few weak clusters and lower coverage for nynedsatte); groups are then cut
/// from each cluster's covered GPs, topped up with members already in another group, some spanning two clusters.
/// Finally each group's past is completed so that DOMAIN.md's rules hold on every day, not only on the anchor: members
/// who have left since keep it at six or more, and one member present leads it on every day it has members.
/// </summary>
internal static class GroupGenerator
{
    // Share of active GPs in a group on the anchor, per region: the views must find regional differences.
    private static readonly Dictionary<string, double> CoverageTargets = new(StringComparer.Ordinal)
    {
        ["1084"] = 0.72,
        ["1085"] = 0.78,
        ["1083"] = 0.80,
        ["1082"] = 0.83,
        ["1081"] = 0.88,
    };

    // Nynedsatte are covered less often than established GPs (≈ 55 % against ≈ 80 %).
    private const double NewGpCoverageFactor = 0.72;

    // Mostly 6–12 members; the few groups of 4–5 and 13–14 (about 3 %) give the norm warning something to flag.
    private static readonly (int Size, double Weight)[] GroupSizes =
        [(4, 0.5), (5, 1), (6, 8), (7, 13), (8, 17), (9, 17), (10, 15), (11, 12), (12, 10), (13, 1), (14, 0.5)];

    // The norm's lower bound (DOMAIN.md: 6–12 members): the history of a group that has at least this many members at
    // its end is kept at this size on every earlier day.
    private const int NormMinimum = 6;

    // For about 60 % of a group's members it is their first group; the rest are trainees and GPs also in another group.
    // (The national volumes, ~600 groups of mostly 6–12 for ~2,700 covered GPs, leave no room for fewer second groups.)
    private const double FirstGroupShare = 0.60;

    private const double SpanningShare = 0.13;

    private const double DissolvedShare = 0.055;

    private static readonly (GroupKind Kind, double Weight)[] ClusterGroupKinds = [(GroupKind.Dge, 0.83), (GroupKind.Topic, 0.09), (GroupKind.Supervision, 0.08)];

    private static readonly string[] Weekdays = ["Mandags", "Tirsdags", "Onsdags", "Torsdags"];

    public static IReadOnlyList<GroupSeed> Generate(SeedRows rows, IReadOnlyList<RegionSeed> regions, Randomizer random)
    {
        var groups = new List<GroupSeed>();
        foreach (var region in regions)
        {
            new RegionGroups(rows, region, groups, random).Build();
        }

        // Ids follow group order, so a group's memberships are contiguous.
        foreach (var group in groups)
        {
            foreach (var membership in group.Memberships)
            {
                membership.GroupId = group.Group.Id;
                rows.GroupMemberships.AddRow(membership);
            }
        }

        return groups;
    }

    /// <summary>Builds one region's groups; holds the region's coverage decisions while doing so.</summary>
    private sealed class RegionGroups(SeedRows rows, RegionSeed region, List<GroupSeed> groups, Randomizer random)
    {
        private readonly Dictionary<ClusterSeed, List<DoctorSeed>> coveredByCluster = [];
        private readonly Dictionary<ClusterSeed, List<GroupSeed>> groupsByCluster = [];
        private readonly List<DoctorSeed> youngGps = [];
        private readonly Dictionary<string, int> nameUses = new(StringComparer.Ordinal);
        private readonly List<(Coordinator Advisor, double Weight)> advisors = [];
        private readonly Dictionary<ClusterSeed, List<DoctorSeed>> formerMemberPools = [];

        public void Build()
        {
            // Advisor load is uneven: about a quarter of the advisors carry two to four times the others' groups.
            foreach (var advisor in region.Advisors)
            {
                advisors.Add((advisor, random.Chance(0.25) ? random.Double(2, 4) : random.Double(0.4, 1.4)));
            }

            DecideCoverage();
            var unfilled = new List<(GroupSeed Group, int Size, ClusterSeed Source)>();
            foreach (var cluster in region.Clusters)
            {
                groupsByCluster[cluster] = [];
                AddClinicGroups(cluster);
                AddClusterGroups(cluster, unfilled);

                // About 5 % of all groups dissolved in the last three years.
                var dissolved = groupsByCluster[cluster].Count * DissolvedShare;
                for (var i = 0; i < (int)dissolved + (random.Chance(dissolved - (int)dissolved) ? 1 : 0); i++)
                {
                    AddDissolvedGroup(cluster);
                }
            }

            // Groups are filled up only once every cluster has its groups, so a group spanning into a neighbour finds
            // the neighbour's GPs as available as its own.
            var juniors = PlaceTrainees(unfilled);
            foreach (var (group, size, source) in unfilled)
            {
                AddSecondGroupMembers(group, source, size - group.Memberships.Count);
            }

            AddYoungGroups(juniors);
            AddFormerMembers();
            foreach (var group in region.Clusters.SelectMany(c => groupsByCluster[c]))
            {
                if (group.Group.To is null && random.Chance(0.15))
                {
                    AddMemberWhoLeft(group);
                }
            }

            // The members above are the ones of the group's last day; earlier days get the members who have left since,
            // so that the group was in the norm all along, and then a leader on every day.
            var regionGroups = groups.Where(g => g.Region == region).ToList();
            var history = new MembershipHistory(regionGroups);
            foreach (var group in regionGroups)
            {
                FillHistory(group, history);
                AssignLeaders(group);
                AssignTreasurer(group);
            }
        }

        private void DecideCoverage()
        {
            var target = CoverageTargets[region.Region.Code!];

            // A few clusters per region are weak (below 50 %); the others spread around the target, lifted so that
            // the region as a whole meets it exactly.
            var weak = new HashSet<ClusterSeed>();
            while (weak.Count < (region.Clusters.Count >= 30 ? 2 : 1))
            {
                weak.Add(random.Pick(region.Clusters));
            }

            var rates = region.Clusters.Select(c => weak.Contains(c) ? random.Double(0.33, 0.48) : target + random.Double(-0.07, 0.07)).ToList();
            double wanted = 0, weakCovered = 0, normalCovered = 0, normalGps = 0;
            for (var c = 0; c < region.Clusters.Count; c++)
            {
                var gps = region.Clusters[c].ActiveGps.Count;
                wanted += target * gps;
                if (weak.Contains(region.Clusters[c]))
                {
                    weakCovered += rates[c] * gps;
                }
                else
                {
                    normalCovered += rates[c] * gps;
                    normalGps += gps;
                }
            }

            var lift = normalGps > 0 ? (wanted - weakCovered - normalCovered) / normalGps : 0;
            var establishedFactor = 1 / (1 - (SeedVolumes.NewGpShare * (1 - NewGpCoverageFactor)));
            for (var c = 0; c < region.Clusters.Count; c++)
            {
                var cluster = region.Clusters[c];
                var rate = weak.Contains(cluster) ? rates[c] : rates[c] + lift;
                var covered = Sample(cluster.ActiveGps.Where(g => !g.IsNewGp).ToList(), rate * establishedFactor);
                foreach (var gp in Sample(cluster.ActiveGps.Where(g => g.IsNewGp).ToList(), rate * NewGpCoverageFactor))
                {
                    // Some covered nynedsatte are in a group for new GPs or a junior group rather than their cluster's.
                    (random.Chance(0.4) ? youngGps : covered).Add(gp);
                }

                random.ShuffleInPlace(covered);
                coveredByCluster[cluster] = covered;
            }
        }

        /// <summary>A random share of the doctors, rounded up or down at random so that shares add up across clusters.</summary>
        private List<DoctorSeed> Sample(List<DoctorSeed> doctors, double share)
        {
            var exact = doctors.Count * Math.Clamp(share, 0, 1);
            var count = (int)exact + (random.Chance(exact - (int)exact) ? 1 : 0);
            random.ShuffleInPlace(doctors);
            return doctors.GetRange(0, count);
        }

        // KGE: now and then a larger clinic runs its own group with its GPs and trainees.
        private void AddClinicGroups(ClusterSeed cluster)
        {
            var covered = coveredByCluster[cluster];
            HashSet<DoctorSeed>? coveredSet = null;
            foreach (var clinic in cluster.Clinics.Where(c => c.Doctors.Count >= 4))
            {
                if (!random.Chance(0.05))
                {
                    continue;
                }

                coveredSet ??= [.. covered];
                var gps = clinic.Doctors.Where(d => d.Doctor.Phase == DoctorPhase.Gp && coveredSet.Contains(d)).ToList();
                if (gps.Count < 3)
                {
                    continue;
                }

                var group = NewGroup(GroupKind.Kge, cluster, UniqueName($"KGE {clinic.Clinic.Name}", numbered: false));
                foreach (var doctor in clinic.Doctors.Where(d => d.Doctor.Phase == DoctorPhase.Trainee || gps.Contains(d)))
                {
                    Join(group, doctor);
                }

                // Their KGE group is their first group: the cluster's other groups are cut from the rest.
                coveredSet.ExceptWith(gps);
                covered.RemoveAll(gps.Contains);
            }
        }

        /// <summary>Cuts the cluster's covered GPs into groups; each group is noted with the size it is to be filled up to.</summary>
        private void AddClusterGroups(ClusterSeed cluster, List<(GroupSeed Group, int Size, ClusterSeed Source)> unfilled)
        {
            var pool = coveredByCluster[cluster];
            var position = 0;
            while (position < pool.Count)
            {
                var size = random.Weighted(GroupSizes);
                var spanning = random.Chance(SpanningShare);
                var first = spanning ? size / 2 : (int)Math.Round(size * FirstGroupShare);
                if (pool.Count - position - first < 3)
                {
                    first = pool.Count - position;
                    size = Math.Max(size, first);
                }

                var kind = random.Weighted(ClusterGroupKinds);
                var topic = kind == GroupKind.Topic ? random.Pick(rows.Themes) : null;
                var name = kind switch
                {
                    GroupKind.Topic => UniqueName($"Emnegruppe {topic!.NameDa} – {cluster.Place}", numbered: false),
                    GroupKind.Supervision => UniqueName($"Supervisionsgruppe {cluster.Place}", numbered: true),
                    _ when random.Chance(0.3) => UniqueName($"{random.ArrayElement(Weekdays)}gruppen {cluster.Place}", numbered: false),
                    _ => UniqueName($"DGE {cluster.Place}", numbered: true),
                };
                var group = NewGroup(kind, cluster, name, topic);
                for (var i = 0; i < first; i++)
                {
                    Join(group, pool[position + i]);
                }

                position += first;
                unfilled.Add((group, size, spanning && cluster.Neighbour is { } neighbour ? neighbour : cluster));
            }
        }

        /// <summary>
        /// Trainees: a third join a group of their tutor practice's cluster, half are returned for the junior groups,
        /// the rest are in no group.
        /// </summary>
        private List<DoctorSeed> PlaceTrainees(List<(GroupSeed Group, int Size, ClusterSeed Source)> unfilled)
        {
            var byArea = new Dictionary<ClusterSeed, List<(GroupSeed Group, int Size, ClusterSeed Source)>>();
            foreach (var entry in unfilled)
            {
                if (!byArea.TryGetValue(entry.Group.Area!, out var list))
                {
                    byArea.Add(entry.Group.Area!, list = []);
                }

                list.Add(entry);
            }

            var juniors = new List<DoctorSeed>();
            foreach (var trainee in region.Trainees)
            {
                var draw = random.Double();
                if (draw < 0.5)
                {
                    juniors.Add(trainee);
                }
                else if (draw < 0.85 && byArea.TryGetValue(trainee.Clinic.Area, out var groupsOfArea))
                {
                    var (group, size, _) = random.Pick(groupsOfArea);
                    if (group.Memberships.Count < size)
                    {
                        Join(group, trainee);
                    }
                }
            }

            return juniors;
        }

        // Members for whom this is a second group, from the source cluster's covered GPs, then from its neighbour's
        // when the cluster is too small to fill the group.
        private void AddSecondGroupMembers(GroupSeed group, ClusterSeed source, int count)
        {
            foreach (var cluster in new[] { source, source.Neighbour ?? source })
            {
                var pool = coveredByCluster[cluster];
                var attempts = count * 8;
                for (var attempt = 0; attempt < attempts && count > 0 && pool.Count > 0; attempt++)
                {
                    var candidate = random.Pick(pool);
                    if (candidate.CurrentGroups < 2 && !group.DoctorIds.Contains(candidate.Doctor.Id))
                    {
                        Join(group, candidate);
                        count--;
                    }
                }
            }
        }

        private void AddYoungGroups(List<DoctorSeed> juniors)
        {
            var newGps = new List<DoctorSeed>();
            foreach (var gp in youngGps)
            {
                (random.Chance(0.5) ? newGps : juniors).Add(gp);
            }

            // Too few for a group of their own: they join the juniors.
            if (newGps.Count < 4)
            {
                juniors.AddRange(newGps);
                newGps.Clear();
            }

            random.ShuffleInPlace(juniors);
            foreach (var members in Split(newGps))
            {
                var group = NewGroup(GroupKind.NewGp, null, UniqueName($"Nynedsatte {region.ShortName}", numbered: true));
                members.ForEach(m => Join(group, m));
            }

            foreach (var members in Split(juniors))
            {
                var stem = random.Chance(0.5) ? $"Juniorgruppe {region.ShortName}" : $"Yngre læger {region.ShortName}";
                var group = NewGroup(GroupKind.Junior, null, UniqueName(stem, numbered: true));
                members.ForEach(m => Join(group, m));
            }
        }

        /// <summary>Splits doctors into groups of about 8.5, as evenly as possible.</summary>
        private static IEnumerable<List<DoctorSeed>> Split(List<DoctorSeed> doctors)
        {
            if (doctors.Count == 0)
            {
                yield break;
            }

            var count = Math.Max(1, (int)Math.Round(doctors.Count / 8.5));
            var sizes = SeedVolumes.Apportion(doctors.Count, Enumerable.Repeat(1.0, count).ToList());
            var position = 0;
            foreach (var size in sizes)
            {
                yield return doctors.GetRange(position, size);
                position += size;
            }
        }

        // A group that dissolved in the last three years: its members' memberships ended with it, and those who are in
        // no other group now show up as uncovered.
        private void AddDissolvedGroup(ClusterSeed cluster)
        {
            if (cluster.ActiveGps.Count == 0)
            {
                return;
            }

            var dissolvedOn = random.Date(SeedCalendar.MeetingsFrom, SeedCalendar.Anchor.AddDays(-30));
            var foundedOn = random.Date(SeedCalendar.Anchor.AddYears(-15), dissolvedOn.AddYears(-2));
            var group = NewGroup(GroupKind.Dge, cluster, UniqueName($"DGE {cluster.Place}", numbered: true), foundedOn: foundedOn);
            group.Group.To = dissolvedOn;
            var size = random.Number(6, 10);
            for (var attempt = 0; attempt < size * 4 && group.Memberships.Count < size; attempt++)
            {
                var gp = random.Pick(cluster.ActiveGps);
                if (gp.Doctor.EstablishedOn < dissolvedOn.AddDays(-90) && group.DoctorIds.Add(gp.Doctor.Id))
                {
                    var from = JoinDate(group, gp.Doctor.EstablishedOn!.Value, dissolvedOn.AddDays(-60));
                    group.Memberships.Add(new GroupMembership { DoctorId = gp.Doctor.Id, Role = MembershipRole.Member, From = from, To = dissolvedOn });
                }
            }
        }

        // Retired doctors were often in a group of their area until they retired.
        private void AddFormerMembers()
        {
            foreach (var retiree in region.RetiredDoctors.Where(_ => random.Chance(0.6)))
            {
                var retiredOn = retiree.RetiredOn!.Value;
                var candidates = groupsByCluster[retiree.Clinic.Area].Where(g => g.Group.From < retiredOn.AddYears(-1) && (g.Group.To is null || g.Group.To > retiredOn)).ToList();
                if (candidates.Count == 0)
                {
                    continue;
                }

                var group = random.Pick(candidates);
                if (group.DoctorIds.Add(retiree.Doctor.Id))
                {
                    var from = JoinDate(group, retiree.Doctor.EstablishedOn!.Value, retiredOn.AddDays(-180));
                    group.Memberships.Add(new GroupMembership { DoctorId = retiree.Doctor.Id, Role = MembershipRole.Member, From = from, To = retiredOn });
                }
            }
        }

        // A GP who left the group at some point and is in another group today.
        private void AddMemberWhoLeft(GroupSeed group)
        {
            var pool = coveredByCluster[group.Area!];
            if (pool.Count == 0)
            {
                return;
            }

            var gp = random.Pick(pool);
            var latestJoin = SeedCalendar.Anchor.AddDays(-200);
            if (gp.Doctor.EstablishedOn < latestJoin && group.Group.From < latestJoin && group.DoctorIds.Add(gp.Doctor.Id))
            {
                var from = JoinDate(group, gp.Doctor.EstablishedOn!.Value, latestJoin);
                group.Memberships.Add(new GroupMembership
                {
                    DoctorId = gp.Doctor.Id,
                    Role = MembershipRole.Member,
                    From = from,
                    To = random.Date(from.AddDays(90), SeedCalendar.Anchor.AddDays(-30)),
                });
            }
        }

        private GroupSeed NewGroup(GroupKind kind, ClusterSeed? area, string name, Theme? topic = null, DateOnly? foundedOn = null)
        {
            // Cluster groups were founded over the last 15 years; junior and new-GP groups are young by nature.
            var founded = foundedOn ?? (area is null
                ? random.Date(SeedCalendar.Anchor.AddYears(-4), SeedCalendar.Anchor.AddMonths(-6))
                : random.Date(SeedCalendar.Anchor.AddYears(-15), SeedCalendar.Anchor.AddMonths(-3)));
            var group = new GroupSeed
            {
                Group = rows.Groups.AddRow(new DgeGroup
                {
                    Name = name,
                    Kind = kind,
                    KapUnitId = region.KapUnit.Id,
                    AdvisorId = advisors.Count > 0 ? random.Weighted(advisors).Id : null,
                    From = founded,
                }),
                Region = region,
                Area = area,
                Topic = topic,
            };
            groups.Add(group);
            if (area is not null)
            {
                groupsByCluster[area].Add(group);
            }

            return group;
        }

        /// <summary>Adds a current member, who joined at the founding or later (never before settling or starting training).</summary>
        private void Join(GroupSeed group, DoctorSeed doctor)
        {
            if (!group.DoctorIds.Add(doctor.Doctor.Id))
            {
                return;
            }

            var available = doctor.Doctor.Phase == DoctorPhase.Trainee ? doctor.EmployedFrom : doctor.Doctor.EstablishedOn!.Value;
            group.Memberships.Add(new GroupMembership
            {
                DoctorId = doctor.Doctor.Id,
                Role = MembershipRole.Member,
                From = JoinDate(group, available, SeedCalendar.Anchor.AddDays(-1)),
            });
            doctor.CurrentGroups++;
        }

        /// <summary>
        /// When a doctor available from <paramref name="available"/> (≤ <paramref name="latest"/>) joined: most of those
        /// available at the founding joined then, the others later; never after <paramref name="latest"/>.
        /// </summary>
        private DateOnly JoinDate(GroupSeed group, DateOnly available, DateOnly latest)
        {
            var founded = group.Group.From;
            var from = available > founded
                ? available.AddDays(random.Number(0, 90))
                : random.Chance(0.75) || founded >= latest ? founded : random.Date(founded, latest);
            return from > latest ? latest : from;
        }

        /// <summary>
        /// Where the group had fewer than six members on an earlier day (members joined later than the founding, or
        /// left since), adds a member who was in the group then: from the first such day until the day enough of the
        /// group's own members are there again. A group that ends with fewer members is kept at that size instead.
        /// </summary>
        private void FillHistory(GroupSeed group, MembershipHistory history)
        {
            var last = LastDay(group);
            var target = Math.Min(NormMinimum, group.Memberships.Count(m => m.IsActiveOn(last)));
            var days = EventDays(group, last);
            var present = days.Select(d => group.Memberships.Count(m => m.IsActiveOn(d))).ToArray();
            for (var index = 0; index < days.Count; index++)
            {
                if (present[index] >= target)
                {
                    continue;
                }

                // The state only changes on event days, and the group's last day holds enough members: the gap closes on one.
                var end = index + 1;
                while (present[end] < target)
                {
                    end++;
                }

                for (var missing = target - present[index]; missing > 0; missing--)
                {
                    var doctor = FindFormerMember(group, history, days[index], days[end]);
                    if (doctor is null)
                    {
                        break;
                    }

                    var membership = new GroupMembership { DoctorId = doctor.Doctor.Id, Role = MembershipRole.Member, From = days[index], To = days[end] };
                    group.Memberships.Add(membership);
                    group.DoctorIds.Add(doctor.Doctor.Id);
                    history.Add(membership);
                    for (var covered = index; covered < end; covered++)
                    {
                        present[covered]++;
                    }
                }
            }
        }

        /// <summary>The group's last active day in the seeded history: the day before it dissolved, or the anchor.</summary>
        private static DateOnly LastDay(GroupSeed group) => group.Group.To is { } dissolved ? dissolved.AddDays(-1) : SeedCalendar.Anchor;

        /// <summary>The founding day and every day a membership starts or ends, up to the group's last day, in order.</summary>
        private static List<DateOnly> EventDays(GroupSeed group, DateOnly last) =>
            group.Memberships.SelectMany(m => m.To is { } to ? new[] { m.From, to } : [m.From])
                .Append(group.Group.From)
                .Where(d => d >= group.Group.From && d <= last)
                .Distinct()
                .Order()
                .ToList();

        /// <summary>
        /// A GP of the group's area (or, for region-wide groups, the region) who practised throughout [from, until), is not
        /// yet in the group and was in fewer than two other groups then; retired GPs of the area are among them.
        /// </summary>
        private DoctorSeed? FindFormerMember(GroupSeed group, MembershipHistory history, DateOnly from, DateOnly until)
        {
            var areas = group.Area is { } area ? new[] { area, area.Neighbour ?? area } : region.Clusters.ToArray();
            for (var attempt = 0; attempt < 60; attempt++)
            {
                var cluster = attempt < 40 ? areas[attempt % areas.Length] : random.Pick(region.Clusters);
                var pool = FormerMemberPool(cluster);
                if (pool.Count == 0)
                {
                    continue;
                }

                var doctor = random.Pick(pool);
                if (doctor.Doctor.EstablishedOn <= from
                    && (doctor.RetiredOn is null || doctor.RetiredOn >= until)
                    && !group.DoctorIds.Contains(doctor.Doctor.Id)
                    && history.GroupsDuring(doctor.Doctor.Id, from, until) < 2)
                {
                    return doctor;
                }
            }

            return null;
        }

        private List<DoctorSeed> FormerMemberPool(ClusterSeed cluster)
        {
            if (!formerMemberPools.TryGetValue(cluster, out var pool))
            {
                pool = [.. cluster.ActiveGps, .. region.RetiredDoctors.Where(r => r.Clinic.Area == cluster)];
                formerMemberPools.Add(cluster, pool);
            }

            return pool;
        }

        /// <summary>
        /// One leader among the current members on every day the group has members: the founders choose one, and when a
        /// leader leaves, a member present that day takes over (their membership is split there, as changeGroupLeader
        /// does). A GP is preferred over a trainee, and a member who stays long over one about to leave.
        /// </summary>
        private void AssignLeaders(GroupSeed group)
        {
            var last = LastDay(group);
            GroupMembership? leader = null;
            foreach (var day in EventDays(group, last))
            {
                if (leader is not null && leader.IsActiveOn(day))
                {
                    continue;
                }

                var present = group.Memberships.Where(m => m.IsActiveOn(day)).ToList();
                if (present.Count == 0)
                {
                    leader = null;
                    continue;
                }

                var gps = present.Where(m => rows.Doctors[m.DoctorId - 1].EstablishedOn <= day).ToList();
                var candidates = (gps.Count > 0 ? gps : present).OrderByDescending(m => m.To ?? DateOnly.MaxValue).ThenBy(m => m.DoctorId).ToList();
                var chosen = candidates[random.Number(0, (candidates.Count - 1) / 2)];
                if (chosen.From < day)
                {
                    leader = new GroupMembership { DoctorId = chosen.DoctorId, Role = MembershipRole.Leader, From = day, To = chosen.To };
                    chosen.To = day;
                    group.Memberships.Add(leader);
                }
                else
                {
                    chosen.Role = MembershipRole.Leader;
                    leader = chosen;
                }
            }
        }

        // Sometimes a treasurer, among the members of the group's last day who do not lead it.
        private void AssignTreasurer(GroupSeed group)
        {
            var last = LastDay(group);
            var leaders = group.Memberships.Where(m => m.Role == MembershipRole.Leader).Select(m => m.DoctorId).ToHashSet();
            var others = group.Memberships.Where(m => m.IsActiveOn(last) && !leaders.Contains(m.DoctorId)).ToList();
            if (others.Count > 0 && random.Chance(0.45))
            {
                random.Pick(others).Role = MembershipRole.Treasurer;
            }
        }

        /// <summary>A group name unique in the region: the stem alone the first time (unless numbered), then "stem 2", "stem 3"…</summary>
        private string UniqueName(string stem, bool numbered)
        {
            var uses = nameUses.GetValueOrDefault(stem) + 1;
            nameUses[stem] = uses;
            return uses == 1 && !numbered ? stem : $"{stem} {uses}";
        }
    }

    /// <summary>Every membership of a region's doctors, to keep a GP from being in more than two groups at a time.</summary>
    private sealed class MembershipHistory
    {
        private readonly Dictionary<int, List<GroupMembership>> byDoctor = [];

        public MembershipHistory(IEnumerable<GroupSeed> groups)
        {
            foreach (var membership in groups.SelectMany(g => g.Memberships))
            {
                Add(membership);
            }
        }

        public void Add(GroupMembership membership)
        {
            if (!byDoctor.TryGetValue(membership.DoctorId, out var list))
            {
                byDoctor.Add(membership.DoctorId, list = []);
            }

            list.Add(membership);
        }

        /// <summary>How many of the doctor's memberships overlap [from, until).</summary>
        public int GroupsDuring(int doctorId, DateOnly from, DateOnly until) =>
            byDoctor.TryGetValue(doctorId, out var list) ? list.Count(m => m.From < until && (m.To is null || m.To > from)) : 0;
    }
}

using Bogus;
using Dge.Api.Groups;
using Dge.Api.Meetings;

namespace Dge.Api.Data.Seed;

/// <summary>
/// Meetings of every group in the three years before the anchor, while the group was active: about four a year,
/// mostly 2–3½ hours, on one or two themes that mostly follow the cluster's package, often with a material, attended
/// by 60–100 % of the members of the day.
/// </summary>
internal static class MeetingGenerator
{
    private static readonly (double Hours, double Weight)[] Durations =
    [
        (0.5, 0.01), (1, 0.03), (1.5, 0.12), (2, 0.25), (2.5, 0.22), (3, 0.18), (3.5, 0.09),
        (4, 0.04), (5, 0.02), (6, 0.025), (7, 0.01), (8, 0.008), (10, 0.004), (12, 0.003),
    ];

    // At least four a year is the norm (Sjælland's rule); the national guideline allows up to 3–4 per half-year.
    private static readonly (int PerYear, double Weight)[] MeetingsPerYear = [(3, 0.15), (4, 0.45), (5, 0.25), (6, 0.15)];

    public static void Generate(
        SeedRows rows, IReadOnlyList<RegionSeed> regions, IReadOnlyList<GroupSeed> groups, MaterialCatalog catalog, MeetingTables tables, Randomizer random, CancellationToken cancellationToken)
    {
        // In about one cluster in twelve the groups work on other things than the cluster's packages:
        // the alignment view must find clusters whose package themes no group takes up.
        foreach (var cluster in regions.SelectMany(r => r.Clusters))
        {
            cluster.GroupsIgnorePackages = random.Chance(0.08);
        }

        var present = new List<int>();
        foreach (var group in groups)
        {
            var themes = new GroupThemes(group, rows.Themes.Count, random);
            foreach (var date in MeetingDates(group.Group, random))
            {
                present.Clear();
                present.AddRange(group.Memberships.Where(m => m.IsActiveOn(date)).Select(m => m.DoctorId));
                if (present.Count == 0)
                {
                    continue;
                }

                var meeting = tables.Meetings.AddRow(new Meeting { GroupId = group.Group.Id, Date = date, DurationHours = random.Weighted(Durations) }, cancellationToken);
                AddThemesAndMaterials(tables, meeting, themes, catalog, random, cancellationToken);

                // 60–100 % of the members of the day attend, full attendance being the most common.
                random.ShuffleInPlace(present);
                var shortfall = random.Double();
                var attendees = (int)Math.Ceiling(present.Count * (1 - (0.4 * shortfall * shortfall)));
                foreach (var doctorId in present.Take(attendees).Order())
                {
                    tables.MeetingAttendances.AddRow(new MeetingAttendance { MeetingId = meeting.Id, DoctorId = doctorId }, cancellationToken);
                }
            }
        }
    }

    /// <summary>Dates spread over the group's active part of the last three years, one per equal slot, moved off weekends.</summary>
    private static IEnumerable<DateOnly> MeetingDates(DgeGroup group, Randomizer random)
    {
        var start = group.From > SeedCalendar.MeetingsFrom ? group.From : SeedCalendar.MeetingsFrom;
        var end = group.To is { } dissolved && dissolved < SeedCalendar.Anchor ? dissolved : SeedCalendar.Anchor;
        var days = end.DayNumber - start.DayNumber;
        if (days < 20)
        {
            yield break;
        }

        var expected = days / 365.25 * random.Weighted(MeetingsPerYear);
        var count = (int)expected + (random.Chance(expected - (int)expected) ? 1 : 0);
        var slot = (double)days / Math.Max(count, 1);
        for (var i = 0; i < count; i++)
        {
            var date = start.AddDays((int)(i * slot) + random.Number(0, Math.Max(0, (int)slot - 1)));
            date = date.DayOfWeek switch
            {
                DayOfWeek.Saturday => date.AddDays(-1) >= start ? date.AddDays(-1) : date.AddDays(2),
                DayOfWeek.Sunday => date.AddDays(1) < end ? date.AddDays(1) : date.AddDays(-2),
                _ => date,
            };
            if (date >= start && date < end)
            {
                yield return date;
            }
        }
    }

    private static void AddThemesAndMaterials(MeetingTables tables, Meeting meeting, GroupThemes themes, MaterialCatalog catalog, Randomizer random, CancellationToken cancellationToken)
    {
        var package = themes.ActivePackage(meeting.Date);
        var fromPackage = package is not null && random.Chance(0.55);
        var first = fromPackage ? random.Pick(package!.ThemeIds) : themes.Pick();
        tables.MeetingThemes.AddRow(new MeetingTheme { MeetingId = meeting.Id, ThemeId = first }, cancellationToken);
        var second = random.Chance(0.3) ? themes.Pick() : first;
        if (second != first)
        {
            tables.MeetingThemes.AddRow(new MeetingTheme { MeetingId = meeting.Id, ThemeId = second }, cancellationToken);
        }

        if (!random.Chance(0.65))
        {
            return;
        }

        var material = fromPackage && random.Chance(0.35) ? package!.Package : catalog.PickOnTheme(first, meeting.Date, random);
        if (material is not null)
        {
            tables.MeetingMaterials.AddRow(new MeetingMaterial { MeetingId = meeting.Id, MaterialId = material.Id }, cancellationToken);
        }

        var extra = second != first && random.Chance(0.15) ? catalog.PickOnTheme(second, meeting.Date, random) : null;
        if (extra is not null && extra != material)
        {
            tables.MeetingMaterials.AddRow(new MeetingMaterial { MeetingId = meeting.Id, MaterialId = extra.Id }, cancellationToken);
        }
    }

    /// <summary>What a group tends to meet about: a topic group its topic, every group a few favourite themes.</summary>
    private sealed class GroupThemes
    {
        private readonly GroupSeed group;
        private readonly Randomizer random;
        private readonly int themeCount;
        private readonly HashSet<int> avoided = [];
        private readonly List<int> favourites = [];

        public GroupThemes(GroupSeed group, int themeCount, Randomizer random)
        {
            this.group = group;
            this.random = random;
            this.themeCount = themeCount;
            if (group.Area is { GroupsIgnorePackages: true } area)
            {
                avoided.UnionWith(area.Adoptions.SelectMany(a => a.ThemeIds));
            }

            var wanted = random.Number(3, 5);
            for (var attempt = 0; attempt < 40 && favourites.Count < wanted; attempt++)
            {
                var themeId = random.Number(1, themeCount);
                if (!avoided.Contains(themeId) && !favourites.Contains(themeId))
                {
                    favourites.Add(themeId);
                }
            }
        }

        /// <summary>The cluster package the group's cluster works on that day, unless the group ignores packages.</summary>
        public AdoptionSeed? ActivePackage(DateOnly date) =>
            group.Area is { GroupsIgnorePackages: false } area ? area.Adoptions.FirstOrDefault(a => a.Adoption.IsActiveOn(date)) : null;

        public int Pick()
        {
            if (group.Topic is { } topic && !avoided.Contains(topic.Id) && random.Chance(0.6))
            {
                return topic.Id;
            }

            if (favourites.Count > 0 && random.Chance(0.7))
            {
                return random.Pick(favourites);
            }

            var themeId = random.Number(1, themeCount);
            while (avoided.Contains(themeId))
            {
                themeId = random.Number(1, themeCount);
            }

            return themeId;
        }
    }
}

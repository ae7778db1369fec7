using Bogus;
using Dge.Api.Clinics;
using Dge.Api.Clusters;
using Dge.Api.Municipalities;

namespace Dge.Api.Data.Seed;

/// <summary>Quality clusters, the clinics in each cluster's area sized to its share of the region's GPs, and the clinics' cluster memberships.</summary>
internal static class ClinicGenerator
{
    // Ydernumre are an affine permutation of the clinic index over the six-digit space: unique without a lookup,
    // and not sequential. The multiplier is coprime with 10^6, which makes the map a bijection.
    private const long YdernummerSpace = 1_000_000;
    private const long YdernummerMultiplier = 482_711;

    // GPs per clinic on the anchor: most practices are solo or two-doctor, a few have up to six (mean ≈ 1.8).
    private static readonly (int Seats, double Weight)[] ClinicSizes = [(1, 0.48), (2, 0.29), (3, 0.13), (4, 0.06), (5, 0.025), (6, 0.015)];

    private static readonly (ClinicType Type, double Weight)[] ClinicTypes = [(ClinicType.Plo, 0.92), (ClinicType.Region, 0.06), (ClinicType.Tender, 0.02)];

    private static readonly DateOnly ClustersFormedFrom = new(2018, 3, 1);
    private static readonly DateOnly ClustersFormedUntil = new(2019, 11, 1);

    public static void Generate(SeedRows rows, IReadOnlyList<RegionSeed> regions, int scale, Randomizer random)
    {
        foreach (var region in regions)
        {
            AddClusters(rows, region, random);
        }

        var gpsPerRegion = SeedVolumes.Apportion(SeedVolumes.Gps * scale, regions.Select(r => (double)r.GpWeight).ToList());
        var names = new HashSet<string>(StringComparer.Ordinal);
        var ydernummerOffset = random.Number(0, (int)YdernummerSpace - 1);
        for (var r = 0; r < regions.Count; r++)
        {
            var region = regions[r];

            // Cluster sizes vary as in the 2019 survey (10–73 GPs, mean 29): most clusters near the mean, a fifth well above.
            var weights = region.Clusters.Select(_ => random.Chance(0.2) ? random.Double(1.3, 2.5) : random.Double(0.35, 1.3)).ToList();
            var gpsPerCluster = SeedVolumes.Apportion(gpsPerRegion[r], weights);
            for (var c = 0; c < region.Clusters.Count; c++)
            {
                AddClinics(rows, region.Clusters[c], gpsPerCluster[c], names, ydernummerOffset, random);
            }
        }

        foreach (var cluster in regions.SelectMany(r => r.Clusters))
        {
            foreach (var clinic in cluster.Clinics)
            {
                AddClusterMemberships(rows, clinic, random);
            }
        }
    }

    private static void AddClusters(SeedRows rows, RegionSeed region, Randomizer random)
    {
        foreach (var municipality in region.Municipalities.Where(m => !ClusterPlan.SharesClusterWith.ContainsKey(m.Code)))
        {
            var sharing = region.Municipalities.Where(m => ClusterPlan.SharesClusterWith.GetValueOrDefault(m.Code) == municipality.Code).ToList();
            var districts = ClusterPlan.Districts.GetValueOrDefault(municipality.Code) ?? [string.Empty];
            var siblings = new List<ClusterSeed>();
            for (var d = 0; d < districts.Length; d++)
            {
                var district = districts[d];
                var members = d == 0 ? [municipality, .. sharing] : new List<Municipality> { municipality };
                var name = string.Join(" og ", members.Select((m, i) => i == 0 && district.Length > 0 ? $"{m.Name} {district}" : m.Name));
                var cluster = new ClusterSeed
                {
                    Cluster = rows.Clusters.AddRow(new QualityCluster { Name = $"Klynge {name}", RegionId = region.Region.Id, MunicipalityId = municipality.Id }),
                    Region = region,
                    Municipalities = members,
                    Place = district.Length > 0 && ClusterPlan.IsPlace(district) ? district : municipality.Name,
                    FormedOn = random.Date(ClustersFormedFrom, ClustersFormedUntil),
                };
                siblings.Add(cluster);
                region.Clusters.Add(cluster);
            }

            // Districts of one city neighbour each other; other clusters get their neighbour below.
            for (var d = 0; d < siblings.Count && siblings.Count > 1; d++)
            {
                siblings[d].Neighbour = siblings[(d + 1) % siblings.Count];
            }
        }

        // Municipality codes run roughly along the map, so the previous cluster in code order is a plausible neighbour.
        for (var c = 0; c < region.Clusters.Count; c++)
        {
            region.Clusters[c].Neighbour ??= region.Clusters[c == 0 ? 1 : c - 1];
        }
    }

    private static void AddClinics(SeedRows rows, ClusterSeed area, int gps, HashSet<string> names, int ydernummerOffset, Randomizer random)
    {
        while (gps > 0)
        {
            var seats = Math.Min(gps, random.Weighted(ClinicSizes));
            gps -= seats;
            var index = rows.Clinics.Count;
            if (index >= YdernummerSpace)
            {
                throw new InvalidOperationException("The scale needs more clinics than there are six-digit ydernumre.");
            }

            var municipality = area.Municipalities.Count > 1 && random.Chance(0.3) ? random.Pick(area.Municipalities.Skip(1).ToList()) : area.Municipalities[0];
            var place = municipality == area.Municipalities[0] ? area.Place : municipality.Name;
            var street = random.Pick(DanishNames.Streets);
            var number = random.Number(1, 120);
            var type = random.Weighted(ClinicTypes);
            var clinic = rows.Clinics.AddRow(new Clinic
            {
                Ydernummer = ((YdernummerMultiplier * index + ydernummerOffset) % YdernummerSpace).ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
                Name = ClinicName(type, seats, place, street, number, names, random),
                Address = $"{street} {number}, {place}",
                MunicipalityId = municipality.Id,
                Type = type,

                // Bigger practices train more often; overall about a quarter are tutor practices.
                IsTutorPractice = random.Chance(0.12 + (0.08 * seats)),
            });
            var seed = new ClinicSeed { Clinic = clinic, Area = area, GpSeats = seats };
            area.Clinics.Add(seed);
            area.Region.Clinics.Add(seed);
        }
    }

    private static string ClinicName(ClinicType type, int seats, string place, string street, int number, HashSet<string> names, Randomizer random)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var name = type switch
            {
                ClinicType.Region => $"Regionsklinik {place}",
                ClinicType.Tender => $"Udbudsklinikken {place}",
                _ => random.Number(0, 6) switch
                {
                    0 when seats > 1 => $"Lægerne {street}",
                    1 => $"Lægehuset i {place}",
                    2 => $"Lægehuset {street}",
                    3 when seats > 2 => $"{place} Lægecenter",
                    4 when seats > 1 => $"Lægerne i {place}",
                    5 => $"Lægeklinikken {street}",
                    _ => $"Lægepraksis {street}",
                },
            };

            // The same street name recurs in every town, so a name only needs to be unique within its place.
            if (names.Add($"{name}|{place}"))
            {
                return name;
            }
        }

        var fallback = $"Lægerne {street} {number}";
        names.Add($"{fallback}|{place}");
        return fallback;
    }

    private static void AddClusterMemberships(SeedRows rows, ClinicSeed clinic, Randomizer random)
    {
        var area = clinic.Area;
        var draw = random.Double();

        // About 2 % of clinics are in no cluster: the coverage views must show them.
        if (draw < 0.02)
        {
            return;
        }

        clinic.InCluster = true;
        if (draw < 0.045 && area.Neighbour is { } previous)
        {
            var joined = previous.FormedOn.AddDays(random.Number(0, 200));
            var moved = random.Date(joined.AddDays(180), SeedCalendar.Anchor.AddDays(-30));
            rows.ClusterMemberships.AddRow(new ClusterClinicMembership { ClusterId = previous.Cluster.Id, ClinicId = clinic.Clinic.Id, From = joined, To = moved });
            rows.ClusterMemberships.AddRow(new ClusterClinicMembership { ClusterId = area.Cluster.Id, ClinicId = clinic.Clinic.Id, From = moved });
            return;
        }

        var from = random.Chance(0.12) ? random.Date(area.FormedOn, SeedCalendar.Anchor.AddDays(-60)) : area.FormedOn.AddDays(random.Number(0, 60));
        rows.ClusterMemberships.AddRow(new ClusterClinicMembership { ClusterId = area.Cluster.Id, ClinicId = clinic.Clinic.Id, From = from });
    }
}

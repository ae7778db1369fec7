using Bogus;
using Dge.Api.Clusters;
using Dge.Api.Groups;
using Dge.Api.Materials;

namespace Dge.Api.Data.Seed;

/// <summary>
/// The learning-material catalogue (about 2,000 items over ten years, not scaled: the catalogue is national) and the
/// cluster packages each cluster has worked on in the last three years.
/// </summary>
internal static class MaterialGenerator
{
    private static readonly (MaterialKind Kind, double Weight)[] Kinds =
    [
        (MaterialKind.Module, 520), (MaterialKind.Guideline, 420), (MaterialKind.ELearning, 380),
        (MaterialKind.ClinicModule, 240), (MaterialKind.Inspiration, 200), (MaterialKind.SgeCourse, 180),
    ];

    // The group kinds a material is meant for: one always, others by chance.
    private static readonly Dictionary<MaterialKind, (GroupKind Always, (GroupKind Kind, double Chance)[] Sometimes)> IntendedFor = new()
    {
        [MaterialKind.Module] = (GroupKind.Dge, [(GroupKind.Topic, 0.5), (GroupKind.Junior, 0.25), (GroupKind.NewGp, 0.2)]),
        [MaterialKind.ClinicModule] = (GroupKind.Kge, []),
        [MaterialKind.SgeCourse] = (GroupKind.Dge, [(GroupKind.Topic, 0.4)]),
        [MaterialKind.ClusterPackage] = (GroupKind.Dge, [(GroupKind.Topic, 0.5)]),
        [MaterialKind.Inspiration] = (GroupKind.Supervision, [(GroupKind.Dge, 0.3)]),
        [MaterialKind.ELearning] = (GroupKind.Junior, [(GroupKind.NewGp, 0.6), (GroupKind.Dge, 0.4)]),
        [MaterialKind.Guideline] = (GroupKind.Dge, [(GroupKind.Topic, 0.5), (GroupKind.Junior, 0.3)]),
    };

    private static readonly (int Count, double Weight)[] ThemesPerMaterial = [(1, 0.45), (2, 0.40), (3, 0.15)];

    private static readonly string[] Aspects =
    [
        "case-arbejde", "udredning og behandling", "opfølgning i praksis", "den komplekse patient", "samtalen med patienten",
        "kvalitetsdata i egen praksis", "tværsektorielle forløb", "medicingennemgang", "forebyggelse", "ulighed og tilgængelighed",
    ];

    public static MaterialCatalog Generate(SeedRows rows, IReadOnlyList<RegionSeed> regions, Randomizer random)
    {
        var kapUnits = regions.Select(r => r.KapUnit.Code).ToList();

        // Exactly the package count, the rest drawn by weight, in a shuffled order so ids do not group by kind.
        var kinds = Enumerable.Repeat(MaterialKind.ClusterPackage, SeedVolumes.ClusterPackages)
            .Concat(Enumerable.Range(0, SeedVolumes.Materials - SeedVolumes.ClusterPackages).Select(_ => random.Weighted(Kinds)))
            .ToList();
        random.ShuffleInPlace(kinds);

        var catalog = new MaterialCatalog(rows.Themes.Count);
        foreach (var kind in kinds)
        {
            AddMaterial(rows, catalog, kind, kapUnits, random);
        }

        catalog.SortByPublication();
        foreach (var cluster in regions.SelectMany(r => r.Clusters))
        {
            AddAdoptions(rows, catalog, cluster, random);
        }

        return catalog;
    }

    private static void AddMaterial(SeedRows rows, MaterialCatalog catalog, MaterialKind kind, IReadOnlyList<string> kapUnits, Randomizer random)
    {
        var themeIds = new List<int>(3);
        var count = kind == MaterialKind.ClusterPackage ? random.Number(1, 3) : random.Weighted(ThemesPerMaterial);
        while (themeIds.Count < count)
        {
            var themeId = random.Number(1, rows.Themes.Count);
            if (!themeIds.Contains(themeId))
            {
                themeIds.Add(themeId);
            }
        }

        var publishedOn = random.Date(SeedCalendar.Anchor.AddYears(-10), SeedCalendar.Anchor.AddDays(-7));
        var main = rows.Themes[themeIds[0] - 1].NameDa;
        var title = kind == MaterialKind.ClusterPackage
            ? $"Klyngepakke: {string.Join(" og ", themeIds.Select(id => rows.Themes[id - 1].NameDa))} ({publishedOn.Year})"
            : $"{Prefix(kind)}: {main} – {random.ArrayElement(Aspects)} ({publishedOn.Year})";
        var publisher = Publisher(kind, kapUnits, random);
        var material = rows.Materials.AddRow(new LearningMaterial
        {
            Title = title,
            Kind = kind,
            Publisher = publisher,
            PublishedOn = publishedOn,
            Url = string.Empty,
        });
        material.Url = $"https://{DanishNames.Ascii(publisher, '-')}.dge-materialer.dk/{PathSegment(kind)}/{material.Id}-{DanishNames.Ascii(title, '-')}";

        foreach (var themeId in themeIds)
        {
            rows.MaterialThemes.AddRow(new MaterialTheme { MaterialId = material.Id, ThemeId = themeId });
        }

        foreach (var groupKind in IntendedKinds(kind, random))
        {
            rows.MaterialGroupKinds.AddRow(new MaterialGroupKind { MaterialId = material.Id, Kind = groupKind });
        }

        catalog.Add(material, themeIds);
    }

    private static string Prefix(MaterialKind kind) => kind switch
    {
        MaterialKind.Module => "DGE-modul",
        MaterialKind.ClinicModule => "KGE-modul",
        MaterialKind.SgeCourse => "SGE-kursus",
        MaterialKind.Inspiration => "Inspirationsmateriale",
        MaterialKind.ELearning => "E-læring",
        MaterialKind.Guideline => "Klinisk vejledning",
        _ => "Klyngepakke",
    };

    private static string PathSegment(MaterialKind kind) => kind switch
    {
        MaterialKind.Module => "moduler",
        MaterialKind.ClinicModule => "kge-moduler",
        MaterialKind.SgeCourse => "sge-kurser",
        MaterialKind.Inspiration => "inspiration",
        MaterialKind.ELearning => "e-laering",
        MaterialKind.Guideline => "vejledninger",
        _ => "klyngepakker",
    };

    // PLO-E publishes the modules and courses, KiAP the cluster packages, DSAM the guidelines; the KAP units mostly inspiration material.
    private static string Publisher(MaterialKind kind, IReadOnlyList<string> kapUnits, Randomizer random) => kind switch
    {
        MaterialKind.Module => random.Chance(0.8) ? "PLO-E" : "DSAM",
        MaterialKind.ClinicModule or MaterialKind.SgeCourse => "PLO-E",
        MaterialKind.ClusterPackage => "KiAP",
        MaterialKind.Inspiration => random.Chance(0.75) ? random.Pick(kapUnits) : "PLO-E",
        MaterialKind.Guideline => random.Chance(0.85) ? "DSAM" : "KiAP",
        _ => random.Weighted<string>([("PLO-E", 0.4), ("DSAM", 0.3), ("KiAP", 0.1), (random.Pick(kapUnits), 0.2)]),
    };

    private static List<GroupKind> IntendedKinds(MaterialKind kind, Randomizer random)
    {
        var (always, sometimes) = IntendedFor[kind];
        var kinds = new List<GroupKind> { always };
        kinds.AddRange(sometimes.Where(s => random.Chance(s.Chance)).Select(s => s.Kind));
        return kinds;
    }

    private static void AddAdoptions(SeedRows rows, MaterialCatalog catalog, ClusterSeed cluster, Randomizer random)
    {
        var adoptions = random.Weighted<int>([(1, 0.35), (2, 0.45), (3, 0.2)]);

        // Most clusters work on a package on the anchor; about one in twelve has finished its last one.
        var endsActive = random.Chance(0.92);
        var latestStart = SeedCalendar.Anchor.AddDays(-45);
        var from = random.Date(SeedCalendar.MeetingsFrom, SeedCalendar.MeetingsFrom.AddDays(200));
        for (var k = 0; k < adoptions && from < latestStart; k++)
        {
            DateOnly? to = from.AddDays(random.Number(270, 540));
            var last = k == adoptions - 1 || to >= latestStart;
            if (last)
            {
                to = endsActive
                    ? (random.Chance(0.3) ? SeedCalendar.Anchor.AddDays(random.Number(30, 365)) : null)
                    : random.Date(from.AddDays(30), SeedCalendar.Anchor.AddDays(-7));
            }

            var package = catalog.PickPackage(publishedBy: from, except: cluster.Adoptions, random);
            var adoption = rows.PackageAdoptions.AddRow(new ClusterPackageAdoption { ClusterId = cluster.Cluster.Id, MaterialId = package.Id, From = from, To = to });
            cluster.Adoptions.Add(new AdoptionSeed(adoption, package, catalog.ThemeIds(package)));
            if (last || to is not { } end)
            {
                break;
            }

            from = end.AddDays(random.Number(0, 60));
        }
    }
}

using Bogus;
using Dge.Api.Materials;

namespace Dge.Api.Data.Seed;

/// <summary>The generated materials indexed the way adoptions and meetings look them up: by theme and by publication date.</summary>
internal sealed class MaterialCatalog(int themeCount)
{
    private readonly List<IReadOnlyList<int>> themeIdsByMaterial = [];
    private readonly List<LearningMaterial>[] byTheme = Enumerable.Range(0, themeCount).Select(_ => new List<LearningMaterial>()).ToArray();
    private readonly List<LearningMaterial> packages = [];

    public void Add(LearningMaterial material, IReadOnlyList<int> themeIds)
    {
        themeIdsByMaterial.Add(themeIds);
        foreach (var themeId in themeIds)
        {
            byTheme[themeId - 1].Add(material);
        }

        if (material.Kind == MaterialKind.ClusterPackage)
        {
            packages.Add(material);
        }
    }

    /// <summary>Orders every index by publication date (then id), so "published by D" is a prefix.</summary>
    public void SortByPublication()
    {
        foreach (var list in byTheme)
        {
            list.Sort(ByPublication);
        }

        packages.Sort(ByPublication);
    }

    public IReadOnlyList<int> ThemeIds(LearningMaterial material) => themeIdsByMaterial[material.Id - 1];

    /// <summary>A package published by the date and not among <paramref name="except"/>, falling back to the oldest packages.</summary>
    public LearningMaterial PickPackage(DateOnly publishedBy, IReadOnlyCollection<AdoptionSeed> except, Randomizer random)
    {
        var available = Math.Max(PublishedCount(packages, publishedBy), except.Count + 1);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var package = packages[random.Number(0, available - 1)];
            if (except.All(a => a.Package != package))
            {
                return package;
            }
        }

        return packages.First(p => except.All(a => a.Package != p));
    }

    /// <summary>A material on the theme published by the date, or null when there is none yet.</summary>
    public LearningMaterial? PickOnTheme(int themeId, DateOnly publishedBy, Randomizer random)
    {
        var list = byTheme[themeId - 1];
        var available = PublishedCount(list, publishedBy);
        return available == 0 ? null : list[random.Number(0, available - 1)];
    }

    private static int PublishedCount(List<LearningMaterial> sorted, DateOnly publishedBy)
    {
        // Binary search for the first material published after the date.
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (sorted[mid].PublishedOn <= publishedBy)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private static int ByPublication(LearningMaterial a, LearningMaterial b) =>
        a.PublishedOn != b.PublishedOn ? a.PublishedOn.CompareTo(b.PublishedOn) : a.Id.CompareTo(b.Id);
}

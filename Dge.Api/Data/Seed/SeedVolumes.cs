namespace Dge.Api.Data.Seed;

/// <summary>
/// National volumes at scale 1 (DOMAIN.md, "Realistic volumes"). The scale multiplies people, clinics and groups;
/// geography, themes and the material catalogue stay the size they are in reality.
/// </summary>
internal static class SeedVolumes
{
    public const int Gps = 3400;

    public const int Trainees = 600;

    /// <summary>Retired doctors, as a share of GPs: they keep their ended employments and memberships.</summary>
    public const double RetiredShare = 0.04;

    /// <summary>GPs established within the 24 months before the anchor.</summary>
    public const double NewGpShare = 0.11;

    public const int Materials = 2000;

    public const int ClusterPackages = 60;

    /// <summary>Largest-remainder split of <paramref name="total"/> in proportion to <paramref name="weights"/>; ties go to the earlier entry.</summary>
    public static int[] Apportion(int total, IReadOnlyList<double> weights)
    {
        var sum = weights.Sum();
        var shares = weights.Select(w => total * w / sum).ToArray();
        var result = shares.Select(s => (int)s).ToArray();
        var byRemainder = Enumerable.Range(0, shares.Length).OrderByDescending(i => shares[i] - result[i]).ThenBy(i => i).ToArray();
        var missing = total - result.Sum();
        for (var k = 0; k < missing; k++)
        {
            result[byRemainder[k]]++;
        }

        return result;
    }
}

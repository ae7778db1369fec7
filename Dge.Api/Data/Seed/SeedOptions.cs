namespace Dge.Api.Data.Seed;

/// <summary>Configuration section <c>Dge:Seed</c>: how much synthetic data an empty database gets.</summary>
public sealed class SeedOptions
{
    public const string Section = "Dge:Seed";

    /// <summary>0 = reference data only (geography, themes); 1 = national volumes; 10 and 100 multiply people and groups.</summary>
    public int Scale { get; set; } = 1;

    /// <summary>The Bogus seed: the same seed and scale always give the same database.</summary>
    public int RandomSeed { get; set; } = 20261124;
}

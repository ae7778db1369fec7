namespace Dge.Api.Data.Seed;

/// <summary>
/// How the 98 municipalities form the ~114 quality clusters: mostly one per municipality, the big cities split
/// into districts, a few small neighbours sharing. The split follows the regional estimates in regions.csv
/// (Hovedstaden 35, Sjælland 15, Syddanmark 27, Midtjylland 27, Nordjylland 10).
/// </summary>
internal static class ClusterPlan
{
    /// <summary>Small municipalities (key) whose clinics join the cluster of a neighbour (value).</summary>
    public static readonly IReadOnlyDictionary<string, string> SharesClusterWith = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["0155"] = "0185", // Dragør with Tårnby
        ["0187"] = "0183", // Vallensbæk with Ishøj
        ["0269"] = "0253", // Solrød with Greve
        ["0336"] = "0320", // Stevns with Faxe
        ["0492"] = "0479", // Ærø with Svendborg
        ["0563"] = "0561", // Fanø with Esbjerg
        ["0741"] = "0727", // Samsø with Odder
        ["0773"] = "0787", // Morsø with Thisted
        ["0825"] = "0813", // Læsø with Frederikshavn
    };

    /// <summary>Municipalities with one cluster per district.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Districts = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["0101"] = ["Indre By", "Nørrebro", "Østerbro", "Valby", "Amager"],
        ["0147"] = ["Nord", "Syd"],
        ["0157"] = ["Hellerup", "Charlottenlund"],
        ["0159"] = ["Søborg", "Bagsværd"],
        ["0217"] = ["Centrum", "Espergærde"],
        ["0461"] = ["Nord", "Syd"],
        ["0510"] = ["Centrum", "Vojens"],
        ["0540"] = ["Centrum", "Nordborg"],
        ["0561"] = ["Centrum", "Ribe"],
        ["0580"] = ["Centrum", "Rødekro"],
        ["0621"] = ["Centrum", "Christiansfeld"],
        ["0630"] = ["Centrum", "Give"],
        ["0615"] = ["Centrum", "Brædstrup"],
        ["0657"] = ["Centrum", "Aulum"],
        ["0661"] = ["Centrum", "Vinderup"],
        ["0730"] = ["Centrum", "Langå"],
        ["0740"] = ["Centrum", "Kjellerup"],
        ["0746"] = ["Centrum", "Ry"],
        ["0751"] = ["Nord", "Syd"],
        ["0760"] = ["Ringkøbing", "Skjern"],
        ["0791"] = ["Centrum", "Bjerringbro"],
        ["0851"] = ["Øst", "Vest"],
    };

    /// <summary>District labels that are directions, not places: clinics there are named after the municipality.</summary>
    public static bool IsPlace(string district) => district is not ("Nord" or "Syd" or "Øst" or "Vest" or "Centrum");
}

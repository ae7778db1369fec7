using Dge.Admin.Client;

namespace Dge.Admin.Lists;

/// <summary>A scope's coverage on a day as the API counts it: active GPs, those in a group, and the same for nynedsatte.</summary>
public sealed record CoverageFigures(int ActiveDoctors, int CoveredDoctors, int NynedsatActive, int NynedsatCovered)
{
    /// <summary>Coverage (dækningsgrad) as a Danish percentage ("78,2 %"); a dash when the scope has no active doctors.</summary>
    public string Share => Danish.Percent(CoveredDoctors, ActiveDoctors);

    public string NynedsatShare => Danish.Percent(NynedsatCovered, NynedsatActive);
}

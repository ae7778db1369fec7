using Dge.Api.GraphQL;

namespace Dge.Api.Regions;

/// <summary>The root query fields of the regions area.</summary>
public static class RegionQueries
{
    public static void AddRegionQueries(this QueryType query)
    {
        query.AddConnection(RegionType.Model);
        query.AddLookup(RegionType.Model, "regionByCode", "code", "Official region code, e.g. 1084.", (region, code) => region.Code == code, "A region by its official code (regionskode).");
    }
}

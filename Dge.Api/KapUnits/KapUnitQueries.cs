using Dge.Api.GraphQL;

namespace Dge.Api.KapUnits;

/// <summary>The root query fields of the KAP units area.</summary>
public static class KapUnitQueries
{
    public static void AddKapUnitQueries(this QueryType query)
    {
        query.AddConnection(KapUnitType.Model);
        query.AddLookup(KapUnitType.Model, "kapUnitByCode", "code", "Short code, e.g. KAP-H.", (k, code) => k.Code == code, "A KAP unit by its code.");
    }
}

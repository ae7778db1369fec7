using Dge.Api.GraphQL;

namespace Dge.Api.Municipalities;

/// <summary>The root query fields of the municipalities area.</summary>
public static class MunicipalityQueries
{
    public static void AddMunicipalityQueries(this QueryType query)
    {
        query.AddConnection(MunicipalityType.Model);
        query.AddConnection(MunicipalityType.PeriodModel);
        query.AddLookup(MunicipalityType.Model, "municipalityByCode", "code", "Official code, four digits, e.g. 0101.", (m, code) => m.Code == code, "A municipality by its official code (kommunekode).");
    }
}

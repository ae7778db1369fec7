using Dge.Api.GraphQL;

namespace Dge.Api.Clinics;

/// <summary>The root query fields of the clinics area.</summary>
public static class ClinicQueries
{
    public static void AddClinicQueries(this QueryType query)
    {
        query.AddConnection(ClinicEntityType.Model);
        query.AddLookup(ClinicEntityType.Model, "clinicByYdernummer", "ydernummer", "Six-digit provider number.", (c, ydernummer) => c.Ydernummer == ydernummer, "A clinic by its ydernummer.");
    }
}

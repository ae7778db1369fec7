using Dge.Api.GraphQL;

namespace Dge.Api.HealthCouncils;

/// <summary>The root query fields of the health councils area.</summary>
public static class HealthCouncilQueries
{
    public static void AddHealthCouncilQueries(this QueryType query)
    {
        query.AddConnection(HealthCouncilType.Model);
    }
}

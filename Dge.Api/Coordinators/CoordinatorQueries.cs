using Dge.Api.GraphQL;

namespace Dge.Api.Coordinators;

/// <summary>The root query fields of the coordinators area.</summary>
public static class CoordinatorQueries
{
    public static void AddCoordinatorQueries(this QueryType query)
    {
        query.AddConnection(CoordinatorType.Model);
    }
}

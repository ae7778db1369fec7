using Dge.Api.GraphQL;

namespace Dge.Api.Clusters;

/// <summary>The root query fields of the clusters area.</summary>
public static class ClusterQueries
{
    public static void AddClusterQueries(this QueryType query)
    {
        query.AddConnection(QualityClusterType.Model);
        query.AddConnection(QualityClusterType.MembershipModel);
        query.AddConnection(QualityClusterType.AdoptionModel);
    }
}

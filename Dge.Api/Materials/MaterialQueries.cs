using Dge.Api.GraphQL;

namespace Dge.Api.Materials;

/// <summary>The root query fields of the materials area.</summary>
public static class MaterialQueries
{
    public static void AddMaterialQueries(this QueryType query)
    {
        query.AddConnection(LearningMaterialType.Model);
        query.AddConnection(LearningMaterialType.IntendedKindModel);
    }
}

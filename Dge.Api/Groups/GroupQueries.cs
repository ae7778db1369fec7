using Dge.Api.GraphQL;

namespace Dge.Api.Groups;

/// <summary>The root query fields of the groups area.</summary>
public static class GroupQueries
{
    public static void AddGroupQueries(this QueryType query)
    {
        query.AddConnection(DgeGroupType.Model);
        query.AddConnection(DgeGroupType.MembershipModel);
    }
}

using Dge.Api.GraphQL;

namespace Dge.Api.Meetings;

/// <summary>The root query fields of the meetings area.</summary>
public static class MeetingQueries
{
    public static void AddMeetingQueries(this QueryType query)
    {
        query.AddConnection(MeetingType.Model);
    }
}

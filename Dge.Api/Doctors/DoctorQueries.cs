using Dge.Api.GraphQL;

namespace Dge.Api.Doctors;

/// <summary>The root query fields of the doctors area.</summary>
public static class DoctorQueries
{
    public static void AddDoctorQueries(this QueryType query)
    {
        query.AddConnection(DoctorType.Model);
        query.AddConnection(DoctorType.EmploymentModel);
    }
}

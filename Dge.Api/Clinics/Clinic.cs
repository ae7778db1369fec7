using Dge.Api.Clusters;
using Dge.Api.Data;
using Dge.Api.Doctors;
using Dge.Api.Municipalities;

namespace Dge.Api.Clinics;

/// <summary>A general practice (klinik / praksis), identified by its ydernummer.</summary>
public sealed class Clinic : Entity
{
    /// <summary>Provider number: exactly six digits, unique.</summary>
    public required string Ydernummer { get; set; }

    public required string Name { get; set; }

    public required string Address { get; set; }

    public int MunicipalityId { get; set; }

    public Municipality? Municipality { get; set; }

    public ClinicType Type { get; set; }

    /// <summary>Trains young doctors (uddannelsespraksis).</summary>
    public bool IsTutorPractice { get; set; }

    /// <summary>First day the clinic no longer exists (lukket), exclusive; null while it is open.</summary>
    public DateOnly? ClosedOn { get; set; }

    public List<ClinicEmployment> Employments { get; set; } = [];

    public List<ClusterClinicMembership> ClusterMemberships { get; set; } = [];
}

using Dge.Api.Clinics;
using Dge.Api.Data;

namespace Dge.Api.Doctors;

/// <summary>A period in which a doctor worked in a clinic.</summary>
public sealed class ClinicEmployment : Entity, IPeriod
{
    public int DoctorId { get; set; }

    public Doctor? Doctor { get; set; }

    public int ClinicId { get; set; }

    public Clinic? Clinic { get; set; }

    public DateOnly From { get; set; }

    public DateOnly? To { get; set; }
}

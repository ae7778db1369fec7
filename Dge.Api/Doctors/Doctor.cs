using Dge.Api.Data;

namespace Dge.Api.Doctors;

/// <summary>A doctor (læge) in general practice or training for it.</summary>
public sealed class Doctor : Entity
{
    public required string FirstName { get; set; }

    public required string LastName { get; set; }

    public required string Email { get; set; }

    public required string Phone { get; set; }

    public DoctorPhase Phase { get; set; }

    /// <summary>Date the doctor settled as GP (nedsat); null for trainees.</summary>
    public DateOnly? EstablishedOn { get; set; }

    /// <summary>Exclusive end of the GP career (pensioneret): a GP from EstablishedOn until the day before; null while practising.</summary>
    public DateOnly? RetiredOn { get; set; }

    public List<ClinicEmployment> Employments { get; set; } = [];
}

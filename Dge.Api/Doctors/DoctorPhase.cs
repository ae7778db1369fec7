namespace Dge.Api.Doctors;

/// <summary>Career phase of a doctor.</summary>
public enum DoctorPhase
{
    /// <summary>Uddannelseslæge in phase 1–3 (kommende læge).</summary>
    Trainee,

    /// <summary>Praktiserende læge.</summary>
    Gp,

    /// <summary>Retired (pensioneret).</summary>
    Retired,
}

using System.ComponentModel;

namespace Dge.Api.Doctors;

[Description("Career phase of a doctor (karrierefase).")]
public enum DoctorPhase
{
    [Description("Uddannelseslæge in phase 1–3 (kommende læge).")]
    Trainee,

    [Description("Praktiserende læge.")]
    Gp,

    [Description("Retired (pensioneret).")]
    Retired,
}

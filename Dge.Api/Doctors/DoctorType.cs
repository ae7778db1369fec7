using Dge.Api.Clinics;
using Dge.Api.Data;
using Dge.Api.GraphQL.Model;
using Dge.Api.Groups;

namespace Dge.Api.Doctors;

/// <summary>The GraphQL shape of <see cref="Doctor"/> and <see cref="ClinicEmployment"/>.</summary>
public static class DoctorType
{
    public static EntityModel<Doctor> Model { get; } =
        new EntityModel<Doctor>("Doctor", "A doctor (læge) in general practice or in training for it. Personal data: name, e-mail, phone.", "doctors", "All doctors (læger).")
            .Scalar("firstName", d => d.FirstName, "First name (fornavn).")
            .Scalar("lastName", d => d.LastName, "Last name (efternavn).")
            .Personal("email", d => d.Email, "E-mail address (e-mail).")
            .Personal("phone", d => d.Phone, "Phone number (telefon).")
            .Scalar("phase", d => d.Phase, "Career phase (karrierefase): TRAINEE (uddannelseslæge), GP (praktiserende læge) or RETIRED.")
            .Scalar("establishedOn", d => d.EstablishedOn, $"Day the doctor settled as GP (nedsat); null for trainees. Nynedsat = within the {Nynedsat.Months} months before a date.")
            .Scalar("retiredOn", d => d.RetiredOn, "Day the doctor stopped practising as GP (pensioneret), exclusive: a GP from establishedOn until the day before; null while practising and for trainees.")
            .ReferenceOn("clinic", CurrentLink.Of<Doctor, ClinicEmployment, Clinic>(d => d.Employments, e => e.DoctorId, e => e.Clinic),
                "The clinic (klinik) the doctor works in; with two at once, the one joined most recently.")
            .Connection("employments", db => db.ClinicEmployments, e => e.DoctorId, "Every employment period (ansættelser), past and present.")
            .Connection("memberships", db => db.GroupMemberships, m => m.DoctorId, "Every group membership (medlemskaber), past and present.")
            .Connection("groups", db => db.GroupMemberships, m => m.DoctorId, m => m.Group!, Periods.ActiveOn<GroupMembership>, "The groups (grupper) the doctor is a member of.")
            .Connection("meetingsAttended", db => db.MeetingAttendances, a => a.DoctorId, a => a.Meeting!, "Meetings (møder) the doctor attended.")
            .Connection("coordinatorRoles", db => db.Coordinators, c => c.DoctorId, "Coordinating roles (koordinatorroller) the doctor holds or held.");

    public static EntityModel<ClinicEmployment> EmploymentModel { get; } =
        new EntityModel<ClinicEmployment>("ClinicEmployment", "A period in which a doctor worked in a clinic (ansættelse); half-open [from, to).", "clinicEmployments", "All employment periods.")
            .Period("employment")
            .Reference("doctor", e => e.Doctor, "The doctor (læge).")
            .Reference("clinic", e => e.Clinic, "The clinic (klinik).");
}

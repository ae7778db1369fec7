using Dge.Api.Clinics;
using Dge.Api.GraphQL.Mutations;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Doctors;

public sealed record CreateDoctorInput
{
    public required string FirstName { get; init; }

    public required string LastName { get; init; }

    public required string Email { get; init; }

    public required string Phone { get; init; }

    public required DoctorPhase Phase { get; init; }

    public DateOnly? EstablishedOn { get; init; }

    public DateOnly? RetiredOn { get; init; }
}

/// <summary>Fields left out (null) keep their value.</summary>
public sealed record UpdateDoctorInput
{
    public required string Id { get; init; }

    public required int ExpectedVersion { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public DoctorPhase? Phase { get; init; }

    public DateOnly? EstablishedOn { get; init; }

    public DateOnly? RetiredOn { get; init; }
}

public sealed record StartEmploymentInput
{
    public required string DoctorId { get; init; }

    public required string ClinicId { get; init; }

    public required DateOnly From { get; init; }

    public DateOnly? To { get; init; }
}

public sealed record EndEmploymentInput
{
    public required string Id { get; init; }

    public required int ExpectedVersion { get; init; }

    public required DateOnly To { get; init; }
}

/// <summary>The doctor mutations: registering and correcting doctors (personal data) and their employment in clinics.</summary>
public static class DoctorMutations
{
    private static readonly IReadOnlyList<string> FindAndChange = [MutationErrorGraphTypes.NotFound, MutationErrorGraphTypes.Conflict];

    public static MutationType AddDoctorMutations(this MutationType mutation)
    {
        mutation.Add(new MutationDefinition<CreateDoctorInput, Doctor>
        {
            Name = "createDoctor",
            Description = "Registers a doctor (læge). The career is dated: a TRAINEE has no establishedOn; a GP has one; a RETIRED doctor has both establishedOn and retiredOn.",
            ResultField = "doctor",
            ResultType = "Doctor",
            Input =
            [
                new("firstName", "String!", "First name, at most 100 characters."),
                new("lastName", "String!", "Last name, at most 100 characters."),
                new("email", "String!", "E-mail address (personal data)."),
                new("phone", "String!", "Phone number, 8–15 digits (personal data)."),
                new("phase", "DoctorPhase!", "Career phase."),
                new("establishedOn", "Date", "Day the doctor settled as GP (nedsat): required for GP and RETIRED, absent for TRAINEE."),
                new("retiredOn", "Date", "First day no longer practising (exclusive end of the GP career): required for RETIRED, after establishedOn."),
            ],
            Errors = [],
            Run = CreateAsync,
        });
        mutation.Add(new MutationDefinition<UpdateDoctorInput, Doctor>
        {
            Name = "updateDoctor",
            Description = "Corrects a doctor's name, contact or career; fields left out keep their value. The career stays consistent with the phase, and a retirement may not cut through employments or memberships: end those first.",
            ResultField = "doctor",
            ResultType = "Doctor",
            Input =
            [
                new("id", "ID!", "The doctor."),
                new("expectedVersion", "Int!", "The version the caller read; a newer one is a ConflictError."),
                new("firstName", "String", "New first name."),
                new("lastName", "String", "New last name."),
                new("email", "String", "New e-mail address."),
                new("phone", "String", "New phone number."),
                new("phase", "DoctorPhase", "New career phase."),
                new("establishedOn", "Date", "New day settled as GP."),
                new("retiredOn", "Date", "New day of retirement (exclusive)."),
            ],
            Errors = FindAndChange,
            Run = UpdateAsync,
        });
        mutation.Add(new MutationDefinition<StartEmploymentInput, ClinicEmployment>
        {
            Name = "startEmployment",
            Description = "Records that a doctor works in a clinic (ansættelse) from a day, optionally until one. A doctor's periods in one clinic must not overlap, nor run past the retirement.",
            ResultField = "employment",
            ResultType = "ClinicEmployment",
            Input =
            [
                new("doctorId", "ID!", "The doctor."),
                new("clinicId", "ID!", "The clinic."),
                new("from", "Date!", "First day of the employment."),
                new("to", "Date", "First day no longer employed (exclusive); null while it lasts."),
            ],
            Errors = [MutationErrorGraphTypes.NotFound],
            Run = StartEmploymentAsync,
        });
        mutation.Add(new MutationDefinition<EndEmploymentInput, ClinicEmployment>
        {
            Name = "endEmployment",
            Description = "Ends a running employment on a day (exclusive).",
            ResultField = "employment",
            ResultType = "ClinicEmployment",
            Input =
            [
                new("id", "ID!", "The employment."),
                new("expectedVersion", "Int!", "The version the caller read; a newer one is a ConflictError."),
                new("to", "Date!", "First day no longer employed; not before the start."),
            ],
            Errors = FindAndChange,
            Run = EndEmploymentAsync,
        });
        return mutation;
    }

    private static Task<Doctor> CreateAsync(WriteTransaction write, CreateDoctorInput input, CancellationToken cancellationToken)
    {
        var doctor = new Doctor
        {
            FirstName = InputRules.Text(input.FirstName, "firstName", 100),
            LastName = InputRules.Text(input.LastName, "lastName", 100),
            Email = InputRules.Email(input.Email, "email", 200),
            Phone = InputRules.Phone(input.Phone, "phone"),
            Phase = input.Phase,
            EstablishedOn = input.EstablishedOn is { } established ? InputRules.Date(established, "establishedOn") : null,
        };
        doctor.RetiredOn = doctor.EstablishedOn is { } from ? InputRules.End(input.RetiredOn, from, "retiredOn") : input.RetiredOn;
        RequireConsistentCareer(doctor, write.Today);
        write.Db.Doctors.Add(doctor);
        return Task.FromResult(doctor);
    }

    private static async Task<Doctor> UpdateAsync(WriteTransaction write, UpdateDoctorInput input, CancellationToken cancellationToken)
    {
        var doctor = await write.FindAsync<Doctor>(input.Id, "id", cancellationToken);
        write.ExpectVersion(doctor, input.ExpectedVersion);
        doctor.FirstName = input.FirstName is null ? doctor.FirstName : InputRules.Text(input.FirstName, "firstName", 100);
        doctor.LastName = input.LastName is null ? doctor.LastName : InputRules.Text(input.LastName, "lastName", 100);
        doctor.Email = input.Email is null ? doctor.Email : InputRules.Email(input.Email, "email", 200);
        doctor.Phone = input.Phone is null ? doctor.Phone : InputRules.Phone(input.Phone, "phone");
        doctor.Phase = input.Phase ?? doctor.Phase;
        doctor.EstablishedOn = input.EstablishedOn is { } established ? InputRules.Date(established, "establishedOn") : doctor.EstablishedOn;
        if (input.RetiredOn is { } retiredOn)
        {
            doctor.RetiredOn = doctor.EstablishedOn is { } from ? InputRules.End(retiredOn, from, "retiredOn") : retiredOn;
        }
        else if (doctor.RetiredOn < doctor.EstablishedOn)
        {
            throw MutationRefusedException.Invalid("establishedOn", "PERIOD_ORDER", $"establishedOn must not be after the retirement ({doctor.RetiredOn:yyyy-MM-dd}).");
        }

        RequireConsistentCareer(doctor, write.Today);
        if (doctor.RetiredOn is { } retired && input.RetiredOn is not null)
        {
            await RequireNothingAfterRetirementAsync(write, doctor.Id, retired, cancellationToken);
        }

        return doctor;
    }

    private static async Task<ClinicEmployment> StartEmploymentAsync(WriteTransaction write, StartEmploymentInput input, CancellationToken cancellationToken)
    {
        var doctor = await write.FindAsync<Doctor>(input.DoctorId, "doctorId", cancellationToken);
        var clinic = await write.FindAsync<Clinic>(input.ClinicId, "clinicId", cancellationToken);
        var from = InputRules.Date(input.From, "from");
        var to = InputRules.End(input.To, from, "to");
        if (doctor.RetiredOn is { } retired && (from >= retired || to is null || to > retired))
        {
            throw MutationRefusedException.Invalid(from >= retired ? "from" : "to", "AFTER_RETIREMENT", $"The doctor retired on {retired:yyyy-MM-dd}: an employment must end by then.");
        }

        if (clinic.ClosedOn is { } closed && (from >= closed || to is null || to > closed))
        {
            throw MutationRefusedException.Invalid(from >= closed ? "from" : "to", "CLINIC_CLOSED", $"The clinic closed on {closed:yyyy-MM-dd}: an employment must end by then.");
        }

        var others = await write.Db.ClinicEmployments.Where(e => e.DoctorId == doctor.Id && e.ClinicId == clinic.Id).ToListAsync(cancellationToken);
        if (others.FirstOrDefault(e => InputRules.Overlap(from, to, e)) is { } other)
        {
            throw MutationRefusedException.Invalid("from", "OVERLAPPING_EMPLOYMENT",
                $"The doctor works in the clinic already from {other.From:yyyy-MM-dd}{(other.To is { } t ? $" to {t:yyyy-MM-dd}" : string.Empty)}; periods in one clinic must not overlap.");
        }

        var employment = new ClinicEmployment { DoctorId = doctor.Id, ClinicId = clinic.Id, From = from, To = to };
        write.Db.ClinicEmployments.Add(employment);
        return employment;
    }

    private static async Task<ClinicEmployment> EndEmploymentAsync(WriteTransaction write, EndEmploymentInput input, CancellationToken cancellationToken)
    {
        var employment = await write.FindAsync<ClinicEmployment>(input.Id, "id", cancellationToken);
        write.ExpectVersion(employment, input.ExpectedVersion);
        if (employment.To is { } ended)
        {
            throw MutationRefusedException.Invalid("id", "ALREADY_ENDED", $"The employment ended on {ended:yyyy-MM-dd}.");
        }

        employment.To = InputRules.End(input.To, employment.From, "to");
        return employment;
    }

    /// <summary>The phase agrees with the dated career: trainees have no GP dates, GPs settled, the retired retired.</summary>
    private static void RequireConsistentCareer(Doctor doctor, DateOnly today)
    {
        switch (doctor.Phase)
        {
            case DoctorPhase.Trainee when doctor.EstablishedOn is not null || doctor.RetiredOn is not null:
                throw MutationRefusedException.Invalid("phase", "PHASE_MISMATCH", "A TRAINEE has no establishedOn or retiredOn: give the phase GP or RETIRED, or leave the dates out.");
            case DoctorPhase.Gp or DoctorPhase.Retired when doctor.EstablishedOn is null:
                throw MutationRefusedException.Invalid("establishedOn", "REQUIRED", $"A doctor in phase {doctor.Phase.ToString().ToUpperInvariant()} has settled as GP: establishedOn is required.");
            case DoctorPhase.Retired when doctor.RetiredOn is null:
                throw MutationRefusedException.Invalid("retiredOn", "REQUIRED", "A RETIRED doctor has a retirement day: retiredOn is required.");
            case DoctorPhase.Gp when doctor.RetiredOn <= today:
                throw MutationRefusedException.Invalid("phase", "PHASE_MISMATCH", $"The doctor retired on {doctor.RetiredOn:yyyy-MM-dd}: the phase is RETIRED.");
        }
    }

    /// <summary>Refuses a retirement that employments or memberships run past: they are ended first, on or before it.</summary>
    private static async Task RequireNothingAfterRetirementAsync(WriteTransaction write, int doctorId, DateOnly retired, CancellationToken cancellationToken)
    {
        var employed = await write.Db.ClinicEmployments.AnyAsync(e => e.DoctorId == doctorId && (e.To == null || e.To > retired), cancellationToken);
        var member = await write.Db.GroupMemberships.AnyAsync(m => m.DoctorId == doctorId && (m.To == null || m.To > retired), cancellationToken);
        if (employed || member)
        {
            throw MutationRefusedException.Invalid("retiredOn", "ACTIVE_AFTER_RETIREMENT",
                $"The doctor has {(employed ? "an employment" : "a group membership")} running past {retired:yyyy-MM-dd}: end it on or before the retirement first.");
        }
    }
}

using Bogus;
using Dge.Api.Doctors;

namespace Dge.Api.Data.Seed;

/// <summary>
/// GPs for every clinic seat, trainees in tutor practices and retired doctors, with their clinic employments.
/// Some GPs moved clinic (a closed employment before the current one); about 11 % are nynedsatte.
/// </summary>
internal static class PeopleGenerator
{
    private static readonly DateOnly EarliestEstablished = new(1988, 1, 1);
    private static readonly DateOnly EarliestRetireeEstablished = new(1978, 1, 1);
    private static readonly DateOnly LatestRetireeEstablished = new(2001, 1, 1);

    public static void Generate(SeedRows rows, IReadOnlyList<RegionSeed> regions, int scale, ContactBook contacts, Randomizer random)
    {
        foreach (var region in regions)
        {
            foreach (var cluster in region.Clusters)
            {
                foreach (var clinic in cluster.Clinics)
                {
                    for (var seat = 0; seat < clinic.GpSeats; seat++)
                    {
                        var gp = AddGp(rows, clinic, contacts, random);
                        clinic.Doctors.Add(gp);
                        cluster.ActiveGps.Add(gp);
                    }
                }
            }
        }

        var traineesPerRegion = SeedVolumes.Apportion(SeedVolumes.Trainees * scale, regions.Select(r => (double)r.GpWeight).ToList());
        for (var r = 0; r < regions.Count; r++)
        {
            var tutorPractices = regions[r].Clinics.Where(c => c.Clinic.IsTutorPractice).ToList();
            for (var i = 0; i < traineesPerRegion[r]; i++)
            {
                var trainee = AddTrainee(rows, random.Pick(tutorPractices), contacts, random);
                trainee.Clinic.Doctors.Add(trainee);
                regions[r].Trainees.Add(trainee);
            }
        }

        foreach (var region in regions)
        {
            var retirees = (int)Math.Round(region.Clusters.Sum(c => c.ActiveGps.Count) * SeedVolumes.RetiredShare);
            for (var i = 0; i < retirees; i++)
            {
                region.RetiredDoctors.Add(AddRetiree(rows, random.Pick(region.Clinics), contacts, random));
            }
        }
    }

    private static DoctorSeed AddGp(SeedRows rows, ClinicSeed clinic, ContactBook contacts, Randomizer random)
    {
        var isNewGp = random.Chance(SeedVolumes.NewGpShare);
        var established = isNewGp
            ? random.Date(SeedCalendar.NewGpSince, SeedCalendar.Anchor)
            : random.Date(EarliestEstablished, SeedCalendar.NewGpSince);
        var doctor = AddDoctor(rows, DoctorPhase.Gp, established, contacts, random);

        // About 8 % of the established GPs moved practice within their region at some point.
        var employedFrom = established;
        var previous = !isNewGp && established < SeedCalendar.Anchor.AddYears(-3) && random.Chance(0.08) ? random.Pick(clinic.Area.Region.Clinics) : null;
        if (previous is not null && previous != clinic)
        {
            employedFrom = random.Date(established.AddYears(1), SeedCalendar.Anchor.AddDays(-30));
            rows.Employments.AddRow(new ClinicEmployment { DoctorId = doctor.Id, ClinicId = previous.Clinic.Id, From = established, To = employedFrom });
        }

        rows.Employments.AddRow(new ClinicEmployment { DoctorId = doctor.Id, ClinicId = clinic.Clinic.Id, From = employedFrom });
        return new DoctorSeed { Doctor = doctor, Clinic = clinic, EmployedFrom = employedFrom, IsNewGp = isNewGp };
    }

    private static DoctorSeed AddTrainee(SeedRows rows, ClinicSeed tutorPractice, ContactBook contacts, Randomizer random)
    {
        var doctor = AddDoctor(rows, DoctorPhase.Trainee, established: null, contacts, random);

        // Training posts in general practice last from six months (phase 1) to a year and a half (phase 3).
        var from = random.Date(SeedCalendar.Anchor.AddMonths(-30), SeedCalendar.Anchor.AddDays(-14));
        rows.Employments.AddRow(new ClinicEmployment { DoctorId = doctor.Id, ClinicId = tutorPractice.Clinic.Id, From = from });
        return new DoctorSeed { Doctor = doctor, Clinic = tutorPractice, EmployedFrom = from };
    }

    private static DoctorSeed AddRetiree(SeedRows rows, ClinicSeed lastClinic, ContactBook contacts, Randomizer random)
    {
        var established = random.Date(EarliestRetireeEstablished, LatestRetireeEstablished);
        var doctor = AddDoctor(rows, DoctorPhase.Retired, established, contacts, random);
        var retiredOn = random.Date(SeedCalendar.Anchor.AddYears(-6), SeedCalendar.Anchor.AddDays(-30));
        doctor.RetiredOn = retiredOn;
        rows.Employments.AddRow(new ClinicEmployment { DoctorId = doctor.Id, ClinicId = lastClinic.Clinic.Id, From = established, To = retiredOn });
        return new DoctorSeed { Doctor = doctor, Clinic = lastClinic, EmployedFrom = established, RetiredOn = retiredOn };
    }

    private static Doctor AddDoctor(SeedRows rows, DoctorPhase phase, DateOnly? established, ContactBook contacts, Randomizer random)
    {
        var (first, last) = ContactBook.NewName(random);
        return rows.Doctors.AddRow(new Doctor
        {
            FirstName = first,
            LastName = last,
            Email = contacts.PersonalEmail(first, last, random),
            Phone = contacts.NewPhone(),
            Phase = phase,
            EstablishedOn = established,
        });
    }
}

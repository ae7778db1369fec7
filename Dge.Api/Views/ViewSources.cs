using System.Linq.Expressions;
using Dge.Api.Clusters;
using Dge.Api.Data;
using Dge.Api.Doctors;
using Dge.Api.Groups;
using Dge.Api.Municipalities;

namespace Dge.Api.Views;

/// <summary>An employment active on a day, placed where its clinic is that day: municipality and cluster.</summary>
public sealed class PlacedEmployment
{
    public int DoctorId { get; init; }

    public int ClinicId { get; init; }

    public int MunicipalityId { get; init; }

    /// <summary>The clinic's cluster on the day (<see cref="CurrentCluster"/>); null when it is in none.</summary>
    public int? ClusterId { get; init; }
}

/// <summary>An active doctor on a day (practising as GP, working in a clinic), with the facts every view needs; one row per active employment.</summary>
public sealed class ActiveDoctor
{
    public int DoctorId { get; init; }

    public int ClinicId { get; init; }

    public int MunicipalityId { get; init; }

    /// <summary>The clinic's cluster on the day (<see cref="CurrentCluster"/>); null when it is in none.</summary>
    public int? ClusterId { get; init; }

    public bool IsNynedsat { get; init; }

    /// <summary>Has at least one membership active on the day in a group active on the day.</summary>
    public bool IsCovered { get; init; }
}

/// <summary>A doctor practising as GP on a day (<see cref="Careers"/>), whether or not working in a clinic.</summary>
public sealed class PractisingDoctor
{
    public int DoctorId { get; init; }

    public bool IsNynedsat { get; init; }
}

/// <summary>An active doctor placed in one scope (region, KAP unit, health council, municipality or cluster).</summary>
public sealed class ScopedDoctor
{
    public int ScopeId { get; init; }

    public int DoctorId { get; init; }

    public bool IsNynedsat { get; init; }

    public bool IsCovered { get; init; }
}

/// <summary>The SQL building blocks the views are composed from; every view reads the data through these, so the definitions live here once.</summary>
public static class ViewSources
{
    /// <summary>The scope id of the single national coverage row: no entity has it.</summary>
    public const int NationalScopeId = 0;

    /// <summary>Memberships active on <paramref name="day"/> in groups active on <paramref name="day"/>: a group's current members.</summary>
    public static IQueryable<GroupMembership> CurrentMemberships(DgeDbContext db, DateOnly day) =>
        from m in db.GroupMemberships.Where(Periods.ActiveOn<GroupMembership>(day))
        join g in db.Groups.Where(Periods.ActiveOn<DgeGroup>(day)) on m.GroupId equals g.Id
        select m;

    /// <summary>Employments active on <paramref name="day"/> (any doctor, trainees too), with their clinic's municipality and cluster.</summary>
    public static IQueryable<PlacedEmployment> PlacedEmployments(DgeDbContext db, DateOnly day)
    {
        Expression<Func<ClinicEmployment, int?, PlacedEmployment>> shape = (e, clusterId) => new PlacedEmployment
        {
            DoctorId = e.DoctorId,
            ClinicId = e.ClinicId,
            MunicipalityId = e.Clinic!.MunicipalityId,
            ClusterId = clusterId,
        };

        // The cluster rule is spliced in from its area, so every view places a clinic in the same cluster.
        var employment = shape.Parameters[0];
        var clusterId = ExpressionRewriter.Inline(CurrentCluster.Of<ClinicEmployment, int?>(e => e.Clinic!.ClusterMemberships, m => m.ClusterId, day), employment);
        return db.ClinicEmployments.Where(Periods.ActiveOn<ClinicEmployment>(day))
            .Select(Expression.Lambda<Func<ClinicEmployment, PlacedEmployment>>(ExpressionRewriter.Inline(shape, employment, clusterId), employment));
    }

    /// <summary>Active doctors on <paramref name="day"/>: practising as GP that day (<see cref="Careers"/>), with an employment active that day.</summary>
    public static IQueryable<ActiveDoctor> ActiveDoctors(DgeDbContext db, DateOnly day)
    {
        var memberships = CurrentMemberships(db, day);
        Expression<Func<PlacedEmployment, Doctor, bool, ActiveDoctor>> shape = (e, d, isNynedsat) => new ActiveDoctor
        {
            DoctorId = e.DoctorId,
            ClinicId = e.ClinicId,
            MunicipalityId = e.MunicipalityId,
            ClusterId = e.ClusterId,
            IsNynedsat = isNynedsat,
            IsCovered = memberships.Any(m => m.DoctorId == e.DoctorId),
        };

        // The nynedsat rule is spliced in from its area, so SQL and memory share one definition.
        var (employment, doctor) = (shape.Parameters[0], shape.Parameters[1]);
        var isNynedsat = ExpressionRewriter.Inline(Nynedsat.Of<Doctor>(d => d.EstablishedOn, day), doctor);
        return PlacedEmployments(db, day)
            .Join(
                db.Doctors.Where(Careers.PractisingOn(day)),
                e => e.DoctorId,
                d => d.Id,
                Expression.Lambda<Func<PlacedEmployment, Doctor, ActiveDoctor>>(ExpressionRewriter.Inline(shape, employment, doctor, isNynedsat), employment, doctor));
    }

    /// <summary>
    /// Doctors practising as GP on <paramref name="day"/>, with the nynedsat rule of <see cref="ActiveDoctors"/>: for a view
    /// that joins them to <see cref="PlacedEmployments"/> itself, in memory.
    /// </summary>
    public static IQueryable<PractisingDoctor> PractisingDoctors(DgeDbContext db, DateOnly day)
    {
        Expression<Func<Doctor, bool, PractisingDoctor>> shape = (d, isNynedsat) => new PractisingDoctor { DoctorId = d.Id, IsNynedsat = isNynedsat };
        var doctor = shape.Parameters[0];
        var isNynedsat = ExpressionRewriter.Inline(Nynedsat.Of<Doctor>(d => d.EstablishedOn, day), doctor);
        return db.Doctors.Where(Careers.PractisingOn(day))
            .Select(Expression.Lambda<Func<Doctor, PractisingDoctor>>(ExpressionRewriter.Inline(shape, doctor, isNynedsat), doctor));
    }

    /// <summary>
    /// Active doctors on <paramref name="day"/> placed in their scopes, optionally only those working in the given municipalities. Regions
    /// are taken as they stand on <paramref name="regionDay"/> (normally the same day); KAP units by the region they were founded for,
    /// through the municipality's region history.
    /// </summary>
    public static IQueryable<ScopedDoctor> ScopedDoctors(
        DgeDbContext db, CoverageScope scope, DateOnly day, DateOnly? regionDay = null, IReadOnlyCollection<int>? municipalityIds = null)
    {
        var doctors = ActiveDoctors(db, day);
        if (municipalityIds is not null)
        {
            var inMunicipalities = municipalityIds.ToList();
            doctors = doctors.Where(d => inMunicipalities.Contains(d.MunicipalityId));
        }

        return scope switch
        {
            CoverageScope.National => doctors.Select(d => new ScopedDoctor
            {
                ScopeId = NationalScopeId, DoctorId = d.DoctorId, IsNynedsat = d.IsNynedsat, IsCovered = d.IsCovered,
            }),
            CoverageScope.Municipality => doctors.Select(d => new ScopedDoctor
            {
                ScopeId = d.MunicipalityId, DoctorId = d.DoctorId, IsNynedsat = d.IsNynedsat, IsCovered = d.IsCovered,
            }),
            CoverageScope.HealthCouncil =>
                from d in doctors
                join m in db.Municipalities on d.MunicipalityId equals m.Id
                select new ScopedDoctor { ScopeId = m.HealthCouncilId, DoctorId = d.DoctorId, IsNynedsat = d.IsNynedsat, IsCovered = d.IsCovered },
            CoverageScope.Region =>
                from d in doctors
                join p in db.MunicipalityRegions.Where(Periods.ActiveOn<MunicipalityRegion>(regionDay ?? day)) on d.MunicipalityId equals p.MunicipalityId
                select new ScopedDoctor { ScopeId = p.RegionId, DoctorId = d.DoctorId, IsNynedsat = d.IsNynedsat, IsCovered = d.IsCovered },
            CoverageScope.KapUnit =>
                from d in doctors
                join p in db.MunicipalityRegions on d.MunicipalityId equals p.MunicipalityId
                join k in db.KapUnits on p.RegionId equals k.RegionId
                select new ScopedDoctor { ScopeId = k.Id, DoctorId = d.DoctorId, IsNynedsat = d.IsNynedsat, IsCovered = d.IsCovered },
            CoverageScope.Cluster =>
                from d in doctors
                where d.ClusterId != null
                select new ScopedDoctor { ScopeId = d.ClusterId!.Value, DoctorId = d.DoctorId, IsNynedsat = d.IsNynedsat, IsCovered = d.IsCovered },
            _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown coverage scope."),
        };
    }
}

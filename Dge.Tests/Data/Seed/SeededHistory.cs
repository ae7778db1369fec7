using Dge.Api.Clinics;
using Dge.Api.Clusters;
using Dge.Api.Coordinators;
using Dge.Api.Doctors;
using Dge.Api.Groups;
using Dge.Api.KapUnits;
using Dge.Api.Meetings;
using Dge.Api.Municipalities;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Data.Seed;

/// <summary>
/// The national (scale 1) database's dated tables, loaded into memory once per test class: the rule checks walk whole
/// histories, which is simpler and faster in plain LINQ-to-objects than in SQL. Read-only, so the tests share it.
/// </summary>
public sealed class SeededHistory : IAsyncLifetime
{
    public List<Municipality> Municipalities { get; private set; } = [];

    public List<MunicipalityRegion> MunicipalityRegions { get; private set; } = [];

    public List<KapUnit> KapUnits { get; private set; } = [];

    public List<QualityCluster> Clusters { get; private set; } = [];

    public List<ClusterClinicMembership> ClusterMemberships { get; private set; } = [];

    public List<ClusterPackageAdoption> Adoptions { get; private set; } = [];

    public List<Clinic> Clinics { get; private set; } = [];

    public List<Doctor> Doctors { get; private set; } = [];

    public List<ClinicEmployment> Employments { get; private set; } = [];

    public List<Coordinator> Coordinators { get; private set; } = [];

    public List<DgeGroup> Groups { get; private set; } = [];

    public List<GroupMembership> Memberships { get; private set; } = [];

    public List<Meeting> Meetings { get; private set; } = [];

    public List<MeetingAttendance> Attendances { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await using var db = TestDatabases.Open(await TestDatabases.CopyNationalAsync());
        Municipalities = await db.Municipalities.AsNoTracking().ToListAsync();
        MunicipalityRegions = await db.MunicipalityRegions.AsNoTracking().ToListAsync();
        KapUnits = await db.KapUnits.AsNoTracking().ToListAsync();
        Clusters = await db.QualityClusters.AsNoTracking().ToListAsync();
        ClusterMemberships = await db.ClusterClinicMemberships.AsNoTracking().ToListAsync();
        Adoptions = await db.ClusterPackageAdoptions.AsNoTracking().ToListAsync();
        Clinics = await db.Clinics.AsNoTracking().ToListAsync();
        Doctors = await db.Doctors.AsNoTracking().ToListAsync();
        Employments = await db.ClinicEmployments.AsNoTracking().ToListAsync();
        Coordinators = await db.Coordinators.AsNoTracking().ToListAsync();
        Groups = await db.Groups.AsNoTracking().ToListAsync();
        Memberships = await db.GroupMemberships.AsNoTracking().ToListAsync();
        Meetings = await db.Meetings.AsNoTracking().ToListAsync();
        Attendances = await db.MeetingAttendances.AsNoTracking().ToListAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    // "Active on D" for half-open periods, written out here rather than taken from the API: the check is independent.
    public static bool On(DateOnly from, DateOnly? to, DateOnly day) => from <= day && (to is null || day < to.Value);

    /// <summary>The memberships active on <paramref name="day"/> of a group active that day; empty when the group is not.</summary>
    public IEnumerable<GroupMembership> CurrentMemberships(DgeGroup group, ILookup<int, GroupMembership> byGroup, DateOnly day) =>
        On(group.From, group.To, day) ? byGroup[group.Id].Where(m => On(m.From, m.To, day)) : [];
}

using Dge.Api.Clinics;
using Dge.Api.Clusters;
using Dge.Api.Coordinators;
using Dge.Api.Doctors;
using Dge.Api.Groups;
using Dge.Api.HealthCouncils;
using Dge.Api.KapUnits;
using Dge.Api.Materials;
using Dge.Api.Meetings;
using Dge.Api.Municipalities;
using Dge.Api.Regions;
using Dge.Api.Themes;

namespace Dge.Api.Data.Seed;

/// <summary>Every row the seed writes, per table, in id order.</summary>
internal sealed class SeedRows
{
    public List<Region> Regions { get; } = [];

    public List<HealthCouncil> HealthCouncils { get; } = [];

    public List<Municipality> Municipalities { get; } = [];

    public List<MunicipalityRegion> MunicipalityRegions { get; } = [];

    public List<KapUnit> KapUnits { get; } = [];

    public List<Theme> Themes { get; } = [];

    public List<QualityCluster> Clusters { get; } = [];

    public List<Clinic> Clinics { get; } = [];

    public List<ClusterClinicMembership> ClusterMemberships { get; } = [];

    public List<Doctor> Doctors { get; } = [];

    public List<ClinicEmployment> Employments { get; } = [];

    public List<Coordinator> Coordinators { get; } = [];

    public List<LearningMaterial> Materials { get; } = [];

    public List<MaterialTheme> MaterialThemes { get; } = [];

    public List<MaterialGroupKind> MaterialGroupKinds { get; } = [];

    public List<ClusterPackageAdoption> PackageAdoptions { get; } = [];

    public List<DgeGroup> Groups { get; } = [];

    public List<GroupMembership> GroupMemberships { get; } = [];

    public List<Meeting> Meetings { get; } = [];

    public List<MeetingTheme> MeetingThemes { get; } = [];

    public List<MeetingMaterial> MeetingMaterials { get; } = [];

    public List<MeetingAttendance> MeetingAttendances { get; } = [];
}

internal static class SeedRowExtensions
{
    /// <summary>Appends a new row with the next id of its table (1..n) and the first version.</summary>
    public static T AddRow<T>(this List<T> table, T row)
        where T : Entity
    {
        row.Id = table.Count + 1;
        row.Version = 1;
        table.Add(row);
        return row;
    }
}

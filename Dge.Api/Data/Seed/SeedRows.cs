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

/// <summary>
/// The rows the seed holds until every generator that reads or completes them is done, per table, in id order. The
/// meeting tables, most of the rows at scale 100, are written as they are generated instead (<see cref="MeetingTables"/>).
/// </summary>
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
}

/// <summary>The meeting tables, written to the database while the meetings are generated.</summary>
internal sealed class MeetingTables(DgeDbContext db) : IDisposable
{
    public StreamedTable<Meeting> Meetings { get; } = new(BulkWriter<Meeting>.Create(db));

    public StreamedTable<MeetingTheme> MeetingThemes { get; } = new(BulkWriter<MeetingTheme>.Create(db));

    public StreamedTable<MeetingMaterial> MeetingMaterials { get; } = new(BulkWriter<MeetingMaterial>.Create(db));

    public StreamedTable<MeetingAttendance> MeetingAttendances { get; } = new(BulkWriter<MeetingAttendance>.Create(db));

    /// <summary>Finishes the tables, parents first: every row added is written.</summary>
    public void Complete(CancellationToken cancellationToken)
    {
        Meetings.Complete(cancellationToken);
        MeetingThemes.Complete(cancellationToken);
        MeetingMaterials.Complete(cancellationToken);
        MeetingAttendances.Complete(cancellationToken);
    }

    public void Dispose()
    {
        Meetings.Dispose();
        MeetingThemes.Dispose();
        MeetingMaterials.Dispose();
        MeetingAttendances.Dispose();
    }
}

/// <summary>A table whose rows go to the database as they are added, numbered as <see cref="SeedRowExtensions.AddRow"/> numbers them.</summary>
internal sealed class StreamedTable<T>(BulkWriter<T> writer) : IDisposable
    where T : Entity
{
    private int count;

    /// <summary>Gives the row the next id of its table (1..n) and the first version, and writes it.</summary>
    public T AddRow(T row, CancellationToken cancellationToken)
    {
        writer.Add(SeedRowExtensions.Numbered(row, ++count), cancellationToken);
        return row;
    }

    /// <summary>Writes every row added (<see cref="BulkWriter{T}.Complete"/>).</summary>
    public void Complete(CancellationToken cancellationToken) => writer.Complete(cancellationToken);

    public void Dispose() => writer.Dispose();
}

internal static class SeedRowExtensions
{
    /// <summary>Appends a new row with the next id of its table (1..n) and the first version.</summary>
    public static T AddRow<T>(this List<T> table, T row)
        where T : Entity
    {
        table.Add(Numbered(row, table.Count + 1));
        return row;
    }

    /// <summary>The row as the seed writes it: the given id of its table and the first version.</summary>
    public static T Numbered<T>(T row, int id)
        where T : Entity
    {
        row.Id = id;
        row.Version = 1;
        return row;
    }
}

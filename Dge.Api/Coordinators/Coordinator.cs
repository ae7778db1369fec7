using Dge.Api.Clusters;
using Dge.Api.Data;
using Dge.Api.Doctors;
using Dge.Api.KapUnits;
using Dge.Api.Municipalities;
using Dge.Api.Regions;

namespace Dge.Api.Coordinators;

/// <summary>A person in a coordinating role (koordinator / vejleder) for a period, with a scope set by the role.</summary>
public sealed class Coordinator : Entity, IPeriod
{
    public required string Name { get; set; }

    public required string Email { get; set; }

    public CoordinatorRole Role { get; set; }

    public double WeeklyHours { get; set; }

    public DateOnly From { get; set; }

    public DateOnly? To { get; set; }

    /// <summary>The doctor the coordinator is, when a GP holds the role.</summary>
    public int? DoctorId { get; set; }

    public Doctor? Doctor { get; set; }

    public int? RegionId { get; set; }

    public Region? Region { get; set; }

    public int? KapUnitId { get; set; }

    public KapUnit? KapUnit { get; set; }

    public int? ClusterId { get; set; }

    public QualityCluster? Cluster { get; set; }

    public int? MunicipalityId { get; set; }

    public Municipality? Municipality { get; set; }
}

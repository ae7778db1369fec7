using Dge.Api.Clinics;
using Dge.Api.Clusters;
using Dge.Api.Coordinators;
using Dge.Api.Doctors;
using Dge.Api.Groups;
using Dge.Api.KapUnits;
using Dge.Api.Materials;
using Dge.Api.Municipalities;
using Dge.Api.Regions;
using Dge.Api.Themes;

namespace Dge.Api.Data.Seed;

// The generators' working model: the rows they create plus the links between them that the next pass needs
// (which cluster a clinic's doctors belong to, who is already in a group). Nothing here is written to the database.

/// <summary>One of the five regions in force on the anchor, with everything generated inside it.</summary>
internal sealed class RegionSeed
{
    public required Region Region { get; init; }

    public required KapUnit KapUnit { get; init; }

    /// <summary>The region's GPs in 2019 (reference data): synthetic GPs keep the real regional proportions.</summary>
    public required int GpWeight { get; init; }

    public required IReadOnlyList<Municipality> Municipalities { get; init; }

    public List<ClusterSeed> Clusters { get; } = [];

    public List<ClinicSeed> Clinics { get; } = [];

    public List<DoctorSeed> Trainees { get; } = [];

    public List<DoctorSeed> RetiredDoctors { get; } = [];

    /// <summary>The advisors in office on the anchor: the ones new groups are given.</summary>
    public List<Coordinator> Advisors { get; } = [];

    public string ShortName => Region.Name.Replace("Region ", string.Empty, StringComparison.Ordinal);
}

internal sealed class ClusterSeed
{
    public required QualityCluster Cluster { get; init; }

    public required RegionSeed Region { get; init; }

    /// <summary>The municipalities whose clinics join this cluster; the cluster's own municipality first.</summary>
    public required IReadOnlyList<Municipality> Municipalities { get; init; }

    /// <summary>Place used in clinic and group names, e.g. "Nørrebro" or "Skive".</summary>
    public required string Place { get; init; }

    /// <summary>When the cluster was formed (clusters were set up in 2018–2019).</summary>
    public required DateOnly FormedOn { get; init; }

    /// <summary>A cluster of the same region close by: groups spanning two clusters and clinics that changed cluster use it.</summary>
    public ClusterSeed? Neighbour { get; set; }

    /// <summary>The clinics in the cluster's area, including the few that are in no cluster.</summary>
    public List<ClinicSeed> Clinics { get; } = [];

    /// <summary>GPs working in the area's clinics on the anchor.</summary>
    public List<DoctorSeed> ActiveGps { get; } = [];

    public List<AdoptionSeed> Adoptions { get; } = [];

    /// <summary>Set for the few clusters whose groups work on other themes than the cluster's packages.</summary>
    public bool GroupsIgnorePackages { get; set; }
}

internal sealed class ClinicSeed
{
    public required Clinic Clinic { get; init; }

    public required ClusterSeed Area { get; init; }

    /// <summary>Number of GPs the clinic has on the anchor (1–6).</summary>
    public required int GpSeats { get; init; }

    /// <summary>False for the clinics that are in no cluster on the anchor.</summary>
    public bool InCluster { get; set; }

    /// <summary>Doctors (GPs and trainees) working here on the anchor.</summary>
    public List<DoctorSeed> Doctors { get; } = [];
}

internal sealed class DoctorSeed
{
    public required Doctor Doctor { get; init; }

    /// <summary>The clinic on the anchor; for retired doctors the last clinic.</summary>
    public required ClinicSeed Clinic { get; init; }

    /// <summary>Start of the employment in <see cref="Clinic"/>.</summary>
    public required DateOnly EmployedFrom { get; init; }

    /// <summary>End of the last employment, for retired doctors.</summary>
    public DateOnly? RetiredOn { get; init; }

    /// <summary>A GP established within the 24 months before the anchor.</summary>
    public bool IsNewGp { get; init; }

    /// <summary>Groups the doctor is a current member of; caps how many groups one GP joins.</summary>
    public int CurrentGroups { get; set; }

    public string FullName => $"{Doctor.FirstName} {Doctor.LastName}";
}

internal sealed class GroupSeed
{
    public required DgeGroup Group { get; init; }

    public required RegionSeed Region { get; init; }

    /// <summary>The cluster most members come from; null for region-wide junior and new-GP groups.</summary>
    public required ClusterSeed? Area { get; init; }

    /// <summary>The theme a topic group is about.</summary>
    public Theme? Topic { get; init; }

    /// <summary>Memberships in the order they were made; ids are given when all groups are complete.</summary>
    public List<GroupMembership> Memberships { get; } = [];

    public HashSet<int> DoctorIds { get; } = [];
}

/// <summary>A cluster package a cluster works on, with the package's themes for meeting generation.</summary>
internal sealed record AdoptionSeed(ClusterPackageAdoption Adoption, LearningMaterial Package, IReadOnlyList<int> ThemeIds);

using Dge.Api.Clinics;
using Dge.Api.GraphQL.Mutations;
using Dge.Api.Materials;
using Dge.Api.Municipalities;
using Dge.Api.Regions;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Clusters;

public sealed record CreateClusterInput
{
    public required string Name { get; init; }

    public required string RegionId { get; init; }

    public required string MunicipalityId { get; init; }
}

/// <summary>Fields left out (null) keep their value.</summary>
public sealed record UpdateClusterInput
{
    public required string Id { get; init; }

    public required int ExpectedVersion { get; init; }

    public string? Name { get; init; }

    public string? MunicipalityId { get; init; }
}

public sealed record MoveClinicToClusterInput
{
    public required string ClinicId { get; init; }

    public required int ExpectedVersion { get; init; }

    public required string ClusterId { get; init; }

    public required DateOnly From { get; init; }
}

public sealed record AdoptClusterPackageInput
{
    public required string ClusterId { get; init; }

    public required string MaterialId { get; init; }

    public required DateOnly From { get; init; }

    public DateOnly? To { get; init; }
}

public sealed record EndClusterPackageInput
{
    public required string Id { get; init; }

    public required int ExpectedVersion { get; init; }

    public required DateOnly To { get; init; }
}

/// <summary>The quality cluster mutations: clusters, the clinics that belong to them and the cluster packages they work on.</summary>
public static class ClusterMutations
{
    private static readonly IReadOnlyList<string> FindAndChange = [MutationErrorGraphTypes.NotFound, MutationErrorGraphTypes.Conflict];

    public static MutationType AddClusterMutations(this MutationType mutation)
    {
        mutation.Add(new MutationDefinition<CreateClusterInput, QualityCluster>
        {
            Name = "createCluster",
            Description = "Creates a quality cluster (kvalitetsklynge) in a region, serving mainly one of its municipalities.",
            ResultField = "cluster",
            ResultType = "QualityCluster",
            Input =
            [
                new("name", "String!", "Name, at most 200 characters, unique."),
                new("regionId", "ID!", "The region; the cluster's clinics lie in it."),
                new("municipalityId", "ID!", "The municipality the cluster mainly serves: one of the region's today."),
            ],
            Errors = [MutationErrorGraphTypes.NotFound],
            Run = CreateAsync,
        });
        mutation.Add(new MutationDefinition<UpdateClusterInput, QualityCluster>
        {
            Name = "updateCluster",
            Description = "Renames a cluster or changes the municipality it mainly serves; fields left out keep their value.",
            ResultField = "cluster",
            ResultType = "QualityCluster",
            Input =
            [
                new("id", "ID!", "The cluster."),
                new("expectedVersion", "Int!", "The version the caller read; a newer one is a ConflictError."),
                new("name", "String", "New name, unique."),
                new("municipalityId", "ID", "New municipality: one of the cluster's region's today."),
            ],
            Errors = FindAndChange,
            Run = UpdateAsync,
        });
        mutation.Add(new MutationDefinition<MoveClinicToClusterInput, ClusterClinicMembership>
        {
            Name = "moveClinicToCluster",
            Description = "Makes a clinic a member of a cluster from a day on, in one step: its membership of another cluster ends that day. The cluster must be of the region the clinic's municipality belongs to that day.",
            ResultField = "membership",
            ResultType = "ClusterMembership",
            Input =
            [
                new("clinicId", "ID!", "The clinic."),
                new("expectedVersion", "Int!", "The clinic's version the caller read; a newer one is a ConflictError."),
                new("clusterId", "ID!", "The cluster to join."),
                new("from", "Date!", "First day of the new membership; after the start of the current one."),
            ],
            Errors = FindAndChange,
            Run = MoveClinicAsync,
        });
        mutation.Add(new MutationDefinition<AdoptClusterPackageInput, ClusterPackageAdoption>
        {
            Name = "adoptClusterPackage",
            Description = "Records that a cluster works on a cluster package (klyngepakke) from a day, optionally until one. The material must be a CLUSTER_PACKAGE; one cluster's periods of one package must not overlap.",
            ResultField = "adoption",
            ResultType = "ClusterPackageAdoption",
            Input =
            [
                new("clusterId", "ID!", "The cluster."),
                new("materialId", "ID!", "The cluster package: a learning material of kind CLUSTER_PACKAGE."),
                new("from", "Date!", "First day of the work."),
                new("to", "Date", "First day no longer worked on (exclusive); null while it lasts."),
            ],
            Errors = [MutationErrorGraphTypes.NotFound],
            Run = AdoptPackageAsync,
        });
        mutation.Add(new MutationDefinition<EndClusterPackageInput, ClusterPackageAdoption>
        {
            Name = "endClusterPackage",
            Description = "Ends a cluster's running work on a cluster package on a day (exclusive).",
            ResultField = "adoption",
            ResultType = "ClusterPackageAdoption",
            Input =
            [
                new("id", "ID!", "The adoption."),
                new("expectedVersion", "Int!", "The version the caller read; a newer one is a ConflictError."),
                new("to", "Date!", "First day no longer worked on; not before the start."),
            ],
            Errors = FindAndChange,
            Run = EndPackageAsync,
        });
        return mutation;
    }

    private static async Task<QualityCluster> CreateAsync(WriteTransaction write, CreateClusterInput input, CancellationToken cancellationToken)
    {
        var region = await write.FindAsync<Region>(input.RegionId, "regionId", cancellationToken);
        var cluster = new QualityCluster
        {
            Name = await NameAsync(write, input.Name, null, cancellationToken),
            RegionId = region.Id,
            MunicipalityId = await MunicipalityAsync(write, input.MunicipalityId, region.Id, cancellationToken),
        };
        write.Db.QualityClusters.Add(cluster);
        return cluster;
    }

    private static async Task<QualityCluster> UpdateAsync(WriteTransaction write, UpdateClusterInput input, CancellationToken cancellationToken)
    {
        var cluster = await write.FindAsync<QualityCluster>(input.Id, "id", cancellationToken);
        write.ExpectVersion(cluster, input.ExpectedVersion);
        cluster.Name = input.Name is null ? cluster.Name : await NameAsync(write, input.Name, cluster.Id, cancellationToken);
        cluster.MunicipalityId = input.MunicipalityId is null ? cluster.MunicipalityId : await MunicipalityAsync(write, input.MunicipalityId, cluster.RegionId, cancellationToken);
        return cluster;
    }

    private static async Task<ClusterClinicMembership> MoveClinicAsync(WriteTransaction write, MoveClinicToClusterInput input, CancellationToken cancellationToken)
    {
        var clinic = await write.FindAsync<Clinic>(input.ClinicId, "clinicId", cancellationToken);
        write.ExpectVersion(clinic, input.ExpectedVersion);
        var cluster = await write.FindAsync<QualityCluster>(input.ClusterId, "clusterId", cancellationToken);
        var from = InputRules.Date(input.From, "from");
        if (clinic.ClosedOn is { } closed && from >= closed)
        {
            throw MutationRefusedException.Invalid("from", "CLINIC_CLOSED", $"The clinic closed on {closed:yyyy-MM-dd}.");
        }

        if (await MunicipalityRegions.RegionOnAsync(write.Db, clinic.MunicipalityId, from, cancellationToken) != cluster.RegionId)
        {
            throw MutationRefusedException.Invalid("clusterId", "CLUSTER_OTHER_REGION", $"{cluster.Name} is a cluster of another region than the clinic's on {from:yyyy-MM-dd}.");
        }

        var memberships = await write.Db.ClusterClinicMemberships.Where(m => m.ClinicId == clinic.Id && (m.To == null || m.To > from)).ToListAsync(cancellationToken);
        if (memberships.FirstOrDefault(m => m.From >= from) is { } later)
        {
            throw MutationRefusedException.Invalid("from", "MEMBERSHIP_STARTS_LATER", $"The clinic's cluster membership from {later.From:yyyy-MM-dd} starts on or after {from:yyyy-MM-dd}; correct it first.");
        }

        if (memberships.FirstOrDefault(m => m.ClusterId == cluster.Id) is not null)
        {
            throw MutationRefusedException.Invalid("clusterId", "ALREADY_MEMBER", $"The clinic is a member of {cluster.Name} on {from:yyyy-MM-dd} already.");
        }

        foreach (var running in memberships)
        {
            running.To = from;
        }

        var membership = new ClusterClinicMembership { ClinicId = clinic.Id, ClusterId = cluster.Id, From = from, To = clinic.ClosedOn };
        write.Db.ClusterClinicMemberships.Add(membership);
        write.Touch(clinic);
        return membership;
    }

    private static async Task<ClusterPackageAdoption> AdoptPackageAsync(WriteTransaction write, AdoptClusterPackageInput input, CancellationToken cancellationToken)
    {
        var cluster = await write.FindAsync<QualityCluster>(input.ClusterId, "clusterId", cancellationToken);
        var material = await write.FindAsync<LearningMaterial>(input.MaterialId, "materialId", cancellationToken);
        if (material.Kind != MaterialKind.ClusterPackage)
        {
            throw MutationRefusedException.Invalid("materialId", "NOT_A_CLUSTER_PACKAGE", $"{material.Title} is not a cluster package (kind CLUSTER_PACKAGE).");
        }

        var from = InputRules.Date(input.From, "from");
        var to = InputRules.End(input.To, from, "to");
        var others = await write.Db.ClusterPackageAdoptions.Where(a => a.ClusterId == cluster.Id && a.MaterialId == material.Id).ToListAsync(cancellationToken);
        if (others.FirstOrDefault(a => InputRules.Overlap(from, to, a)) is { } other)
        {
            throw MutationRefusedException.Invalid("from", "OVERLAPPING_ADOPTION",
                $"The cluster works on {material.Title} already from {other.From:yyyy-MM-dd}{(other.To is { } t ? $" to {t:yyyy-MM-dd}" : string.Empty)}.");
        }

        if (material.RetiredOn is { } retired && from >= retired)
        {
            write.Warn("MATERIAL_RETIRED", $"{material.Title} was retired on {retired:yyyy-MM-dd}.");
        }

        var adoption = new ClusterPackageAdoption { ClusterId = cluster.Id, MaterialId = material.Id, From = from, To = to };
        write.Db.ClusterPackageAdoptions.Add(adoption);
        return adoption;
    }

    private static async Task<ClusterPackageAdoption> EndPackageAsync(WriteTransaction write, EndClusterPackageInput input, CancellationToken cancellationToken)
    {
        var adoption = await write.FindAsync<ClusterPackageAdoption>(input.Id, "id", cancellationToken);
        write.ExpectVersion(adoption, input.ExpectedVersion);
        if (adoption.To is { } ended)
        {
            throw MutationRefusedException.Invalid("id", "ALREADY_ENDED", $"The work on the package ended on {ended:yyyy-MM-dd}.");
        }

        adoption.To = InputRules.End(input.To, adoption.From, "to");
        return adoption;
    }

    private static async Task<string> NameAsync(WriteTransaction write, string value, int? clusterId, CancellationToken cancellationToken)
    {
        var name = InputRules.Text(value, "name", 200);
        return await write.Db.QualityClusters.AnyAsync(c => c.Name == name && c.Id != clusterId, cancellationToken)
            ? throw MutationRefusedException.Invalid("name", "DUPLICATE_NAME", $"Another cluster is named {name}.")
            : name;
    }

    /// <summary>A municipality of the region today.</summary>
    private static async Task<int> MunicipalityAsync(WriteTransaction write, string id, int regionId, CancellationToken cancellationToken)
    {
        var municipality = await write.FindAsync<Municipality>(id, "municipalityId", cancellationToken);
        return await MunicipalityRegions.RegionOnAsync(write.Db, municipality.Id, write.Today, cancellationToken) == regionId
            ? municipality.Id
            : throw MutationRefusedException.Invalid("municipalityId", "MUNICIPALITY_OTHER_REGION", $"{municipality.Name} does not belong to the cluster's region today.");
    }
}

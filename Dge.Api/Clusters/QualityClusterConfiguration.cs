using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dge.Api.Clusters;

internal sealed class QualityClusterConfiguration : IEntityTypeConfiguration<QualityCluster>
{
    public void Configure(EntityTypeBuilder<QualityCluster> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.HasIndex(c => c.Name).IsUnique();
        builder.HasIndex(c => c.RegionId);
        builder.HasIndex(c => c.MunicipalityId);
        builder.HasOne(c => c.Region).WithMany().HasForeignKey(c => c.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Municipality).WithMany().HasForeignKey(c => c.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ClusterClinicMembershipConfiguration : IEntityTypeConfiguration<ClusterClinicMembership>
{
    public void Configure(EntityTypeBuilder<ClusterClinicMembership> builder)
    {
        builder.HasOne(m => m.Cluster).WithMany(c => c.ClinicMemberships).HasForeignKey(m => m.ClusterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Clinic).WithMany(c => c.ClusterMemberships).HasForeignKey(m => m.ClinicId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.ClusterId, m.From, m.To });
        // In the order of the current-cluster rule (CurrentCluster: latest From, then lowest Id), and covering it, so a clinic's
        // cluster on a day is the first matching entry of the index: no sort and no table read for each clinic.
        builder.HasIndex(m => new { m.ClinicId, m.From, m.Id, m.To, m.ClusterId }).IsDescending(false, true, false, false, false);
    }
}

internal sealed class ClusterPackageAdoptionConfiguration : IEntityTypeConfiguration<ClusterPackageAdoption>
{
    public void Configure(EntityTypeBuilder<ClusterPackageAdoption> builder)
    {
        builder.HasOne(a => a.Cluster).WithMany(c => c.PackageAdoptions).HasForeignKey(a => a.ClusterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Material).WithMany().HasForeignKey(a => a.MaterialId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.ClusterId, a.From, a.To });
        builder.HasIndex(a => a.MaterialId);
    }
}

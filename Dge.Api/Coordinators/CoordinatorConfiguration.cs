using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dge.Api.Coordinators;

internal sealed class CoordinatorConfiguration : IEntityTypeConfiguration<Coordinator>
{
    public void Configure(EntityTypeBuilder<Coordinator> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Email).HasMaxLength(200);
        builder.Property(c => c.Role).HasConversion<string>().HasMaxLength(24);
        builder.HasIndex(c => new { c.Role, c.From, c.To });
        builder.HasIndex(c => c.Name);
        builder.HasIndex(c => c.DoctorId);
        builder.HasIndex(c => c.RegionId);
        builder.HasIndex(c => c.KapUnitId);
        builder.HasIndex(c => c.ClusterId);
        builder.HasIndex(c => c.MunicipalityId);
        builder.HasOne(c => c.Doctor).WithMany().HasForeignKey(c => c.DoctorId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(c => c.Region).WithMany().HasForeignKey(c => c.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.KapUnit).WithMany().HasForeignKey(c => c.KapUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Cluster).WithMany().HasForeignKey(c => c.ClusterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Municipality).WithMany().HasForeignKey(c => c.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
    }
}

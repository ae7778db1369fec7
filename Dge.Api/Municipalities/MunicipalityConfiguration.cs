using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dge.Api.Municipalities;

internal sealed class MunicipalityConfiguration : IEntityTypeConfiguration<Municipality>
{
    public void Configure(EntityTypeBuilder<Municipality> builder)
    {
        builder.Property(m => m.Code).HasMaxLength(4);
        builder.Property(m => m.Name).HasMaxLength(100);
        builder.HasIndex(m => m.Code).IsUnique();
        builder.HasIndex(m => m.Name);
        builder.HasOne(m => m.HealthCouncil).WithMany(h => h.Municipalities)
            .HasForeignKey(m => m.HealthCouncilId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MunicipalityRegionConfiguration : IEntityTypeConfiguration<MunicipalityRegion>
{
    public void Configure(EntityTypeBuilder<MunicipalityRegion> builder)
    {
        builder.HasOne(m => m.Municipality).WithMany(m => m.RegionHistory)
            .HasForeignKey(m => m.MunicipalityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Region).WithMany()
            .HasForeignKey(m => m.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.MunicipalityId, m.From, m.To });
        builder.HasIndex(m => new { m.RegionId, m.From, m.To });
    }
}

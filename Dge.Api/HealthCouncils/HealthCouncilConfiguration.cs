using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dge.Api.HealthCouncils;

internal sealed class HealthCouncilConfiguration : IEntityTypeConfiguration<HealthCouncil>
{
    public void Configure(EntityTypeBuilder<HealthCouncil> builder)
    {
        builder.Property(h => h.Key).HasMaxLength(60);
        builder.Property(h => h.Name).HasMaxLength(100);
        builder.HasIndex(h => h.Key).IsUnique();
        builder.HasOne(h => h.Region).WithMany().HasForeignKey(h => h.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(h => h.RegionId);
    }
}

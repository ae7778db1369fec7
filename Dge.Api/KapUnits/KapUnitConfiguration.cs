using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dge.Api.KapUnits;

internal sealed class KapUnitConfiguration : IEntityTypeConfiguration<KapUnit>
{
    public void Configure(EntityTypeBuilder<KapUnit> builder)
    {
        builder.Property(k => k.Code).HasMaxLength(20);
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.HasIndex(k => k.Code).IsUnique();
        builder.HasOne(k => k.Region).WithMany().HasForeignKey(k => k.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(k => k.RegionId);
    }
}

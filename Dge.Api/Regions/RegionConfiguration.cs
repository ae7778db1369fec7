using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dge.Api.Regions;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> builder)
    {
        builder.Property(r => r.Code).HasMaxLength(4);
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.Property(r => r.Seat).HasMaxLength(100);
        builder.HasIndex(r => r.Code).IsUnique();
        builder.HasIndex(r => r.Name).IsUnique();
        builder.HasIndex(r => new { r.ValidFrom, r.ValidTo });
        builder.HasOne(r => r.Successor).WithMany().HasForeignKey(r => r.SuccessorId).OnDelete(DeleteBehavior.Restrict);
    }
}

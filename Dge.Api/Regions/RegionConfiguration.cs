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
        builder.Property(r => r.From).HasColumnName("ValidFrom");
        builder.Property(r => r.To).HasColumnName("ValidTo");
        builder.HasIndex(r => new { r.From, r.To });
        builder.HasOne(r => r.Successor).WithMany().HasForeignKey(r => r.SuccessorId).OnDelete(DeleteBehavior.Restrict);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dge.Api.Clinics;

internal sealed class ClinicConfiguration : IEntityTypeConfiguration<Clinic>
{
    public void Configure(EntityTypeBuilder<Clinic> builder)
    {
        builder.Property(c => c.Ydernummer).HasMaxLength(6).IsFixedLength();
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Address).HasMaxLength(200);
        builder.Property(c => c.Type).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(c => c.Ydernummer).IsUnique();
        builder.HasIndex(c => c.Name);
        builder.HasIndex(c => c.MunicipalityId);
        builder.HasOne(c => c.Municipality).WithMany().HasForeignKey(c => c.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
    }
}

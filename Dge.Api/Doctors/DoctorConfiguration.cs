using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dge.Api.Doctors;

internal sealed class DoctorConfiguration : IEntityTypeConfiguration<Doctor>
{
    public void Configure(EntityTypeBuilder<Doctor> builder)
    {
        builder.Property(d => d.FirstName).HasMaxLength(100);
        builder.Property(d => d.LastName).HasMaxLength(100);
        builder.Property(d => d.Email).HasMaxLength(200);
        builder.Property(d => d.Phone).HasMaxLength(30);
        builder.Property(d => d.Phase).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(d => new { d.LastName, d.FirstName });
        builder.HasIndex(d => new { d.Phase, d.EstablishedOn });
    }
}

internal sealed class ClinicEmploymentConfiguration : IEntityTypeConfiguration<ClinicEmployment>
{
    public void Configure(EntityTypeBuilder<ClinicEmployment> builder)
    {
        builder.HasOne(e => e.Doctor).WithMany(d => d.Employments).HasForeignKey(e => e.DoctorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(e => e.Clinic).WithMany(c => c.Employments).HasForeignKey(e => e.ClinicId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.DoctorId, e.From, e.To });
        builder.HasIndex(e => new { e.ClinicId, e.From, e.To });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dge.Api.Groups;

internal sealed class DgeGroupConfiguration : IEntityTypeConfiguration<DgeGroup>
{
    public void Configure(EntityTypeBuilder<DgeGroup> builder)
    {
        builder.Property(g => g.Name).HasMaxLength(200);
        builder.Property(g => g.Kind).HasConversion<string>().HasMaxLength(12);
        builder.HasIndex(g => g.Name);
        builder.HasIndex(g => g.KapUnitId);
        builder.HasIndex(g => g.AdvisorId);
        builder.Property(g => g.From).HasColumnName("FoundedOn");
        builder.Property(g => g.To).HasColumnName("DissolvedOn");
        builder.HasIndex(g => new { g.From, g.To });
        builder.HasOne(g => g.KapUnit).WithMany().HasForeignKey(g => g.KapUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(g => g.Advisor).WithMany().HasForeignKey(g => g.AdvisorId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class GroupMembershipConfiguration : IEntityTypeConfiguration<GroupMembership>
{
    public void Configure(EntityTypeBuilder<GroupMembership> builder)
    {
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(10);
        builder.HasOne(m => m.Group).WithMany(g => g.Memberships).HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Doctor).WithMany().HasForeignKey(m => m.DoctorId).OnDelete(DeleteBehavior.Cascade);
        // DoctorId too, so a group's current members are read from the index alone (the cluster alignment reads every
        // current membership of the country through it).
        builder.HasIndex(m => new { m.GroupId, m.From, m.To, m.DoctorId });
        builder.HasIndex(m => new { m.DoctorId, m.From, m.To });
    }
}

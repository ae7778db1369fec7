using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dge.Api.Meetings;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.HasOne(m => m.Group).WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.GroupId, m.Date });
        builder.HasIndex(m => m.Date);
    }
}

internal sealed class MeetingThemeConfiguration : IEntityTypeConfiguration<MeetingTheme>
{
    public void Configure(EntityTypeBuilder<MeetingTheme> builder)
    {
        builder.HasOne(t => t.Meeting).WithMany(m => m.Themes).HasForeignKey(t => t.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(t => t.Theme).WithMany().HasForeignKey(t => t.ThemeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.MeetingId, t.ThemeId }).IsUnique();
        builder.HasIndex(t => t.ThemeId);
    }
}

internal sealed class MeetingMaterialConfiguration : IEntityTypeConfiguration<MeetingMaterial>
{
    public void Configure(EntityTypeBuilder<MeetingMaterial> builder)
    {
        builder.HasOne(t => t.Meeting).WithMany(m => m.Materials).HasForeignKey(t => t.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(t => t.Material).WithMany().HasForeignKey(t => t.MaterialId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.MeetingId, t.MaterialId }).IsUnique();
        builder.HasIndex(t => t.MaterialId);
    }
}

internal sealed class MeetingAttendanceConfiguration : IEntityTypeConfiguration<MeetingAttendance>
{
    public void Configure(EntityTypeBuilder<MeetingAttendance> builder)
    {
        builder.HasOne(a => a.Meeting).WithMany(m => m.Attendances).HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Doctor).WithMany().HasForeignKey(a => a.DoctorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.MeetingId, a.DoctorId }).IsUnique();
        builder.HasIndex(a => a.DoctorId);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dge.Api.Materials;

internal sealed class LearningMaterialConfiguration : IEntityTypeConfiguration<LearningMaterial>
{
    public void Configure(EntityTypeBuilder<LearningMaterial> builder)
    {
        builder.Property(m => m.Title).HasMaxLength(300);
        builder.Property(m => m.Publisher).HasMaxLength(100);
        builder.Property(m => m.Url).HasMaxLength(500);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(m => m.Title);
        builder.HasIndex(m => new { m.Kind, m.PublishedOn });
    }
}

internal sealed class MaterialThemeConfiguration : IEntityTypeConfiguration<MaterialTheme>
{
    public void Configure(EntityTypeBuilder<MaterialTheme> builder)
    {
        builder.HasOne(t => t.Material).WithMany(m => m.Themes).HasForeignKey(t => t.MaterialId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(t => t.Theme).WithMany().HasForeignKey(t => t.ThemeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.MaterialId, t.ThemeId }).IsUnique();
        builder.HasIndex(t => t.ThemeId);
    }
}

internal sealed class MaterialGroupKindConfiguration : IEntityTypeConfiguration<MaterialGroupKind>
{
    public void Configure(EntityTypeBuilder<MaterialGroupKind> builder)
    {
        builder.Property(k => k.Kind).HasConversion<string>().HasMaxLength(12);
        builder.HasOne(k => k.Material).WithMany(m => m.IntendedGroupKinds).HasForeignKey(k => k.MaterialId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(k => new { k.MaterialId, k.Kind }).IsUnique();
        builder.HasIndex(k => k.Kind);
    }
}

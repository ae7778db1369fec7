using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dge.Api.Themes;

internal sealed class ThemeConfiguration : IEntityTypeConfiguration<Theme>
{
    public void Configure(EntityTypeBuilder<Theme> builder)
    {
        builder.Property(t => t.Code).HasMaxLength(10);
        builder.Property(t => t.NameDa).HasMaxLength(200);
        builder.Property(t => t.NameEn).HasMaxLength(200);
        builder.Property(t => t.Category).HasMaxLength(60);
        builder.HasIndex(t => t.Code).IsUnique();
    }
}

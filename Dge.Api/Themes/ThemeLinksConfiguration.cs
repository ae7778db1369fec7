using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dge.Api.Themes;

// Views of distinct pairs (keyed by the pair, so EF can correlate on them): a many-to-many relation through them pages in one statement (a DISTINCT inside a
// correlated, paged subquery would need APPLY, which SQLite lacks). The views are created by the initial migration.
internal sealed class GroupThemeConfiguration : IEntityTypeConfiguration<GroupTheme>
{
    public void Configure(EntityTypeBuilder<GroupTheme> builder)
    {
        builder.HasKey(t => new { t.ThemeId, t.GroupId });
        builder.ToView("GroupThemes");
        builder.HasOne(t => t.Theme).WithMany().HasForeignKey(t => t.ThemeId);
        builder.HasOne(t => t.Group).WithMany().HasForeignKey(t => t.GroupId);
    }
}

internal sealed class ClusterThemeConfiguration : IEntityTypeConfiguration<ClusterTheme>
{
    public void Configure(EntityTypeBuilder<ClusterTheme> builder)
    {
        builder.HasKey(t => new { t.ThemeId, t.ClusterId });
        builder.ToView("ClusterThemes");
        builder.HasOne(t => t.Theme).WithMany().HasForeignKey(t => t.ThemeId);
        builder.HasOne(t => t.Cluster).WithMany().HasForeignKey(t => t.ClusterId);
    }
}

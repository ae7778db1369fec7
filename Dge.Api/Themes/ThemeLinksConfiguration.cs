using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dge.Api.Themes;

// Views of distinct pairs (keyed by the pair, so EF can correlate on them): a many-to-many relation through them pages in one statement (a DISTINCT inside a
// correlated, paged subquery would need APPLY, which SQLite lacks). The views are created by a migration.
public sealed class GroupThemeConfiguration : IEntityTypeConfiguration<GroupTheme>
{
    public const string ViewSql =
        """CREATE VIEW "GroupThemes" AS SELECT DISTINCT mt."ThemeId", m."GroupId" FROM "MeetingThemes" AS mt INNER JOIN "Meetings" AS m ON m."Id" = mt."MeetingId";""";

    public void Configure(EntityTypeBuilder<GroupTheme> builder)
    {
        builder.HasKey(t => new { t.ThemeId, t.GroupId });
        builder.ToView("GroupThemes");
        builder.HasOne(t => t.Theme).WithMany().HasForeignKey(t => t.ThemeId);
        builder.HasOne(t => t.Group).WithMany().HasForeignKey(t => t.GroupId);
    }
}

public sealed class ClusterThemeConfiguration : IEntityTypeConfiguration<ClusterTheme>
{
    public const string ViewSql =
        """CREATE VIEW "ClusterThemes" AS SELECT DISTINCT mt."ThemeId", a."ClusterId" FROM "ClusterPackageAdoptions" AS a INNER JOIN "MaterialThemes" AS mt ON mt."MaterialId" = a."MaterialId";""";

    public void Configure(EntityTypeBuilder<ClusterTheme> builder)
    {
        builder.HasKey(t => new { t.ThemeId, t.ClusterId });
        builder.ToView("ClusterThemes");
        builder.HasOne(t => t.Theme).WithMany().HasForeignKey(t => t.ThemeId);
        builder.HasOne(t => t.Cluster).WithMany().HasForeignKey(t => t.ClusterId);
    }
}

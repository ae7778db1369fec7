using Dge.Api.GraphQL.Model;

namespace Dge.Api.Themes;

/// <summary>The GraphQL shape of <see cref="Theme"/>.</summary>
public static class ThemeType
{
    public static EntityModel<Theme> Model { get; } =
        new EntityModel<Theme>("Theme", "A theme (emne / tema): the shared vocabulary that links groups, clusters and materials, e.g. Opioider or KOL.", "themes", "All themes (emner).")
            .Scalar("code", t => t.Code, "Reference code (kode), e.g. T01.")
            .Scalar("nameDa", t => t.NameDa, "Danish name (dansk navn).")
            .Scalar("nameEn", t => t.NameEn, "English name (engelsk navn).")
            .Scalar("category", t => t.Category, "Category (kategori), e.g. pharmacology.")
            .Connection("materials", db => db.MaterialThemes, t => t.ThemeId, t => t.Material!, "Learning materials (læringsmaterialer) on the theme.")
            .Connection("meetings", db => db.MeetingThemes, t => t.ThemeId, t => t.Meeting!, "Meetings (møder) that treated the theme.")
            .Connection("groups", db => db.GroupThemes, t => t.ThemeId, t => t.Group!, "Groups (grupper) that have held a meeting on the theme.")
            .Connection("clusters", db => db.ClusterThemes, t => t.ThemeId, t => t.Cluster!, "Clusters (klynger) that have adopted a package on the theme.");
}

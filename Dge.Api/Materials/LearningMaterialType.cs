using Dge.Api.GraphQL.Model;

namespace Dge.Api.Materials;

/// <summary>The GraphQL shape of <see cref="LearningMaterial"/> and <see cref="MaterialGroupKind"/>.</summary>
public static class LearningMaterialType
{
    public static EntityModel<LearningMaterial> Model { get; } =
        new EntityModel<LearningMaterial>("LearningMaterial", "A learning material (læringsmateriale): module, cluster package, e-learning, guideline and so on, with its themes and intended group kinds.", "learningMaterials", "All learning materials (læringsmaterialer).")
            .Scalar("title", m => m.Title, "Title (titel).")
            .Scalar("kind", m => m.Kind, "Kind (materialetype), e.g. MODULE or CLUSTER_PACKAGE.")
            .Scalar("publisher", m => m.Publisher, "Publisher (udgiver): PLO-E, KiAP, DSAM or a KAP unit.")
            .Scalar("publishedOn", m => m.PublishedOn, "Day of publication (udgivet).")
            .Scalar("url", m => m.Url, "Link to the material (link).")
            .Scalar("retiredOn", m => m.RetiredOn, "Day the material was withdrawn (udgået); null while in use.")
            .Connection("themes", db => db.MaterialThemes, t => t.MaterialId, t => t.Theme!, "Themes (emner) the material treats.")
            .Connection("intendedFor", db => db.MaterialGroupKinds, k => k.MaterialId, "Group kinds the material is intended for (målgruppe).")
            .Connection("meetings", db => db.MeetingMaterials, t => t.MaterialId, t => t.Meeting!, "Meetings (møder) that used the material.")
            .Connection("adoptions", db => db.ClusterPackageAdoptions, a => a.MaterialId, "Cluster adoptions (klyngepakke i brug), for cluster packages.");

    public static EntityModel<MaterialGroupKind> IntendedKindModel { get; } =
        new EntityModel<MaterialGroupKind>("MaterialGroupKind", "A group kind a learning material is intended for (målgruppe).", "materialGroupKinds", "All material target group kinds.")
            .Scalar("kind", k => k.Kind, "The group kind (gruppetype).")
            .Reference("material", k => k.Material, "The material (læringsmateriale).");
}

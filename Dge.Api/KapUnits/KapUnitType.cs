using Dge.Api.GraphQL.Model;

namespace Dge.Api.KapUnits;

/// <summary>The GraphQL shape of <see cref="KapUnit"/>.</summary>
public static class KapUnitType
{
    public static EntityModel<KapUnit> Model { get; } =
        new EntityModel<KapUnit>("KapUnit", "A regional quality and continuing-education unit (KAP-enhed / kvalitetsenhed), working under the region's KEU; DGE groups belong to one.", "kapUnits", "All KAP units (KAP-enheder).")
            .Scalar("code", k => k.Code, "Short code (kode), e.g. KAP-H.")
            .Scalar("name", k => k.Name, "Name (navn).")
            .Reference("region", k => k.Region, "The region (region) the unit serves.")
            .Connection("groups", db => db.Groups, g => g.KapUnitId, "DGE groups (efteruddannelsesgrupper) of the unit.")
            .Connection("coordinators", db => db.Coordinators, c => c.KapUnitId, "Secretariat staff (sekretariat) of the unit in the DGE duo leadership.");
}

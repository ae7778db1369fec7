using Dge.Api.GraphQL.Model;
using GraphQL.Types;

namespace Dge.Api.GraphQL.Sorting;

/// <summary><c>XSortInput</c>: one element of the <c>order</c> argument; fields are applied in the order given.</summary>
public sealed class SortInputGraphType : InputObjectGraphType
{
    public SortInputGraphType(EntityModel model, ModelRegistry models)
    {
        Name = model.SortInputName;
        Description = $"Sort order for {model.Name}. Ties are broken by the key, so cursors stay stable.";
        foreach (var scalar in model.Scalars)
        {
            Field(scalar.Name, new GraphQLTypeReference(SortEnumGraphType.TypeName)).Description(scalar.Description);
        }

        foreach (var reference in model.References)
        {
            var suffix = reference.HasAsOf ? " Sorting through it uses its value on the sorted connection's asOf (default today)." : string.Empty;
            Field(reference.Name, new GraphQLTypeReference(models.For(reference.TargetType).SortInputName)).Description(reference.Description + suffix);
        }
    }
}

/// <summary><c>SortEnumType</c>: ASC or DESC.</summary>
public sealed class SortEnumGraphType : EnumerationGraphType
{
    public const string TypeName = "SortEnumType";

    public SortEnumGraphType()
    {
        Name = TypeName;
        Description = "Sort direction. Text sorts in Danish alphabetical order: a to z, then æ, ø, å (aa as å); case and accents do not split it (é with e, ü with y, ä with æ, ö with ø). Enum values sort by their names in this schema.";
        Add("ASC", SortDirection.Asc, "Ascending: smallest, earliest or A first.");
        Add("DESC", SortDirection.Desc, "Descending: largest, latest or Z first.");
    }
}

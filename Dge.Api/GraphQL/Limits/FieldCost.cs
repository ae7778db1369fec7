using GraphQL.Builders;
using GraphQL.Types;

namespace Dge.Api.GraphQL.Limits;

/// <summary>
/// What one selection of a field costs: <see cref="Own"/> for the field itself (its SQL, its rows), and
/// <see cref="Multiplier"/> for everything selected below it (how many items it returns). <see cref="Paged"/> marks a
/// connection, whose <c>nodes</c> and <c>edges</c> are the items the multiplier already counts.
/// </summary>
public readonly record struct FieldCost(double Own, double Multiplier, bool Paged = false);

/// <summary>How a field's cost follows from the arguments of one selection.</summary>
public delegate FieldCost FieldCostRule(CostArguments arguments);

/// <summary>Declares a field's cost next to the field; fields without one cost 1, lists multiplying their children by a default size.</summary>
public static class FieldCostExtensions
{
    private const string Key = "dge:cost";

    public static FieldType WithCost(this FieldType field, FieldCostRule rule)
    {
        field.Metadata[Key] = rule;
        return field;
    }

    public static FieldBuilder<TSource, TReturn> WithCost<TSource, TReturn>(this FieldBuilder<TSource, TReturn> builder, FieldCostRule rule)
    {
        builder.FieldType.WithCost(rule);
        return builder;
    }

    public static FieldCostRule? CostRule(this IFieldType field) => field.GetMetadata<FieldCostRule?>(Key);
}

using GraphQL.Types;

namespace Dge.Api.GraphQL.Limits;

/// <summary>
/// How many items the introspection lists of this schema return on average, so introspection is priced like any
/// other field: <c>__Schema.types</c> returns every type, <c>__Type.fields</c> the mean number of fields of a type, and so on.
/// </summary>
internal sealed class IntrospectionSizes(IReadOnlyDictionary<(string Type, string Field), double> sizes)
{
    public FieldCost? CostOf(string? parentType, string field) =>
        parentType is not null && sizes.TryGetValue((parentType, field), out var size) ? new FieldCost(1, size) : null;

    public static IntrospectionSizes Of(ISchema schema)
    {
        var types = schema.AllTypes.ToList();
        var fields = types.OfType<IComplexGraphType>().SelectMany(t => t.Fields).ToList();
        var directives = schema.Directives.ToList();
        return new IntrospectionSizes(new Dictionary<(string, string), double>
        {
            [("__Schema", "types")] = types.Count,
            [("__Schema", "directives")] = directives.Count,
            [("__Type", "fields")] = Mean(types.OfType<IObjectGraphType>().Sum(t => t.Fields.Count) + types.OfType<IInterfaceGraphType>().Sum(t => t.Fields.Count), types.Count),
            [("__Type", "inputFields")] = Mean(types.OfType<IInputObjectGraphType>().Sum(t => t.Fields.Count), types.Count),
            [("__Type", "enumValues")] = Mean(types.OfType<EnumerationGraphType>().Sum(t => t.Values.Count), types.Count),
            [("__Type", "interfaces")] = Mean(types.OfType<IImplementInterfaces>().Sum(t => t.ResolvedInterfaces.Count), types.Count),
            [("__Type", "possibleTypes")] = Mean(types.OfType<IAbstractGraphType>().Sum(t => t.PossibleTypes.Count), types.Count),
            [("__Field", "args")] = Mean(fields.Sum(f => f.Arguments?.Count ?? 0), fields.Count),
            [("__Directive", "args")] = Mean(directives.Sum(d => d.Arguments?.Count ?? 0), directives.Count),
            [("__Directive", "locations")] = Mean(directives.Sum(d => d.Locations.Count), directives.Count),
        });
    }

    private static double Mean(int total, int count) => count == 0 ? 0 : total / (double)count;
}

using GraphQL.Types;
using GraphQLParser.AST;

namespace Dge.Api.GraphQL.Limits;

/// <summary>
/// What an introspection (<c>__schema</c>, <c>__type</c>) costs: the values it returns, counted exactly against this
/// schema, as it is answered from the schema in memory. Each (schema object, selection) pair is counted once and
/// reused; each pair counted is at least one value, so past <paramref name="maxCost"/> pairs the count gives up and the
/// cost is infinite: pricing a hostile introspection costs no more than pricing an allowed one.
/// </summary>
internal sealed class IntrospectionCost(ISchema schema, IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments, int maxCost)
{
    private readonly Dictionary<(object Target, GraphQLSelectionSet Selection), double> _counted = [];
    private readonly Dictionary<GraphQLSelectionSet, List<GraphQLField>> _fields = [];
    private int _steps;

    /// <summary>The cost of one <c>__schema</c>, or <c>__type(name:)</c> with the <paramref name="typeName"/> it asks for.</summary>
    public double Of(GraphQLField field, string? typeName) => field.Name.StringValue switch
    {
        "__schema" => 1 + Count(schema, field.SelectionSet, Schema),
        "__type" => 1 + (typeName is not null && schema.AllTypes[typeName] is { } type ? Count(type, field.SelectionSet, Type) : 0),
        _ => 1,
    };

    private double Count<T>(T target, GraphQLSelectionSet? selection, Func<T, GraphQLField, double> field)
        where T : notnull
    {
        if (selection is null)
        {
            return 0;
        }

        if (_counted.TryGetValue((target, selection), out var known))
        {
            return known;
        }

        if (++_steps > maxCost)
        {
            return double.PositiveInfinity;
        }

        double cost = 0;
        foreach (var selected in Fields(selection))
        {
            cost += 1 + field(target, selected);
            if (cost > maxCost)
            {
                return double.PositiveInfinity;
            }
        }

        _counted[(target, selection)] = cost;
        return cost;
    }

    /// <summary>The fields of a selection set, through its fragments (the document is known to be acyclic), gathered once.</summary>
    private List<GraphQLField> Fields(GraphQLSelectionSet selection)
    {
        if (_fields.TryGetValue(selection, out var known))
        {
            return known;
        }

        var fields = new List<GraphQLField>();
        foreach (var node in selection.Selections)
        {
            switch (node)
            {
                case GraphQLField field:
                    fields.Add(field);
                    break;
                case GraphQLFragmentSpread spread when fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment):
                    fields.AddRange(Fields(fragment.SelectionSet));
                    break;
                case GraphQLInlineFragment inline:
                    fields.AddRange(Fields(inline.SelectionSet));
                    break;
            }
        }

        return _fields[selection] = fields;
    }

    private double Schema(ISchema target, GraphQLField field) => field.Name.StringValue switch
    {
        "types" => target.AllTypes.Sum(type => Count(type, field.SelectionSet, Type)),
        "queryType" => Count(target.Query, field.SelectionSet, Type),
        "mutationType" when target.Mutation is { } mutation => Count(mutation, field.SelectionSet, Type),
        "subscriptionType" when target.Subscription is { } subscription => Count(subscription, field.SelectionSet, Type),
        "directives" => target.Directives.Sum(directive => Count(directive, field.SelectionSet, Directive)),
        _ => 0,
    };

    private double Type(IGraphType target, GraphQLField field) => field.Name.StringValue switch
    {
        "fields" when target is IComplexGraphType complex and not IInputObjectGraphType => complex.Fields.Sum(f => Count(f, field.SelectionSet, Field)),
        "inputFields" when target is IInputObjectGraphType input => input.Fields.Sum(f => Count(f, field.SelectionSet, InputValue)),
        "interfaces" when target is IImplementInterfaces implementing => implementing.ResolvedInterfaces.Sum(i => Count(i, field.SelectionSet, Type)),
        "possibleTypes" when target is IAbstractGraphType abstractType => abstractType.PossibleTypes.Sum(t => Count(t, field.SelectionSet, Type)),
        "enumValues" when target is EnumerationGraphType enumeration && field.SelectionSet is { } values => enumeration.Values.Count * Fields(values).Count,
        "ofType" when target is IProvideResolvedType { ResolvedType: { } inner } => Count(inner, field.SelectionSet, Type),
        _ => 0,
    };

    private double Field(FieldType target, GraphQLField field) => field.Name.StringValue switch
    {
        "args" => (target.Arguments ?? []).Sum(a => Count(a, field.SelectionSet, InputValue)),
        "type" when target.ResolvedType is { } type => Count(type, field.SelectionSet, Type),
        _ => 0,
    };

    private double InputValue(object target, GraphQLField field) =>
        field.Name.StringValue == "type" && target is IProvideResolvedType { ResolvedType: { } type } ? Count(type, field.SelectionSet, Type) : 0;

    private double Directive(Directive target, GraphQLField field) =>
        field.Name.StringValue == "args" ? (target.Arguments ?? []).Sum(a => Count(a, field.SelectionSet, InputValue)) : 0;
}

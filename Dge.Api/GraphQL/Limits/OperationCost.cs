using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Dge.Api.GraphQL.Limits;

/// <summary>
/// The estimated cost of the operation a request runs: every field costs what its <see cref="FieldCostRule"/> says
/// (1 by default), and a field's children cost as many times as it returns items (a page, a list, the rows of a view).
/// Introspection is priced the same way, by the sizes of this schema's lists. Each fragment's cost is computed once
/// and reused at every spread, so the analysis is linear in the document, whatever the fragments expand to.
/// </summary>
public sealed class OperationCost(ISchema schema, GraphQLLimitsOptions limits, DataVolume volume)
{
    /// <summary>What a list without a declared size is assumed to hold.</summary>
    public const int DefaultListSize = 10;

    private readonly Lazy<IntrospectionSizes> _introspection = new(() => IntrospectionSizes.Of(schema));

    /// <summary>The cost of the operation <paramref name="operationName"/> selects; 0 when it selects none (the executer reports that).</summary>
    public double Of(GraphQLDocument document, string? operationName, Inputs? variables)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = operationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.Find(o => o.Name?.StringValue == operationName);
        if (operation is null)
        {
            return 0;
        }

        var root = operation.Operation switch
        {
            OperationType.Query => schema.Query,
            OperationType.Mutation => schema.Mutation,
            _ => schema.Subscription,
        };
        schema.Initialize();
        var walk = new Walk(document, CostArguments.Variables(operation, variables), schema, limits, volume.Current, _introspection.Value);
        return walk.SelectionSet(root, operation.SelectionSet, paged: false);
    }

    private sealed class Walk(
        GraphQLDocument document,
        IReadOnlyDictionary<string, object?> variables,
        ISchema schema,
        GraphQLLimitsOptions limits,
        DataVolume.Counts counts,
        IntrospectionSizes introspection)
    {
        private readonly Dictionary<string, GraphQLFragmentDefinition> _definitions = document.Definitions
            .OfType<GraphQLFragmentDefinition>()
            .DistinctBy(f => f.FragmentName.Name.StringValue)
            .ToDictionary(f => f.FragmentName.Name.StringValue);

        private readonly Dictionary<(string Fragment, bool Paged), double> _fragments = [];
        private readonly HashSet<string> _inProgress = [];

        public double SelectionSet(IGraphType? parent, GraphQLSelectionSet? selectionSet, bool paged)
        {
            double cost = 0;
            foreach (var selection in selectionSet?.Selections ?? [])
            {
                cost += selection switch
                {
                    GraphQLField field => Field(parent as IComplexGraphType, field, paged),
                    GraphQLFragmentSpread spread => Fragment(spread.FragmentName.Name.StringValue, paged),
                    GraphQLInlineFragment inline => SelectionSet(TypeOf(inline.TypeCondition) ?? parent, inline.SelectionSet, paged),
                    _ => 0,
                };
            }

            return cost;
        }

        private double Field(IComplexGraphType? parent, GraphQLField field, bool insidePage)
        {
            var definition = Definition(parent, field.Name.StringValue);
            if (definition is null)
            {
                return 0;
            }

            var type = definition.ResolvedType?.GetNamedType();
            var isList = IsList(definition.ResolvedType);
            var cost = definition.CostRule() is { } rule
                ? rule(new CostArguments(field, definition, variables, limits, counts))
                : introspection.CostOf(parent!.Name, field.Name.StringValue)
                    ?? new FieldCost(1, isList && !insidePage ? DefaultListSize : 1);
            var children = SelectionSet(type, field.SelectionSet, cost.Paged);
            return cost.Own + (cost.Multiplier * children);
        }

        private double Fragment(string name, bool paged)
        {
            if (_fragments.TryGetValue((name, paged), out var known))
            {
                return known;
            }

            if (!_definitions.TryGetValue(name, out var fragment) || !_inProgress.Add(name))
            {
                return 0;
            }

            var cost = SelectionSet(TypeOf(fragment.TypeCondition), fragment.SelectionSet, paged);
            _inProgress.Remove(name);
            _fragments[(name, paged)] = cost;
            return cost;
        }

        // A selection under a leaf (or an unknown type) has no parent to define it: validation refuses it, and it costs nothing.
        private IFieldType? Definition(IComplexGraphType? parent, string name) => parent is null ? null : name switch
        {
            "__typename" => schema.TypeNameMetaFieldType,
            "__schema" when parent == schema.Query => schema.SchemaMetaFieldType,
            "__type" when parent == schema.Query => schema.TypeMetaFieldType,
            _ => parent.GetField(name),
        };

        private IGraphType? TypeOf(GraphQLTypeCondition? condition) =>
            condition is null ? null : schema.AllTypes[condition.Type.Name.StringValue];

        private static bool IsList(IGraphType? type) => type switch
        {
            NonNullGraphType nonNull => IsList(nonNull.ResolvedType),
            ListGraphType => true,
            _ => false,
        };
    }
}

using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Dge.Api.GraphQL.Limits;

/// <summary>
/// The estimated cost of the operation a request runs: every field costs what its <see cref="FieldCostRule"/> says
/// (1 by default), and a field's children cost as many times as it returns items (a page, a list, the rows of a view).
/// Introspection is priced by the values it returns from this schema (<see cref="IntrospectionCost"/>). Each fragment's cost is computed once
/// and reused at every spread, so the analysis is linear in the document, whatever the fragments expand to.
/// </summary>
public sealed class OperationCost(ISchema schema, GraphQLLimitsOptions limits, DataVolume volume)
{
    /// <summary>What a list without a declared size is assumed to hold.</summary>
    public const int DefaultListSize = 10;

    /// <summary>
    /// The cost of the operation <paramref name="operationName"/> selects. An empty name is no name, as the executer
    /// reads it; and should the name select no operation, the dearest operation of the document is what it costs, so
    /// no way of naming an operation can run one unpriced.
    /// </summary>
    public double Of(GraphQLDocument document, string? operationName, Inputs? variables)
    {
        schema.Initialize();
        return DocumentParts.Operation(document, operationName) is { } selected
            ? Of(document, selected, variables)
            : document.Definitions.OfType<GraphQLOperationDefinition>().Select(operation => Of(document, operation, variables)).DefaultIfEmpty(0).Max();
    }

    private double Of(GraphQLDocument document, GraphQLOperationDefinition operation, Inputs? variables)
    {
        var root = operation.Operation switch
        {
            OperationType.Query => schema.Query,
            OperationType.Mutation => schema.Mutation,
            _ => schema.Subscription,
        };
        var walk = new Walk(document, CostArguments.Variables(operation, variables), schema, limits, volume.Current);
        return walk.SelectionSet(root, operation.SelectionSet, paged: false);
    }

    private sealed class Walk(
        GraphQLDocument document,
        IReadOnlyDictionary<string, object?> variables,
        ISchema schema,
        GraphQLLimitsOptions limits,
        DataVolume.Counts counts)
    {
        private readonly Dictionary<string, GraphQLFragmentDefinition> _definitions = DocumentParts.Fragments(document);

        private readonly Dictionary<(string Fragment, bool Paged), double> _fragments = [];
        private IntrospectionCost? _introspection;
        // The runner prices only documents the limits found acyclic; this keeps the walk finite for any other caller.
        private readonly HashSet<string> _inProgress = [];

        public double SelectionSet(IGraphType? parent, GraphQLSelectionSet? selectionSet, bool paged)
        {
            double cost = 0;
            foreach (var selection in selectionSet?.Selections ?? [])
            {
                cost += selection switch
                {
                    GraphQLField field => Field(parent, field, paged),
                    GraphQLFragmentSpread spread => Fragment(spread.FragmentName.Name.StringValue, paged),
                    GraphQLInlineFragment inline => SelectionSet(TypeOf(inline.TypeCondition) ?? parent, inline.SelectionSet, paged),
                    _ => 0,
                };

                // Costs only grow: past the limit the answer is known, and pricing the rest would be work for nothing.
                if (cost > limits.MaxComplexity)
                {
                    return cost;
                }
            }

            return cost;
        }

        private double Field(IGraphType? parent, GraphQLField field, bool insidePage)
        {
            var definition = Definition(parent, field.Name.StringValue);
            if (definition is null)
            {
                return 0;
            }

            var arguments = new CostArguments(field, definition, variables, limits, counts);
            if (definition == schema.SchemaMetaFieldType || definition == schema.TypeMetaFieldType)
            {
                _introspection ??= new IntrospectionCost(schema, _definitions, limits.MaxComplexity);
                return _introspection.Of(field, arguments.Value("name") as string);
            }

            var type = definition.ResolvedType?.GetNamedType();
            var isList = IsList(definition.ResolvedType);
            var cost = definition.CostRule() is { } rule
                ? rule(arguments)
                : new FieldCost(1, isList && !insidePage ? DefaultListSize : 1);
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
        private IFieldType? Definition(IGraphType? parent, string name) => parent is not IComplexGraphType complex ? null : name switch
        {
            "__typename" => schema.TypeNameMetaFieldType,
            "__schema" when parent == schema.Query => schema.SchemaMetaFieldType,
            "__type" when parent == schema.Query => schema.TypeMetaFieldType,
            _ => complex.GetField(name),
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

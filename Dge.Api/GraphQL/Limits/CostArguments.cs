using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Dge.Api.GraphQL.Limits;

/// <summary>
/// The arguments of one field selection as the cost rules read them: literals from the document, variables from the
/// request (or their defaults). Values of the wrong type read as absent: validation reports them afterwards.
/// </summary>
public sealed class CostArguments(
    GraphQLField field, IFieldType definition, IReadOnlyDictionary<string, object?> variables, GraphQLLimitsOptions limits, DataVolume.Counts volume)
{
    public GraphQLLimitsOptions Limits { get; } = limits;

    /// <summary>The data the views compute over.</summary>
    public DataVolume.Counts Volume { get; } = volume;

    /// <summary>The declared type of an argument (its named type), e.g. a filter input.</summary>
    public IGraphType? ArgumentType(string name) => definition.Arguments?.Find(name)?.ResolvedType?.GetNamedType();

    /// <summary>An Int argument, or null when absent or not an int.</summary>
    public int? Int(string name) => Value(name) switch
    {
        int value => value,
        long value when value is >= int.MinValue and <= int.MaxValue => (int)value,
        _ => null,
    };

    /// <summary>The size of a list argument: 0 when absent or null, 1 for a single value (which GraphQL reads as a list of one).</summary>
    public int Count(string name) => Value(name) switch
    {
        IList<object?> list => list.Count,
        null => 0,
        _ => 1,
    };

    /// <summary>
    /// An argument as plain values: dictionaries for input objects, lists, and strings, numbers, booleans or
    /// enum names for the leaves.
    /// </summary>
    public object? Value(string name)
    {
        var argument = field.Arguments?.Items.Find(a => a.Name.StringValue == name);
        return argument is null ? null : Plain(argument.Value, variables);
    }

    private static object? Plain(GraphQLValue value, IReadOnlyDictionary<string, object?> variables) => value switch
    {
        GraphQLVariable variable => variables.GetValueOrDefault(variable.Name.StringValue),
        GraphQLIntValue number => long.TryParse(number.Value.Span, out var parsed) ? parsed : null,
        GraphQLStringValue text => text.Value.ToString(),
        GraphQLBooleanValue boolean => boolean.BoolValue,
        GraphQLEnumValue enumValue => enumValue.Name.StringValue,
        GraphQLListValue list => (list.Values ?? []).Select(item => Plain(item, variables)).ToList(),
        GraphQLObjectValue obj => (obj.Fields ?? []).GroupBy(f => f.Name.StringValue).ToDictionary(g => g.Key, g => Plain(g.First().Value, variables)),
        _ => null,
    };

    /// <summary>The variables of a request: its values over the operation's defaults.</summary>
    public static IReadOnlyDictionary<string, object?> Variables(GraphQLOperationDefinition operation, Inputs? inputs)
    {
        var values = new Dictionary<string, object?>();
        foreach (var definition in operation.Variables?.Items ?? [])
        {
            var name = definition.Variable.Name.StringValue;
            if (inputs is not null && inputs.TryGetValue(name, out var given))
            {
                values[name] = Normalise(given);
            }
            else if (definition.DefaultValue is { } fallback)
            {
                values[name] = Plain(fallback, values);
            }
        }

        return values;
    }

    /// <summary>Request variables arrive as the serializer made them: bring numbers and collections to the shapes <see cref="Plain"/> gives.</summary>
    private static object? Normalise(object? value) => value switch
    {
        int number => (long)number,
        IDictionary<string, object?> map => map.ToDictionary(e => e.Key, e => Normalise(e.Value)),
        IEnumerable<object?> list when value is not string => list.Select(Normalise).ToList(),
        _ => value,
    };
}

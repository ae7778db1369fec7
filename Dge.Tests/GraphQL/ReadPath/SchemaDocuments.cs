using System.Globalization;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using GraphQL.Types;

namespace Dge.Tests.GraphQL.ReadPath;

/// <summary>
/// Random query documents built by walking the live schema: its object, interface and union types, their fields and
/// arguments, the input types of those arguments. Most of a document is valid, with mistakes mixed in: unknown fields and
/// arguments, wrong value kinds, unknown or cyclic fragments, impossible type conditions, hostile values.
/// </summary>
public sealed class SchemaDocuments(ISchema schema)
{
    private static readonly string[] UnknownNames = ["shoeSize", "DROP", "doctor_s", "__schema", "passwordHash", "id_"];
    private static readonly string[] Aliases = ["a", "b", "x", "_1", "dup", "totalCount"];

    // Variables travel as JSON, so their numbers are JSON numbers (GraphQL literals such as 0x10 are not).
    private static readonly string[] JsonInts = [.. HostileValues.Ints.Where(IsJson)];

    /// <summary>Documents of a size that grows with FsCheck's size, shrinking towards fewer and simpler selections.</summary>
    public Arbitrary<RandomDocument> Arbitrary() =>
        Arb.From(
            Gen.Sized(size => Gen.Choose(0, int.MaxValue).Select(seed => new Builder(schema, new Random(seed), size).Document())),
            document => document.Shrink());

    private sealed class Builder(ISchema schema, Random random, int size)
    {
        private readonly List<VariableDefinition> variables = [];
        private readonly List<FragmentDefinition> fragments = [];

        // How careless this document is: a multiple of every mistake's probability, zero for a document that is all valid.
        private readonly double carelessness = new[] { 0, 0, 0.5, 1, 2 }[random.Next(5)];
        private int aliases;
        private int fragmentNames;

        public RandomDocument Document()
        {
            var selections = Selections(schema.Query, depth: 1 + Math.Min(size / 35, 2), count: 1 + Math.Min(size / 40, 2));
            return new RandomDocument(variables, selections, fragments);
        }

        private bool Chance(double probability) => random.NextDouble() < probability;

        private bool Mistake(double probability) => random.NextDouble() < probability * carelessness;

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        private List<Selection> Selections(IGraphType type, int depth, int count)
        {
            var selections = new List<Selection>();
            for (var i = 0; i < count; i++)
            {
                selections.Add(Selection(type, depth));
            }

            return selections;
        }

        private Selection Selection(IGraphType type, int depth)
        {
            if (Chance(0.08))
            {
                return InlineFragment(type, depth);
            }

            if (Chance(0.06))
            {
                return Spread(type, depth);
            }

            return Field(type, depth);
        }

        private InlineFragment InlineFragment(IGraphType type, int depth)
        {
            var condition = type switch
            {
                IAbstractGraphType abstractType when abstractType.PossibleTypes.Count > 0 && !Mistake(0.2) => Pick(abstractType.PossibleTypes.ToList()),
                _ when Mistake(0.15) => Pick(ObjectTypes()),
                _ => type,
            };
            return new InlineFragment(Chance(0.1) ? null : condition.Name, Selections(condition, depth, 1 + random.Next(2)));
        }

        private FragmentSpread Spread(IGraphType type, int depth)
        {
            if (Mistake(0.15))
            {
                return new FragmentSpread("missing");
            }

            var name = $"f{fragmentNames++}";
            var fragment = new FragmentDefinition(name, type.Name, Selections(type, depth, 1 + random.Next(2)));
            // A fragment that spreads itself is a cycle the validator must refuse.
            fragments.Add(Mistake(0.05) ? fragment with { Selections = [.. fragment.Selections, new FragmentSpread(name)] } : fragment);
            return new FragmentSpread(name);
        }

        private FieldSelection Field(IGraphType type, int depth)
        {
            var fields = type is IComplexGraphType complex ? complex.Fields.ToList() : [];
            var alias = Chance(0.15) ? Mistake(0.3) ? Pick(Aliases) : $"alias{aliases++}" : null;
            if (fields.Count == 0 || Mistake(0.05))
            {
                return new FieldSelection(alias, Chance(0.5) ? "__typename" : Pick(UnknownNames), [], []);
            }

            // Near the depth limit only leaves are chosen, so documents stay small.
            var candidates = depth <= 1 && fields.Any(f => IsLeaf(f.ResolvedType!)) ? fields.Where(f => IsLeaf(f.ResolvedType!)).ToList() : fields;
            var field = Pick(candidates);
            var arguments = Arguments(field);
            var fieldType = Unwrap(field.ResolvedType!);
            var selections = IsLeaf(fieldType)
                ? Mistake(0.03) ? [new FieldSelection(null, "__typename", [], [])] : []
                : Mistake(0.03) ? [] : Selections(fieldType, depth - 1, 1 + random.Next(depth > 1 ? 3 : 2));
            return new FieldSelection(alias, field.Name, arguments, selections);
        }

        private List<Argument> Arguments(FieldType field)
        {
            var arguments = new List<Argument>();
            foreach (var argument in field.Arguments ?? [])
            {
                var required = argument.ResolvedType is NonNullGraphType;
                // Cursors and paging from the end mostly meet a first argument and are refused, so they come with carelessness.
                var included = required ? !Mistake(0.05) : argument.Name is "after" or "before" or "last" ? Mistake(0.2) : Chance(0.3);
                if (included)
                {
                    arguments.Add(new Argument(argument.Name, ArgumentValue(argument)));
                }
            }

            if (Mistake(0.04))
            {
                arguments.Add(new Argument(Pick(UnknownNames), Value(Pick(schema.AllTypes.Where(t => t is ScalarGraphType).ToList()), 0)));
            }

            return arguments;
        }

        private string ArgumentValue(QueryArgument argument)
        {
            if (Chance(0.15))
            {
                var name = $"v{variables.Count}";
                var declared = Mistake(0.1) ? Pick(["Int", "String", "ID", "Boolean!", "[Int]", "Date", "Unknown"]) : TypeText(argument.ResolvedType!);
                variables.Add(new VariableDefinition(name, declared, Mistake(0.15) ? null : JsonValue(argument.ResolvedType!, depth: 3)));
                return "$" + name;
            }

            return Value(argument.ResolvedType!, depth: 3);
        }

        /// <summary>A variable's value as JSON, shaped by its type as <see cref="Value"/> shapes a literal.</summary>
        private string JsonValue(IGraphType type, int depth)
        {
            switch (type)
            {
                case NonNullGraphType nonNull:
                    return JsonValue(nonNull.ResolvedType!, depth);
                case ListGraphType list:
                    return Chance(0.25)
                        ? JsonValue(list.ResolvedType!, depth)
                        : "[" + string.Join(", ", Enumerable.Range(0, random.Next(4)).Select(_ => JsonValue(list.ResolvedType!, depth))) + "]";
                case IInputObjectGraphType input:
                    if (depth <= 0 || Mistake(0.03))
                    {
                        return Mistake(0.5) ? Pick(["null", "[]", "\"{}\"", "1"]) : "{}";
                    }

                    var entries = input.Fields.OrderBy(_ => random.Next()).Take(random.Next(1, 3))
                        .Select(f => $"{JsonSerializer.Serialize(f.Name)}: {JsonValue(f.ResolvedType!, depth - 1)}")
                        .ToList();
                    if (Mistake(0.04))
                    {
                        entries.Add($"{JsonSerializer.Serialize(Pick(UnknownNames))}: 1");
                    }

                    return "{" + string.Join(", ", entries) + "}";
                default:
                    return Json(type);
            }
        }

        private string Value(IGraphType type, int depth)
        {
            if (Mistake(0.03))
            {
                // A value of the wrong kind for any type.
                return Pick(["null", "\"\"", "[]", "{}", "42", "true", "ENUM_VALUE", "\"😀\""]);
            }

            switch (type)
            {
                case NonNullGraphType nonNull:
                    return Value(nonNull.ResolvedType!, depth);
                case ListGraphType list:
                    return Chance(0.25)
                        ? Value(list.ResolvedType!, depth)
                        : "[" + string.Join(", ", Enumerable.Range(0, random.Next(4)).Select(_ => Value(list.ResolvedType!, depth))) + "]";
                case EnumerationGraphType enumeration:
                    return !Mistake(0.1) ? Pick(enumeration.Values.ToList()).Name : Pick(["NOT_A_VALUE", "\"GP\"", "gp"]);
                case IInputObjectGraphType input:
                    if (depth <= 0)
                    {
                        return "{}";
                    }

                    var fields = input.Fields.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToList();
                    var entries = fields.Select(f => $"{f.Name}: {Value(f.ResolvedType!, depth - 1)}").ToList();
                    if (Mistake(0.04))
                    {
                        entries.Add($"{Pick(UnknownNames)}: 1");
                    }

                    return "{ " + string.Join(", ", entries) + " }";
                default:
                    return Scalar(type.Name);
            }
        }

        private string Scalar(string name) => name switch
        {
            "Int" => !Mistake(0.3) ? random.Next(1, 6).ToString(CultureInfo.InvariantCulture) : Pick(HostileValues.Ints),
            "Float" => Pick(HostileValues.Floats),
            "Boolean" => !Mistake(0.1) ? Pick(["true", "false"]) : "\"true\"",
            "Date" => HostileValues.Literal(Mistake(0.5) ? Pick(HostileValues.Dates) : RandomDate()),
            "ID" => HostileValues.Literal(Pick(HostileValues.Ids)),
            _ => HostileValues.Literal(Chance(0.7) ? Pick(HostileValues.Strings) : Pick(HostileValues.Ids)),
        };

        private string RandomDate() => new DateOnly(2000, 1, 1).AddDays(random.Next(0, 365 * 30)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        /// <summary>A variable's value as JSON: usually of the right kind, sometimes out of range or of another kind.</summary>
        private string Json(IGraphType named)
        {
            if (Mistake(0.1))
            {
                return Pick(["null", "[]", "{}", "1e400", "99999999999999999999", "-0", "\"\"", "[1, \"a\"]", "{\"eq\": 1}"]);
            }

            return named switch
            {
                EnumerationGraphType enumeration => JsonSerializer.Serialize(!Mistake(0.1) ? Pick(enumeration.Values.ToList()).Name : "not_a_value"),
                _ when named.Name is "Int" or "Float" => !Mistake(0.4) ? random.Next(1, 6).ToString(CultureInfo.InvariantCulture) : Pick(named.Name == "Int" ? JsonInts : HostileValues.Floats),
                _ when named.Name == "Boolean" => Pick(["true", "false", "\"false\"", "0"]),
                _ when named.Name == "Date" => JsonSerializer.Serialize(Mistake(0.5) ? Pick(HostileValues.Dates) : RandomDate()),
                _ when named.Name == "ID" => JsonSerializer.Serialize(Pick(HostileValues.Ids)),
                _ => JsonSerializer.Serialize(Pick(HostileValues.Strings)),
            };
        }

        private List<IGraphType> ObjectTypes() =>
            schema.AllTypes.Where(t => t is IObjectGraphType && !t.Name.StartsWith("__", StringComparison.Ordinal)).ToList();
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IGraphType Unwrap(IGraphType type) => type switch
    {
        NonNullGraphType nonNull => Unwrap(nonNull.ResolvedType!),
        ListGraphType list => Unwrap(list.ResolvedType!),
        _ => type,
    };

    private static bool IsLeaf(IGraphType type) => Unwrap(type) is ScalarGraphType or EnumerationGraphType;

    private static string TypeText(IGraphType type) => type switch
    {
        NonNullGraphType nonNull => TypeText(nonNull.ResolvedType!) + "!",
        ListGraphType list => "[" + TypeText(list.ResolvedType!) + "]",
        _ => type.Name,
    };
}

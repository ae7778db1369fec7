using System.Globalization;
using Dge.Api.Data;
using Dge.Api.Data.Seed;
using Dge.Api.GraphQL.Relay;
using FsCheck;
using FsCheck.Fluent;
using GraphQL.Types;

namespace Dge.Tests.GraphQL.ReadPath;

/// <summary>
/// One generated filter on a root connection, asked for its count and its first page in the default (id) order; written
/// in the document or sent as a JSON variable, which the server parses differently; on the connection's asOf, or today
/// when <see cref="AsOf"/> is null.
/// </summary>
public sealed record FilterCase(string ListField, FilterTree Where, bool AsVariable, DateOnly? AsOf = null)
{
    public const int PageSize = 5;

    public string Query => AsVariable
        ? $"query($w: {Where.Type}FilterInput) {{ {ListField}(where: $w, first: {PageSize}{AsOfArgument}) {{ totalCount nodes {{ id }} }} }}"
        : $"{{ {ListField}(where: {Where}, first: {PageSize}{AsOfArgument}) {{ totalCount nodes {{ id }} }} }}";

    private string AsOfArgument => AsOf is { } day ? $", asOf: \"{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\"" : string.Empty;

    public string? VariablesJson => AsVariable ? $"{{\"w\": {Where.Text(json: true)}}}" : null;

    public IEnumerable<FilterCase> Shrink() => Where.Shrink().Select(where => this with { Where = where });

    public override string ToString() => AsVariable ? $"{Query}  variables: {VariablesJson}" : Query;
}

/// <summary>
/// Random <c>where</c> trees for doctors, clinics, groups, meetings, municipalities, clusters, regions and coordinators,
/// built by walking the schema's filter input types: scalar operations with values drawn from the data (whole, cut,
/// case-changed) or hostile, <c>and</c>/<c>or</c>, to-one relations two hops deep, and <c>some/all/none/any</c> one level
/// below the root or its relations; on one of <see cref="Days"/>; now and then a value the API must refuse.
/// </summary>
public sealed class FilterTrees(ISchema schema, FilterOracle oracle)
{
    /// <summary>
    /// The connection's asOf: today (null), a day before the regions existed (no municipality has a region), a year
    /// before the seed's anchor (other employments and cluster memberships) and a day after the 2027 region reform.
    /// </summary>
    public static readonly IReadOnlyList<DateOnly?> Days = [null, new DateOnly(2006, 6, 1), SeedCalendar.Anchor.AddYears(-1), new DateOnly(2027, 6, 1)];

    private static readonly (string Type, string ListField)[] Roots =
    [
        ("Doctor", "doctors"), ("Clinic", "clinics"), ("DgeGroup", "groups"), ("Meeting", "meetings"),
        ("Municipality", "municipalities"), ("QualityCluster", "qualityClusters"), ("Region", "regions"), ("Coordinator", "coordinators"),
    ];

    public Arbitrary<FilterCase> Arbitrary() =>
        Arb.From(
            Gen.Sized(size => Gen.Choose(0, int.MaxValue).Select(seed => new Builder(schema, oracle, new Random(seed), size).Case())),
            filter => filter.Shrink());

    private sealed class Builder(ISchema schema, FilterOracle oracle, Random random, int size)
    {
        public FilterCase Case()
        {
            var (type, listField) = Roots[random.Next(Roots.Length)];
            return new FilterCase(listField, Tree(type, depth: 2, lists: true), AsVariable: Chance(0.5), AsOf: Pick(Days));
        }

        private bool Chance(double probability) => random.NextDouble() < probability;

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        private FilterTree Tree(string type, int depth, bool lists)
        {
            var input = (IInputObjectGraphType)schema.AllTypes[type + "FilterInput"]!;
            var fields = input.Fields.ToList();
            var used = new HashSet<string>();
            var entries = new List<FilterEntry>();
            var count = 1 + random.Next(1 + Math.Min(size / 40, 2));
            for (var attempt = 0; entries.Count < count && attempt < 20; attempt++)
            {
                var field = Pick(fields);
                var typeName = field.ResolvedType!.Name;
                if (used.Contains(field.Name))
                {
                    continue;
                }

                FilterEntry? entry = field.Name switch
                {
                    "and" or "or" when depth > 0 && Chance(0.3) => Junction(field.Name, type, depth),
                    "and" or "or" => null,
                    _ when typeName.EndsWith("OperationFilterInput", StringComparison.Ordinal) => Scalar(type, field.Name, (IInputObjectGraphType)field.ResolvedType),
                    _ when !oracle.Knows(type, field.Name) || depth == 0 => null,
                    _ when typeName.StartsWith("ListFilterInputTypeOf", StringComparison.Ordinal) =>
                        lists ? Many(field.Name, typeName["ListFilterInputTypeOf".Length..^"FilterInput".Length], depth) : null,
                    _ => new ToOne(field.Name, Chance(0.03) ? null : Tree(typeName[..^"FilterInput".Length], depth - 1, lists)),
                };
                if (entry is not null)
                {
                    used.Add(field.Name);
                    entries.Add(entry);
                }
            }

            return new FilterTree(type, entries);
        }

        private Junction Junction(string name, string type, int depth) =>
            Chance(0.04)
                ? new Junction(name, Chance(0.5) ? null : [])
                : new Junction(name, Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Tree(type, depth - 1, lists: depth > 1)).ToList());

        private ToMany Many(string name, string childType, int depth)
        {
            if (Chance(0.03))
            {
                return new ToMany(name, null);
            }

            var operations = new[] { "some", "all", "none", "any" }.OrderBy(_ => random.Next()).Take(Chance(0.85) ? 1 : 2);
            return new ToMany(name, operations.Select(operation => operation == "any"
                ? new ListCondition(operation, null, Chance(0.03) ? null : Chance(0.5))
                : new ListCondition(operation, Chance(0.03) ? null : Tree(childType, depth - 1, lists: false), null)).ToList());
        }

        private ScalarCondition Scalar(string type, string field, IInputObjectGraphType operations)
        {
            if (Chance(0.03))
            {
                return new ScalarCondition(field, null);
            }

            var property = field == "id" ? typeof(int?) : FilterOracle.PropertyOf(oracle.ClrType(type), field).PropertyType;
            var valueType = operations.Fields.First(f => f.Name == "eq").ResolvedType!;
            var chosen = operations.Fields.Select(f => f.Name).OrderBy(_ => random.Next()).Take(Chance(0.8) ? 1 : 2);
            return new ScalarCondition(field, chosen.Select(operation => (operation, operation is "in" or "nin"
                ? List(type, field, property, valueType)
                : Single(type, field, property, valueType))).ToList());
        }

        private Operand List(string type, string field, Type property, IGraphType valueType)
        {
            var items = Enumerable.Range(0, random.Next(5)).Select(_ => Single(type, field, property, valueType)).ToList();
            return new Operand(
                "[" + string.Join(", ", items.Select(i => i.Literal)) + "]",
                items.Select(i => i.Value).ToList(),
                "[" + string.Join(", ", items.Select(i => i.Json)) + "]");
        }

        private Operand Single(string type, string field, Type property, IGraphType valueType)
        {
            if (Chance(0.05))
            {
                var neverNull = property.IsValueType && Nullable.GetUnderlyingType(property) is null;
                return new Operand("null", neverNull ? OracleValue.NeverNull : null);
            }

            var sample = Read(Pick(oracle.Rows(type)), field);
            var target = Nullable.GetUnderlyingType(property) ?? property;
            return valueType switch
            {
                EnumerationGraphType enumeration => Enum(enumeration),
                _ when field == "id" => Id(type, sample),
                _ when target == typeof(string) => Text(sample as string),
                _ when target == typeof(int) => Whole(sample as int?),
                _ when target == typeof(double) => Real(sample as double?),
                _ when target == typeof(DateOnly) => Date(sample as DateOnly?),
                _ when target == typeof(bool) => Chance(0.5) ? new Operand("true", true) : new Operand("false", false),
                _ => throw new InvalidOperationException($"No values for {type}.{field} of {property.Name}."),
            };
        }

        private Operand Enum(EnumerationGraphType enumeration)
        {
            var value = Pick(enumeration.Values.ToList());
            return new Operand(value.Name, value.Value, $"\"{value.Name}\"");
        }

        private Operand Id(string type, object? sample)
        {
            var id = Chance(0.8) && sample is int key ? NodeId.Encode(type, key) : Pick(HostileValues.Ids);
            var value = NodeId.TryDecode(id, out var idType, out var decoded) && idType == type ? decoded : (object)OracleValue.InvalidId;
            return new Operand(HostileValues.Literal(id), value);
        }

        private Operand Text(string? sample)
        {
            var text = sample is null || Chance(0.25) ? Pick(HostileValues.Strings) : Cut(sample);
            return new Operand(HostileValues.Literal(text), text);
        }

        // A piece of a real value, so that contains/startsWith/endsWith match something; sometimes with its case changed.
        private string Cut(string text)
        {
            var length = text.Length == 0 ? 0 : 1 + random.Next(Math.Min(4, text.Length));
            return random.Next(6) switch
            {
                0 => text[..length],
                1 => text[^length..],
                2 => text.Substring(random.Next(text.Length - length + 1), length),
                3 => Chance(0.5) ? text.ToUpperInvariant() : text.ToLowerInvariant(),
                _ => text,
            };
        }

        private Operand Whole(int? sample)
        {
            var value = sample is { } known && Chance(0.8) ? known + random.Next(-1, 2) : Pick([0, -1, int.MaxValue, int.MinValue]);
            return new Operand(value.ToString(CultureInfo.InvariantCulture), value);
        }

        private Operand Real(double? sample)
        {
            if (sample is null || Chance(0.2))
            {
                var whole = random.Next(0, 13);
                return Chance(0.1) ? new Operand("1.7976931348623157e308", double.MaxValue) : new Operand(whole.ToString(CultureInfo.InvariantCulture), (double)whole);
            }

            var value = sample.Value + Pick([0, 0, 0.5, -0.5]);
            return new Operand(value.ToString("R", CultureInfo.InvariantCulture), value);
        }

        private Operand Date(DateOnly? sample)
        {
            var value = sample is { } known && Chance(0.85)
                ? known.AddDays(Pick([0, 0, 1, -1, 30, -365]))
                : Pick([new DateOnly(1900, 1, 1), new DateOnly(2999, 12, 31), new DateOnly(2024, 2, 29), SeedCalendar.Anchor]);
            return new Operand(HostileValues.Literal(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), value);
        }

        private static object? Read(Entity row, string field) =>
            field == "id" ? row.Id : FilterOracle.PropertyOf(row.GetType(), field).GetValue(row);
    }
}

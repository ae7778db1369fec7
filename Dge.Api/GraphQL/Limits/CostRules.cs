using Dge.Api.GraphQL.Filtering;
using Dge.Api.GraphQL.Paging;
using GraphQL;
using GraphQL.Types;

namespace Dge.Api.GraphQL.Limits;

/// <summary>
/// The cost rules shared by many fields. One unit is roughly 25 µs of server work on the national dataset, so the default
/// limit of 50,000 is about a second and a quarter of work; the views' own costs come from their measured times
/// (Dge.Benchmarks/RESULTS.md) and grow with the data.
/// </summary>
public static class CostRules
{
    /// <summary>A connection: 1, plus its filter and order; everything below it counts once per item of the page.</summary>
    public static FieldCost Connection(CostArguments arguments) => Paged(arguments, 1);

    /// <summary>A view computed once for the whole request (or for all parents at one level), returning <paramref name="rows"/> items.</summary>
    public static FieldCostRule View(long ownAtNationalScale, Func<CostArguments, long>? rows = null) =>
        arguments => new FieldCost(ownAtNationalScale * arguments.Volume.Scale, rows?.Invoke(arguments) ?? 1);

    /// <summary>A paged view (e.g. <c>clusterAlignment</c>): its own work, and everything below per item of the page.</summary>
    public static FieldCostRule PagedView(long ownAtNationalScale) =>
        arguments => Paged(arguments, ownAtNationalScale * arguments.Volume.Scale);

    /// <summary><c>first</c> (or <c>last</c>), else the default page, at most the largest page: what the page can hold.</summary>
    public static double PageSize(CostArguments arguments) =>
        Math.Clamp(arguments.Int("first") ?? arguments.Int("last") ?? PageWindow.DefaultPageSize, 0, PageWindow.MaxPageSize);

    private static FieldCost Paged(CostArguments arguments, double own) =>
        new(own + Filter(arguments) + Order(arguments), PageSize(arguments), Paged: true);

    /// <summary>
    /// A <c>where</c> filter: each condition costs 1, and each <c>some/all/none/any</c> multiplies what is below it by the
    /// size of the list it ranges over, as the database evaluates it for every item.
    /// </summary>
    private static double Filter(CostArguments arguments) =>
        arguments.ArgumentType("where") is IInputObjectGraphType type && arguments.Value("where") is { } where
            ? Filter(type, where, 1, arguments.Limits.ListFilterFanout)
            : 0;

    /// <summary>
    /// An <c>order</c>: each key costs 1, and each relation it sorts through costs as much as a list filter level, as the
    /// database looks the related row up for every row it sorts.
    /// </summary>
    private static double Order(CostArguments arguments) =>
        arguments.Value("order") switch
        {
            IList<object?> keys => keys.Sum(key => Order(key, arguments.Limits.ListFilterFanout)),
            { } key => Order(key, arguments.Limits.ListFilterFanout),
            null => 0,
        };

    private static double Order(object? key, double fanout) =>
        key is IDictionary<string, object?> fields
            ? fields.Values.Sum(value => value is IDictionary<string, object?> ? fanout + Order(value, fanout) : 1)
            : 1;

    private static double Filter(IInputObjectGraphType type, object? value, double multiplier, double fanout)
    {
        if (value is not IDictionary<string, object?> conditions)
        {
            return multiplier;
        }

        double cost = 0;
        foreach (var (name, condition) in conditions)
        {
            var fieldType = type.GetField(name)?.ResolvedType?.GetNamedType();
            cost += (fieldType, condition) switch
            {
                (IInputObjectGraphType same, IList<object?> filters) when same == type =>
                    filters.Sum(filter => Filter(type, filter, multiplier, fanout)),
                (ListFilterInputGraphType list, _) => Filter(list, condition, multiplier * fanout, fanout),
                (IInputObjectGraphType nested, _) => Filter(nested, condition, multiplier, fanout),
                _ => multiplier,
            };
        }

        return cost;
    }
}

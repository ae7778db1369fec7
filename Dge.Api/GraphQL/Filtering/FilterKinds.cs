namespace Dge.Api.GraphQL.Filtering;

/// <summary>The families of operation filter inputs, as HotChocolate names them.</summary>
public enum FilterKind
{
    String,
    Comparable,
    Boolean,
    Enum,
    Id,
}

public static class FilterKinds
{
    private static readonly string[] EqualityOperations = ["eq", "neq"];
    private static readonly string[] SetOperations = ["eq", "neq", "in", "nin"];
    private static readonly string[] StringOperations =
        ["eq", "neq", "contains", "ncontains", "in", "nin", "startsWith", "nstartsWith", "endsWith", "nendsWith"];
    private static readonly string[] ComparableOperations =
        ["eq", "neq", "in", "nin", "gt", "ngt", "gte", "ngte", "lt", "nlt", "lte", "nlte"];

    public static FilterKind Of(Type valueType) => valueType switch
    {
        _ when valueType == typeof(string) => FilterKind.String,
        _ when valueType == typeof(bool) => FilterKind.Boolean,
        _ when valueType.IsEnum => FilterKind.Enum,
        _ when valueType == typeof(int) || valueType == typeof(double) || valueType == typeof(DateOnly) || valueType == typeof(DateTime) => FilterKind.Comparable,
        _ => throw new NotSupportedException($"No filter for values of type {valueType.Name}."),
    };

    public static IReadOnlyList<string> Operations(FilterKind kind) => kind switch
    {
        FilterKind.String => StringOperations,
        FilterKind.Comparable => ComparableOperations,
        FilterKind.Boolean => EqualityOperations,
        FilterKind.Enum or FilterKind.Id => SetOperations,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

using System.ComponentModel;
using System.Reflection;
using GraphQL.Types;

namespace Dge.Api.GraphQL.Scalars;

/// <summary>Maps CLR value types to graph types, and builds the enum types (UPPER_CASE values, descriptions from attributes).</summary>
public static class ScalarTypes
{
    public static IGraphType For(Type valueType, bool nullable)
    {
        var type = Nullable.GetUnderlyingType(valueType) ?? valueType;
        IGraphType graphType = type switch
        {
            _ when type == typeof(string) => new GraphQLTypeReference("String"),
            _ when type == typeof(int) => new GraphQLTypeReference("Int"),
            _ when type == typeof(long) => new GraphQLTypeReference("Long"),
            _ when type == typeof(double) => new GraphQLTypeReference("Float"),
            _ when type == typeof(bool) => new GraphQLTypeReference("Boolean"),
            _ when type == typeof(DateOnly) => new GraphQLTypeReference("Date"),
            _ when type == typeof(DateTime) => new GraphQLTypeReference("DateTime"),
            _ when type.IsEnum => new GraphQLTypeReference(type.Name),
            _ => throw new NotSupportedException($"No graph type for {type.Name}."),
        };
        return nullable ? graphType : new NonNullGraphType(graphType);
    }

    public static EnumerationGraphType Enum(Type enumType)
    {
        var graphType = (EnumerationGraphType)Activator.CreateInstance(typeof(EnumerationGraphType<>).MakeGenericType(enumType))!;
        graphType.Name = enumType.Name;
        graphType.Description = enumType.GetCustomAttribute<DescriptionAttribute>()?.Description;
        return graphType;
    }
}

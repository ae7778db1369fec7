using Dge.Api.GraphQL.Model;
using Dge.Api.GraphQL.Scalars;
using GraphQL.Types;

namespace Dge.Api.GraphQL.Filtering;

/// <summary><c>XFilterInput</c>: the <c>where</c> argument of X's connections, in HotChocolate's conventions.</summary>
public sealed class FilterInputGraphType : InputObjectGraphType
{
    public FilterInputGraphType(EntityModel model, ModelRegistry models)
    {
        Name = model.FilterInputName;
        Description = $"Filter on {model.Name}: every field given must match; combine alternatives with or.";
        var self = new NonNullGraphType(new GraphQLTypeReference(Name));
        Field(FilterBuilder.And, new ListGraphType(self)).Description("All of these filters must match.");
        Field(FilterBuilder.Or, new ListGraphType(self)).Description("At least one of these filters must match.");
        Field("id", new GraphQLTypeReference(OperationFilterInputGraphType.NameFor(FilterKind.Id, null))).Description($"The {model.Name}'s global id.");
        foreach (var scalar in model.Scalars)
        {
            var kind = FilterKinds.Of(scalar.NonNullableType);
            Field(scalar.Name, new GraphQLTypeReference(OperationFilterInputGraphType.NameFor(kind, scalar.NonNullableType))).Description(scalar.Description);
        }

        foreach (var reference in model.References)
        {
            var suffix = reference.HasAsOf ? " Filters through it use its value on the filtered connection's asOf (default today)." : string.Empty;
            Field(reference.Name, new GraphQLTypeReference(models.For(reference.TargetType).FilterInputName)).Description(reference.Description + suffix);
        }

        foreach (var connection in model.Connections)
        {
            var suffix = connection.HasAsOf ? " Filters through it use the items active on the filtered connection's asOf (default today)." : string.Empty;
            Field(connection.Name, new GraphQLTypeReference(ListFilterInputGraphType.NameFor(models.For(connection.ChildType))))
                .Description(connection.Description + suffix);
        }
    }
}

/// <summary><c>ListFilterInputTypeOfXFilterInput</c>: conditions on a one-to-many relation.</summary>
public sealed class ListFilterInputGraphType : InputObjectGraphType
{
    public ListFilterInputGraphType(EntityModel child)
    {
        Name = NameFor(child);
        Description = $"Conditions on a list of {child.Name}.";
        var element = new GraphQLTypeReference(child.FilterInputName);
        Field("some", element).Description("At least one item matches.");
        Field("all", element).Description("Every item matches (true for an empty list).");
        Field("none", element).Description("No item matches.");
        Field("any", new GraphQLTypeReference("Boolean")).Description("true: the list has items; false: it is empty.");
    }

    public static string NameFor(EntityModel child) => $"ListFilterInputTypeOf{child.FilterInputName}";
}

/// <summary>The operations on one field: <c>StringOperationFilterInput</c>, <c>DateOperationFilterInput</c>, …</summary>
public sealed class OperationFilterInputGraphType : InputObjectGraphType
{
    public OperationFilterInputGraphType(FilterKind kind, Type? valueType)
    {
        Name = NameFor(kind, valueType);
        Description = $"Operations on a {ValueName(kind, valueType)} value.";
        var value = kind == FilterKind.Id ? new GraphQLTypeReference("ID") : ScalarTypes.For(valueType!, nullable: true);
        var values = new ListGraphType(value);
        foreach (var operation in FilterKinds.Operations(kind))
        {
            var isList = operation is "in" or "nin";
            Field(operation, isList ? values : value).Description(Describe(operation));
        }
    }

    public static string NameFor(FilterKind kind, Type? valueType) => $"{ValueName(kind, valueType)}OperationFilterInput";

    private static string ValueName(FilterKind kind, Type? valueType) => kind switch
    {
        FilterKind.Id => "Id",
        FilterKind.String => "String",
        FilterKind.Boolean => "Boolean",
        FilterKind.Enum => valueType!.Name,
        _ when valueType == typeof(int) => "Int",
        _ when valueType == typeof(double) => "Float",
        _ when valueType == typeof(DateTime) => "DateTime",
        _ => "Date",
    };

    private static string Describe(string operation) => operation switch
    {
        "eq" => "Equals (null matches a missing value).",
        "neq" => "Does not equal.",
        "in" => $"Equals one of these (at most {FilterBuilder.MaxInValues}).",
        "nin" => "Equals none of these.",
        "gt" => "Greater than.",
        "ngt" => "Not greater than.",
        "gte" => "Greater than or equal.",
        "ngte" => "Not greater than or equal.",
        "lt" => "Less than.",
        "nlt" => "Not less than.",
        "lte" => "Less than or equal.",
        "nlte" => "Not less than or equal.",
        "contains" => "Contains this text (case-sensitive).",
        "ncontains" => "Does not contain this text.",
        "startsWith" => "Starts with this text.",
        "nstartsWith" => "Does not start with this text.",
        "endsWith" => "Ends with this text.",
        "nendsWith" => "Does not end with this text.",
        _ => operation,
    };
}

using Dge.Api.GraphQL.Model;
using GraphQL;
using GraphQL.Types;

namespace Dge.Api.GraphQL.Paging;

/// <summary>The arguments of a connection field: paging window, <c>where</c>, <c>order</c> and, on period relations, <c>asOf</c>.</summary>
public sealed record ConnectionArguments(PageWindow Window, IDictionary<string, object?>? Where, object? Order, DateOnly? AsOf)
{
    public static ConnectionArguments From(IResolveFieldContext context, DateOnly? asOf)
    {
        // By field name, not response key: an alias such as `n: totalCount` must still be counted.
        var totalRequested = context.SubFields?.Values.Any(field => field.FieldType.Name == "totalCount") ?? false;
        var itemsRequested = context.SubFields?.Values.Any(field => field.FieldType.Name is not ("totalCount" or "__typename")) ?? true;
        var window = PageWindow.From(
            CursorScope.Of(context),
            context.GetArgument<int?>("first"),
            context.GetArgument<string?>("after"),
            context.GetArgument<int?>("last"),
            context.GetArgument<string?>("before"),
            totalRequested) with { NeedsItems = itemsRequested };
        return new ConnectionArguments(window, context.RawArgument("where") as IDictionary<string, object?>, context.RawArgument("order"), asOf);
    }

    /// <summary>first/after/last/before/where/order, as on every connection.</summary>
    public static QueryArguments Definitions(EntityModel child) => new(
        new QueryArgument(new GraphQLTypeReference("Int")) { Name = "first", Description = $"Items from the start (default {PageWindow.DefaultPageSize}, at most {PageWindow.MaxPageSize})." },
        new QueryArgument(new GraphQLTypeReference("String")) { Name = "after", Description = "Cursor to start after." },
        new QueryArgument(new GraphQLTypeReference("Int")) { Name = "last", Description = $"Items from the end (at most {PageWindow.MaxPageSize})." },
        new QueryArgument(new GraphQLTypeReference("String")) { Name = "before", Description = "Cursor to end before." },
        new QueryArgument(new GraphQLTypeReference(child.FilterInputName)) { Name = "where", Description = "Filter; becomes part of the SQL query." },
        new QueryArgument(new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(child.SortInputName)))) { Name = "order", Description = "Sort order, applied in the order given; the key breaks ties." });

    /// <summary>The arguments of a root connection: those of every connection, and the day its filters and sorts read dated relations on.</summary>
    public static QueryArguments RootDefinitions(EntityModel model)
    {
        var arguments = Definitions(model);
        arguments.Add(new QueryArgument(new GraphQLTypeReference("Date"))
        {
            Name = "asOf",
            Description = "Reference date (default today): where and order read dated relations, such as a doctor's clinic, as of this day.",
        });
        return arguments;
    }

    public static QueryArgument AsOfDefinition() =>
        new(new GraphQLTypeReference("Date")) { Name = "asOf", Description = "Reference date (default today)." };
}

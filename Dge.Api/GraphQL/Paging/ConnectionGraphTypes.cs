using Dge.Api.GraphQL.Model;
using GraphQL.Types;

namespace Dge.Api.GraphQL.Paging;

/// <summary><c>XConnection</c>: a page of X in HotChocolate's shape.</summary>
public sealed class ConnectionGraphType : ObjectGraphType<Connection>
{
    public ConnectionGraphType(EntityModel model)
        : this(model.Name)
    {
    }

    /// <summary>A connection of any item type, e.g. the cluster alignment view's rows.</summary>
    public ConnectionGraphType(string itemTypeName)
    {
        Name = $"{itemTypeName}Connection";
        Description = $"A page of {itemTypeName} items, with cursors for paging further.";
        Field("edges", new ListGraphType(new NonNullGraphType(new GraphQLTypeReference($"{itemTypeName}Edge"))))
            .Description("The items of the page with their cursors.")
            .Resolve(context => context.Source.Edges);
        Field("nodes", new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(itemTypeName))))
            .Description("The items of the page.")
            .Resolve(context => context.Source.Edges.Select(e => e.Node));
        Field("pageInfo", new NonNullGraphType(new GraphQLTypeReference(PageInfoGraphType.TypeName)))
            .Description("Whether there are more pages, and the cursors of this one.")
            .Resolve(context => context.Source);
        Field("totalCount", new NonNullGraphType(new GraphQLTypeReference("Int")))
            .Description("How many items match the filter in all pages. Counted only when selected.")
            .Resolve(context => context.Source.TotalCount ?? 0);
    }
}

/// <summary><c>XEdge</c>: an item and its cursor.</summary>
public sealed class EdgeGraphType : ObjectGraphType<Edge>
{
    public EdgeGraphType(EntityModel model)
        : this(model.Name)
    {
    }

    public EdgeGraphType(string itemTypeName)
    {
        Name = $"{itemTypeName}Edge";
        Description = $"A {itemTypeName} in a page, with the cursor that points at it.";
        Field("cursor", new NonNullGraphType(new GraphQLTypeReference("String")))
            .Description("Opaque cursor of this item; pass it as after, or as before where the field takes it.")
            .Resolve(context => context.Source.Cursor);
        Field("node", new NonNullGraphType(new GraphQLTypeReference(itemTypeName)))
            .Description("The item.")
            .Resolve(context => context.Source.Node);
    }
}

/// <summary><c>PageInfo</c>, shared by all connections.</summary>
public sealed class PageInfoGraphType : ObjectGraphType<Connection>
{
    public const string TypeName = "PageInfo";

    public PageInfoGraphType()
    {
        Name = TypeName;
        Description = "Information about a page of a connection.";
        Field("hasNextPage", new NonNullGraphType(new GraphQLTypeReference("Boolean")))
            .Description("Whether more items follow this page.")
            .Resolve(context => context.Source.HasNextPage);
        Field("hasPreviousPage", new NonNullGraphType(new GraphQLTypeReference("Boolean")))
            .Description("Whether items precede this page.")
            .Resolve(context => context.Source.HasPreviousPage);
        Field("startCursor", new GraphQLTypeReference("String"))
            .Description("Cursor of the first item of the page; null when the page is empty.")
            .Resolve(context => context.Source.Edges.Count > 0 ? context.Source.Edges[0].Cursor : null);
        Field("endCursor", new GraphQLTypeReference("String"))
            .Description("Cursor of the last item of the page; null when the page is empty.")
            .Resolve(context => context.Source.Edges.Count > 0 ? context.Source.Edges[^1].Cursor : null);
    }
}

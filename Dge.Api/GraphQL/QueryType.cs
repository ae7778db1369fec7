using System.Linq.Expressions;
using Dge.Api.Data;
using Dge.Api.GraphQL.Filtering;
using Dge.Api.GraphQL.Limits;
using Dge.Api.GraphQL.Loading;
using Dge.Api.GraphQL.Model;
using Dge.Api.GraphQL.Paging;
using Dge.Api.GraphQL.Relay;
using Dge.Api.GraphQL.Sorting;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.GraphQL;

/// <summary>The root query: <c>node</c> and <c>nodes</c>, then each area's fields, added by the area itself (<see cref="SchemaArea.Queries"/>).</summary>
public sealed class QueryType : ObjectGraphType
{
    public const int MaxNodeIds = 50;

    public QueryType(IEnumerable<SchemaArea> areas)
    {
        Name = "Query";
        Description = "The DGE graph: regions, municipalities, KAP units, quality clusters, clinics, doctors, groups, meetings, themes, materials and coordinators.";
        AddNodeQueries();
        foreach (var area in areas)
        {
            area.Queries(this);
        }
    }

    /// <summary>The root connection of a model: <c>doctors(first, after, last, before, where, order, asOf)</c>.</summary>
    public FieldType AddConnection(EntityModel model) => AddField(new FieldType
    {
        Name = model.ListFieldName,
        Description = model.ListDescription,
        ResolvedType = new NonNullGraphType(new GraphQLTypeReference(model.ConnectionName)),
        Arguments = ConnectionArguments.RootDefinitions(model),
        Resolver = new FuncFieldResolver<object>(async context =>
        {
            var loader = EntityLoader.For(model);
            var day = context.AsOf();
            var arguments = ConnectionArguments.From(context, day);
            var models = context.Service<ModelRegistry>();
            return await context.ContextFactory().RunAsync(
                (db, ct) => loader.QueryAsync(db, arguments, new FilterBuilder(models, db, day, context.User), new SortBuilder(models, day, context.User, db.Database.IsNpgsql()), ct),
                context.CancellationToken);
        }),
    }.WithCost(CostRules.Connection));

    /// <summary>A lookup by natural key, e.g. <c>clinicByYdernummer(ydernummer:)</c>.</summary>
    public void AddLookup<T>(EntityModel<T> model, string fieldName, string argumentName, string argumentDescription, Expression<Func<T, string, bool>> matches, string description)
        where T : Entity => AddField(new FieldType
        {
            Name = fieldName,
            Description = description,
            ResolvedType = new GraphQLTypeReference(model.Name),
            Arguments = new QueryArguments(new QueryArgument(new NonNullGraphType(new GraphQLTypeReference("String"))) { Name = argumentName, Description = argumentDescription }),
            Resolver = new FuncFieldResolver<object>(async context =>
            {
                var value = context.GetArgument<string>(argumentName);
                var entity = Expression.Parameter(typeof(T), "entity");
                var predicate = Expression.Lambda<Func<T, bool>>(ExpressionRewriter.Inline(matches, entity, QueryParameter.Of(value)), entity);
                return await context.ContextFactory().RunAsync(
                    (db, ct) => db.Set<T>().AsNoTracking().FirstOrDefaultAsync(predicate, ct),
                    context.CancellationToken);
            }),
        });

    private void AddNodeQueries()
    {
        Field("node", new GraphQLTypeReference("Node"))
            .Description("Any entity by its global id (Node).")
            .Argument<NonNullGraphType<IdGraphType>>("id", "A global id, as returned in an id field.")
            .Resolve(context => LoadNode(context, context.GetArgument<string>("id"), "id"));
        Field("nodes", new NonNullGraphType(new ListGraphType(new GraphQLTypeReference("Node"))))
            .Description($"Entities by their global ids, in the order given (at most {MaxNodeIds}); null where an id matches nothing.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", "Global ids.")
            .WithCost(arguments => new FieldCost(1, Math.Min(arguments.Count("ids"), MaxNodeIds)))
            .Resolve(context =>
            {
                var ids = context.GetArgument<List<string>>("ids");
                if (ids.Count > MaxNodeIds)
                {
                    throw DgeQueryError.InvalidId("ids", $"nodes takes at most {MaxNodeIds} ids; {ids.Count} were given.");
                }

                return ids.Select((id, i) => LoadNode(context, id, $"ids[{i}]")).ToList();
            });
    }

    private static object LoadNode(IResolveFieldContext context, string id, string argument)
    {
        var models = context.Service<ModelRegistry>();
        if (!NodeId.TryDecode(id, out var typeName, out var key) || !models.TryGetByName(typeName, out var model))
        {
            throw DgeQueryError.InvalidId(argument, $"'{id}' is not a valid id.");
        }

        return context.LoadBatched($"node:{model.Name}", key, EntityLoader.For(model).LoadByIdsAsync);
    }
}

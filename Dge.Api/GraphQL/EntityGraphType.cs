using System.Text.Json;
using Dge.Api.Access;
using Dge.Api.Data;
using Dge.Api.GraphQL.Filtering;
using Dge.Api.GraphQL.Limits;
using Dge.Api.GraphQL.Loading;
using Dge.Api.GraphQL.Model;
using Dge.Api.GraphQL.Mutations;
using Dge.Api.GraphQL.Paging;
using Dge.Api.GraphQL.Relay;
using Dge.Api.GraphQL.Scalars;
using Dge.Api.GraphQL.Sorting;
using GraphQL.Resolvers;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.GraphQL;

/// <summary>
/// The output type of an entity, built from its <see cref="EntityModel{T}"/>: <c>id</c>, the scalar fields, to-one relations
/// (batched per level), one-to-many relations as connections (one SQL statement per level, whatever the page size), and the
/// fields other areas add to the model (e.g. the views' <c>coverage</c>) or to every editable model (the audit's <c>history</c>).
/// Stateless: resolvers take what they need from the request's services.
/// </summary>
public sealed class EntityGraphType<T> : ObjectGraphType<T>
    where T : Entity
{
    public EntityGraphType(EntityModel<T> model, ModelRegistry models, NodeInterface node)
    {
        Name = model.Name;
        Description = model.Description;

        Field("id", new NonNullGraphType(new GraphQLTypeReference("ID")))
            .Description($"Global, opaque id of this {model.Name}; use it with node(id:).")
            .Resolve(context => NodeId.Encode(model.Name, context.Source.Id));
        AddResolvedInterface(node);

        foreach (var scalar in model.Scalars)
        {
            var field = AddField(new FieldType
            {
                Name = scalar.Name,
                Description = scalar.Description,
                ResolvedType = ScalarTypes.For(scalar.ValueType, scalar.IsNullable),
                Resolver = new FuncFieldResolver<object>(context => scalar.Getter(context.Source!)),
            });
            if (scalar.RequiredRole is { } scalarRole)
            {
                field.RequireRole(scalarRole);
            }
        }

        foreach (var reference in model.References)
        {
            AddField(ReferenceFieldType(model, models, reference));
        }

        foreach (var connection in model.Connections)
        {
            AddField(ConnectionFieldType(model, models, connection));
        }

        foreach (var field in models.CreateExtensionFields(model))
        {
            AddField(field);
        }

        if (model.IsEditable)
        {
            Field("version", new NonNullGraphType(new GraphQLTypeReference("Int")))
                .Description($"The {model.Name}'s version, raised by every change: pass it as expectedVersion to change it (optimistic concurrency).")
                .Resolve(context => checked((int)context.Source.Version));
            foreach (var connection in models.EditableModelConnections)
            {
                AddField(ConnectionFieldType(model, models, connection.Create(model), connection.DefaultOrder).RequireRole(connection.RequiredRole));
            }
        }

        if (model.RequiredRole is { } role)
        {
            foreach (var field in Fields)
            {
                field.RequireRole(role);
            }
        }
    }

    private static FieldType ReferenceFieldType(EntityModel model, ModelRegistry models, ReferenceField reference)
    {
        var loader = ReferenceLoader.For(reference);
        var direct = DirectReference.Of(reference);
        return new FieldType
        {
            Name = reference.Name,
            Description = reference.HasAsOf ? $"{reference.Description} As of asOf (default today)." : reference.Description,
            ResolvedType = reference.IsRequired
                ? new NonNullGraphType(new GraphQLTypeReference(models.For(reference.TargetType).Name))
                : new GraphQLTypeReference(models.For(reference.TargetType).Name),
            Arguments = reference.HasAsOf ? new QueryArguments(ConnectionArguments.AsOfDefinition()) : null,
            Resolver = new FuncFieldResolver<object>(context =>
            {
                // A mutation's payload: the target as the mutation's transaction committed it, when it held it.
                if (direct is not null && context.Operation.Operation == GraphQLParser.AST.OperationType.Mutation
                    && context.RequestServices?.GetService<CommittedEntities>() is { } committed
                    && committed.TryResolve((Entity)context.Source!, direct, out var target))
                {
                    return target;
                }

                var day = reference.HasAsOf ? context.AsOf() : context.Today();
                return context.LoadBatched($"{model.Name}.{reference.Name}@{day:O}", ((Entity)context.Source!).Id, (db, ids, ct) => loader.LoadAsync(db, ids, day, ct));
            }),
        };
    }

    private static FieldType ConnectionFieldType(EntityModel model, ModelRegistry models, ConnectionField connection, IReadOnlyList<object?>? defaultOrder = null)
    {
        var child = models.For(connection.ChildType);
        var loader = ConnectionLoader.For(connection);
        var arguments = ConnectionArguments.Definitions(child);
        if (connection.HasAsOf)
        {
            arguments.Add(ConnectionArguments.AsOfDefinition());
        }

        return new FieldType
        {
            Name = connection.Name,
            Description = connection.HasAsOf ? $"{connection.Description} Lists those active on asOf (default today)." : connection.Description,
            ResolvedType = new NonNullGraphType(new GraphQLTypeReference(child.ConnectionName)),
            Arguments = arguments,
            Resolver = new FuncFieldResolver<object>(context =>
            {
                var arguments = ConnectionArguments.From(context, connection.HasAsOf ? context.AsOf() : null);
                arguments = arguments with { Order = arguments.Order ?? defaultOrder };

                // A mutation's payload: the children of an entity it created, as its transaction wrote them, in the default order.
                if (arguments is { Where: null, Order: null } && context.Operation.Operation == GraphQLParser.AST.OperationType.Mutation
                    && context.RequestServices?.GetService<CommittedEntities>() is { } committed
                    && committed.TryChildren((Entity)context.Source!, connection, out var children))
                {
                    return loader.PageOf(children, arguments.Window);
                }

                // A dated connection filters and sorts through dated relations on its own asOf, like the items it lists.
                var day = arguments.AsOf ?? context.Today();
                return context.LoadBatched(
                    $"{model.Name}.{connection.Name}|{JsonSerializer.Serialize(arguments)}",
                    ((Entity)context.Source!).Id,
                    (db, ids, ct) => loader.LoadPagesAsync(db, ids, arguments, models, new FilterBuilder(models, db, day, context.User), new SortBuilder(models, day, context.User, db.Database.IsNpgsql()), ct));
            }),
        }.WithCost(CostRules.Connection);
    }
}

using Dge.Api.GraphQL.Filtering;
using Dge.Api.GraphQL.Model;
using Dge.Api.GraphQL.Mutations;
using Dge.Api.GraphQL.Paging;
using Dge.Api.GraphQL.Relay;
using Dge.Api.GraphQL.Scalars;
using Dge.Api.GraphQL.Sorting;
using GraphQL.Types;

namespace Dge.Api.GraphQL;

/// <summary>
/// The schema: the root query plus, for every entity model, its output, connection, edge, filter and sort types,
/// the areas' own types, and the shared operation filter inputs and enums. Types refer to each other by name and are registered here.
/// It knows the domain only through the areas in <see cref="ModelRegistry.Areas"/>.
/// </summary>
public sealed class DgeSchema : Schema
{
    public DgeSchema(IServiceProvider services, ModelRegistry models)
        : base(services)
    {
        Description = "DgeGraph: the graph of Danish general practice's continuing education (DGE).";
        SpecIntrospection.Enable(this);
        Query = new QueryType(models.Areas);
        Mutation = new MutationType(models.Areas);
        foreach (var mutationType in MutationErrorGraphTypes.Create())
        {
            RegisterType(mutationType);
        }

        var node = new NodeInterface();
        RegisterType(node);
        RegisterType(new IsoDateGraphType());
        RegisterType(new PageInfoGraphType());
        RegisterType(new SortEnumGraphType());
        RegisterType(new OperationFilterInputGraphType(FilterKind.Id, null));

        var valueTypes = models.Models.SelectMany(m => m.Scalars).Select(s => s.NonNullableType).Distinct().ToList();
        foreach (var valueType in valueTypes)
        {
            if (valueType.IsEnum)
            {
                RegisterType(ScalarTypes.Enum(valueType));
            }

            RegisterType(new OperationFilterInputGraphType(FilterKinds.Of(valueType), valueType));
        }

        foreach (var areaType in models.Areas.SelectMany(a => a.Types()))
        {
            RegisterType(areaType);
        }

        foreach (var model in models.Models)
        {
            RegisterType(CreateEntityType(model, models, node));
            RegisterType(new ConnectionGraphType(model));
            RegisterType(new EdgeGraphType(model));
            RegisterType(new FilterInputGraphType(model, models));
            RegisterType(new ListFilterInputGraphType(model));
            RegisterType(new SortInputGraphType(model, models));
        }
    }

    protected override void OnBeforeInitializeType(IGraphType graphType) => SpecIntrospection.Extend(graphType);

    private static IGraphType CreateEntityType(EntityModel model, ModelRegistry models, NodeInterface node) =>
        (IGraphType)Activator.CreateInstance(typeof(EntityGraphType<>).MakeGenericType(model.ClrType), model, models, node)!;
}

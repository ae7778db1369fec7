using Dge.Api.GraphQL.Model;
using Dge.Api.GraphQL.Mutations;
using GraphQL.Types;

namespace Dge.Api.GraphQL;

/// <summary>
/// What one domain area adds to the schema. The engine knows the areas only through this: the composition root
/// (<c>Schema/DgeAreas.cs</c>) lists them once, and the schema, the root query and the model registry are built from that list.
/// </summary>
/// <param name="Queries">Adds the area's root query fields, e.g. <c>RegionQueries.AddRegionQueries</c>.</param>
public sealed record SchemaArea(Action<QueryType> Queries)
{
    /// <summary>The entity models the area declares; each gets its output, connection, filter and sort types.</summary>
    public IReadOnlyList<EntityModel> Models { get; init; } = [];

    /// <summary>
    /// Creates the area's own graph types (outputs, inputs, enums) that are not entity models. Called once per schema,
    /// as graph types must not be shared between schemas.
    /// </summary>
    public Func<IEnumerable<IGraphType>> Types { get; init; } = () => [];

    /// <summary>Adds the area's mutations, e.g. <c>ThemeMutations.AddThemeMutations</c>; null for a read-only area.</summary>
    public Action<MutationType>? Mutations { get; init; }

    /// <summary>Fields the area adds to other areas' models, e.g. the views' <c>coverage</c> on <c>Region</c>.</summary>
    public IReadOnlyList<ModelExtension> Extensions { get; init; } = [];

    /// <summary>Connections the area adds to every editable model, e.g. the audit's <c>history</c>.</summary>
    public IReadOnlyList<EditableModelConnection> EditableModelConnections { get; init; } = [];

    /// <summary>Records every mutation's changes in its transaction, e.g. the audit log; null for an area that records nothing.</summary>
    public IChangeRecorder? ChangeRecorder { get; init; }
}

/// <summary>A field that one area adds to another area's model; the field is created anew for each schema.</summary>
public sealed record ModelExtension(EntityModel Model, Func<FieldType> CreateField);

/// <summary>
/// A connection that one area adds to every editable model (<see cref="EntityModel.IsEditable"/>): made per model, listed in
/// <paramref name="DefaultOrder"/> unless ordered otherwise, and only for callers in <paramref name="RequiredRole"/>.
/// </summary>
public sealed record EditableModelConnection(Func<EntityModel, ConnectionField> Create, IReadOnlyList<object?> DefaultOrder, string RequiredRole);

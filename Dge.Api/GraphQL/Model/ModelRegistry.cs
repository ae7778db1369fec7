using Dge.Api.Data;
using GraphQL.Types;

namespace Dge.Api.GraphQL.Model;

/// <summary>
/// The schema's areas and every entity model they declare, found by CLR type or by GraphQL type name, with the fields
/// that other areas add to each model.
/// </summary>
public sealed class ModelRegistry
{
    private readonly Dictionary<Type, EntityModel> _byType;
    private readonly Dictionary<string, EntityModel> _byName;
    private readonly ILookup<EntityModel, ModelExtension> _extensions;

    public ModelRegistry(IReadOnlyList<SchemaArea> areas)
    {
        Areas = areas;
        Models = areas.SelectMany(a => a.Models).ToArray();
        _byType = Models.ToDictionary(m => m.ClrType);
        _byName = Models.ToDictionary(m => m.Name, StringComparer.Ordinal);
        _extensions = areas.SelectMany(a => a.Extensions).ToLookup(e => e.Model);
        if (_extensions.FirstOrDefault(e => !_byType.ContainsKey(e.Key.ClrType)) is { } stray)
        {
            throw new InvalidOperationException($"A field is added to {stray.Key.Name}, which no area declares.");
        }
    }

    public IReadOnlyList<SchemaArea> Areas { get; }

    public IReadOnlyList<EntityModel> Models { get; }

    public EntityModel For(Type clrType) =>
        _byType.TryGetValue(clrType, out var model) ? model : throw new InvalidOperationException($"{clrType.Name} has no GraphQL model.");

    public EntityModel<T> For<T>()
        where T : Entity => (EntityModel<T>)For(typeof(T));

    /// <summary>The API's name of an entity type: its model's, or the CLR name for stored rows without one (API keys).</summary>
    public string NameOf(Type clrType) => Models.FirstOrDefault(m => m.ClrType == clrType)?.Name ?? clrType.Name;

    public bool TryGetByName(string name, out EntityModel model) => _byName.TryGetValue(name, out model!);

    /// <summary>The connections the areas add to every editable model, in the order the areas list them.</summary>
    public IEnumerable<EditableModelConnection> EditableModelConnections => Areas.SelectMany(a => a.EditableModelConnections);

    /// <summary>Creates the fields that other areas add to <paramref name="model"/>, in the order the areas list them.</summary>
    public IEnumerable<FieldType> CreateExtensionFields(EntityModel model) => _extensions[model].Select(e => e.CreateField());
}

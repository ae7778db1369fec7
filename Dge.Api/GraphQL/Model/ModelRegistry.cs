using Dge.Api.Data;

namespace Dge.Api.GraphQL.Model;

/// <summary>Every entity model of the schema, found by CLR type or by GraphQL type name.</summary>
public sealed class ModelRegistry
{
    private readonly Dictionary<Type, EntityModel> _byType;
    private readonly Dictionary<string, EntityModel> _byName;

    public ModelRegistry(IEnumerable<EntityModel> models)
    {
        Models = models.ToArray();
        _byType = Models.ToDictionary(m => m.ClrType);
        _byName = Models.ToDictionary(m => m.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<EntityModel> Models { get; }

    public EntityModel For(Type clrType) =>
        _byType.TryGetValue(clrType, out var model) ? model : throw new InvalidOperationException($"{clrType.Name} has no GraphQL model.");

    public EntityModel<T> For<T>()
        where T : Entity => (EntityModel<T>)For(typeof(T));

    public bool TryGetByName(string name, out EntityModel model) => _byName.TryGetValue(name, out model!);
}

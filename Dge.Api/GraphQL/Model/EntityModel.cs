using System.Linq.Expressions;
using Dge.Api.Access;
using Dge.Api.Data;

namespace Dge.Api.GraphQL.Model;

/// <summary>
/// One entity's GraphQL shape, declared once and read by everything derived from it: the output type,
/// the <c>where</c> filter input, the <c>order</c> sort input, the root connection and the batch loaders.
/// Only the declaration lives here; the code that runs its queries is in <c>GraphQL/Loading</c>.
/// </summary>
public abstract class EntityModel(string name, string description, string listFieldName, string listDescription)
{
    private readonly List<ScalarField> _scalars = [];
    private readonly List<ReferenceField> _references = [];
    private readonly List<ConnectionField> _connections = [];

    /// <summary>The GraphQL type name, also the prefix of the entity's node ids.</summary>
    public string Name { get; } = name;

    public string Description { get; } = description;

    /// <summary>The root connection field, e.g. <c>doctors</c>.</summary>
    public string ListFieldName { get; } = listFieldName;

    public string ListDescription { get; } = listDescription;

    public abstract Type ClrType { get; }

    /// <summary>
    /// Whether the mutations change the entity: then it shows its <c>version</c> (for optimistic concurrency) and its
    /// <c>history</c> (the audit log). False for public reference data and for records nobody edits.
    /// </summary>
    public bool IsEditable { get; protected set; } = true;

    /// <summary>The role every field of the type needs (e.g. Admin for audit entries), whatever path reaches it; null for none.</summary>
    public string? RequiredRole { get; protected set; }

    public IReadOnlyList<ScalarField> Scalars => _scalars;

    public IReadOnlyList<ReferenceField> References => _references;

    public IReadOnlyList<ConnectionField> Connections => _connections;

    public string FilterInputName => $"{Name}FilterInput";

    public string SortInputName => $"{Name}SortInput";

    public string ConnectionName => $"{Name}Connection";

    /// <summary>Builds <c>entity.Id</c> for any expression of this entity's type.</summary>
    public static Expression IdOf(Expression entity) => Expression.Property(entity, nameof(Entity.Id));

    /// <summary>A one-to-many relation of this entity by foreign key on the child, declared by another area (the audit's history); not added to the model.</summary>
    public abstract ConnectionField ConnectionTo<TChild>(
        string fieldName, Func<DgeDbContext, IQueryable<TChild>> children, Expression<Func<TChild, int?>> parentKey, string fieldDescription)
        where TChild : Entity;

    protected void Add(ScalarField field) => _scalars.Add(field);

    protected void Add(ReferenceField field) => _references.Add(field);

    protected void Add(ConnectionField field) => _connections.Add(field);
}

/// <summary>The model of one entity type, built fluently by its area (e.g. <c>Doctors/DoctorType.cs</c>).</summary>
public sealed class EntityModel<T>(string name, string description, string listFieldName, string listDescription)
    : EntityModel(name, description, listFieldName, listDescription)
    where T : Entity
{
    public override Type ClrType => typeof(T);

    /// <summary>Marks the entity as not changed by mutations (reference data, audit records): no <c>version</c>, no <c>history</c>.</summary>
    public EntityModel<T> ReadOnly()
    {
        IsEditable = false;
        return this;
    }

    /// <summary>Every field of the type, <c>id</c> included, needs <paramref name="role"/>, by any path (a connection, <c>node(id:)</c>).</summary>
    public EntityModel<T> Requires(string role)
    {
        RequiredRole = role;
        return this;
    }

    /// <summary>A scalar or enum field: output, filterable and sortable.</summary>
    public EntityModel<T> Scalar<TValue>(string fieldName, Expression<Func<T, TValue>> selector, string fieldDescription)
    {
        Add(new ScalarField(fieldName, fieldDescription, selector, typeof(TValue)));
        return this;
    }

    /// <summary>
    /// A scalar holding personal data (an e-mail address, a phone number): like <see cref="Scalar{TValue}"/>, but reading it,
    /// filtering on it and sorting by it need the <see cref="Roles.Reader"/> role, so no path and no filter reveals it to others.
    /// </summary>
    public EntityModel<T> Personal<TValue>(string fieldName, Expression<Func<T, TValue>> selector, string fieldDescription)
    {
        Add(new ScalarField(fieldName, $"{fieldDescription} Personal data: reading, filtering and sorting need the {Roles.Reader} role.", selector, typeof(TValue), Roles.Reader));
        return this;
    }

    /// <summary>The <c>from</c> and <c>to</c> fields of a half-open period [from, to), for entities that are <see cref="IPeriod"/>s.</summary>
    public EntityModel<T> Period(string what)
    {
        if (!typeof(IPeriod).IsAssignableFrom(typeof(T)))
        {
            throw new InvalidOperationException($"{typeof(T).Name} is not a period.");
        }

        var row = Expression.Parameter(typeof(T), "row");
        Add(new ScalarField("from", $"First day of the {what} (fra).", Expression.Lambda(Expression.Property(row, nameof(IPeriod.From)), row), typeof(DateOnly)));
        Add(new ScalarField("to", $"First day after the {what} (til, exclusive); null while it lasts.", Expression.Lambda(Expression.Property(row, nameof(IPeriod.To)), row), typeof(DateOnly?)));
        return this;
    }

    /// <summary>A to-one relation: output (batched), filterable and sortable through.</summary>
    public EntityModel<T> Reference<TTarget>(string fieldName, Expression<Func<T, TTarget?>> navigation, string fieldDescription)
        where TTarget : Entity
    {
        Add(new ReferenceField<T, TTarget>(fieldName, fieldDescription, _ => navigation, hasAsOf: false));
        return this;
    }

    /// <summary>
    /// A to-one relation that depends on a date (e.g. a doctor's clinic). The output field takes <c>asOf</c>
    /// (default today); filters and sorting through it use the asOf of the connection they filter or sort.
    /// </summary>
    public EntityModel<T> ReferenceOn<TTarget>(string fieldName, Func<DateOnly, Expression<Func<T, TTarget?>>> navigationOn, string fieldDescription)
        where TTarget : Entity
    {
        Add(new ReferenceField<T, TTarget>(fieldName, fieldDescription, navigationOn, hasAsOf: true));
        return this;
    }

    /// <summary>A to-one relation on a day through dated links (see <see cref="CurrentLink"/>), with <c>asOf</c> as above.</summary>
    public EntityModel<T> ReferenceOn<TLink, TTarget>(string fieldName, CurrentLink<T, TLink, TTarget> link, string fieldDescription)
        where TLink : Entity, IPeriod
        where TTarget : Entity
    {
        Add(new ReferenceField<T, TTarget>(fieldName, fieldDescription, day => (Expression<Func<T, TTarget?>>)link.NavigationOn(day), hasAsOf: true, link));
        return this;
    }

    /// <summary>A one-to-many relation by foreign key on the child: a nested connection (batched), and <c>some/all/none/any</c> in filters.</summary>
    public EntityModel<T> Connection<TChild>(
        string fieldName, Func<DgeDbContext, IQueryable<TChild>> children, Expression<Func<TChild, int?>> parentKey, string fieldDescription)
        where TChild : Entity
    {
        Add(ConnectionTo(fieldName, children, parentKey, fieldDescription));
        return this;
    }

    public override ConnectionField ConnectionTo<TChild>(
        string fieldName, Func<DgeDbContext, IQueryable<TChild>> children, Expression<Func<TChild, int?>> parentKey, string fieldDescription) =>
        new ConnectionField<T, TChild, TChild>(fieldName, fieldDescription, children, parentKey, child: null, activeOn: null);

    /// <summary>A one-to-many relation over periods: the field takes <c>asOf</c> (default today) and lists the children active that day.</summary>
    public EntityModel<T> Connection<TChild>(
        string fieldName,
        Func<DgeDbContext, IQueryable<TChild>> children,
        Expression<Func<TChild, int?>> parentKey,
        Func<DateOnly, Expression<Func<TChild, bool>>> activeOn,
        string fieldDescription)
        where TChild : Entity
    {
        Add(new ConnectionField<T, TChild, TChild>(fieldName, fieldDescription, children, parentKey, child: null, activeOn));
        return this;
    }

    /// <summary>A many-to-many relation through link rows (a join table or a view of distinct pairs).</summary>
    public EntityModel<T> Connection<TLink, TChild>(
        string fieldName,
        Func<DgeDbContext, IQueryable<TLink>> links,
        Expression<Func<TLink, int?>> parentKey,
        Expression<Func<TLink, TChild>> child,
        string fieldDescription)
        where TLink : class
        where TChild : Entity
    {
        Add(new ConnectionField<T, TLink, TChild>(fieldName, fieldDescription, links, parentKey, child, activeOn: null));
        return this;
    }

    /// <summary>A many-to-many relation through link rows that hold a period: the field takes <c>asOf</c> (default today).</summary>
    public EntityModel<T> Connection<TLink, TChild>(
        string fieldName,
        Func<DgeDbContext, IQueryable<TLink>> links,
        Expression<Func<TLink, int?>> parentKey,
        Expression<Func<TLink, TChild>> child,
        Func<DateOnly, Expression<Func<TLink, bool>>> activeOn,
        string fieldDescription)
        where TLink : class
        where TChild : Entity
    {
        Add(new ConnectionField<T, TLink, TChild>(fieldName, fieldDescription, links, parentKey, child, activeOn));
        return this;
    }
}

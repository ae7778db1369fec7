using System.Linq.Expressions;
using Dge.Api.Access;
using Dge.Api.Data;
using Dge.Api.GraphQL.Filtering;
using Dge.Api.GraphQL.Paging;
using Dge.Api.GraphQL.Sorting;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.GraphQL.Model;

/// <summary>
/// One entity's GraphQL shape, declared once and read by everything derived from it: the output type,
/// the <c>where</c> filter input, the <c>order</c> sort input, the root connection and the batch loaders.
/// </summary>
public abstract class EntityModel(string name, string description, string listFieldName, string listDescription)
{
    private readonly List<ScalarField> _scalars = [];
    private readonly List<ReferenceField> _references = [];
    private readonly List<ConnectionField> _connections = [];
    private readonly List<Func<FieldType>> _computedFields = [];

    /// <summary>The GraphQL type name, also the prefix of the entity's node ids.</summary>
    public string Name { get; } = name;

    public string Description { get; } = description;

    /// <summary>The root connection field, e.g. <c>doctors</c>.</summary>
    public string ListFieldName { get; } = listFieldName;

    public string ListDescription { get; } = listDescription;

    public abstract Type ClrType { get; }

    public IReadOnlyList<ScalarField> Scalars => _scalars;

    public IReadOnlyList<ReferenceField> References => _references;

    public IReadOnlyList<ConnectionField> Connections => _connections;

    /// <summary>Fields computed by other areas (e.g. the coverage views), created anew for each schema instance.</summary>
    public IReadOnlyList<Func<FieldType>> ComputedFields => _computedFields;

    public string FilterInputName => $"{Name}FilterInput";

    public string SortInputName => $"{Name}SortInput";

    public string ConnectionName => $"{Name}Connection";

    /// <summary>Builds <c>entity.Id</c> for any expression of this entity's type.</summary>
    public static Expression IdOf(Expression entity) => Expression.Property(entity, nameof(Entity.Id));

    /// <summary>The root connection: filtered, sorted and paged in SQL; counted only when needed.</summary>
    public abstract Task<Connection> QueryAsync(DgeDbContext db, ConnectionArguments arguments, FilterBuilder filters, SortBuilder sorts, CancellationToken cancellationToken);

    /// <summary>Entities by key, for <c>node(id:)</c> and lookups.</summary>
    public abstract Task<IReadOnlyDictionary<int, Entity>> LoadByIdsAsync(DgeDbContext db, IReadOnlyCollection<int> ids, CancellationToken cancellationToken);

    protected void Add(ScalarField field) => _scalars.Add(field);

    protected void Add(Func<FieldType> computedField) => _computedFields.Add(computedField);

    protected void Add(ReferenceField field) => _references.Add(field);

    protected void Add(ConnectionField field) => _connections.Add(field);
}

/// <summary>The model of one entity type, built fluently by its area (e.g. <c>Doctors/DoctorGraph.cs</c>).</summary>
public sealed class EntityModel<T>(string name, string description, string listFieldName, string listDescription)
    : EntityModel(name, description, listFieldName, listDescription)
    where T : Entity
{
    public override Type ClrType => typeof(T);

    public override async Task<Connection> QueryAsync(
        DgeDbContext db, ConnectionArguments arguments, FilterBuilder filters, SortBuilder sorts, CancellationToken cancellationToken)
    {
        IQueryable<T> query = db.Set<T>().AsNoTracking();
        if (arguments.Where is { } where)
        {
            query = query.Where(filters.Build<T>(where));
        }

        var keys = sorts.Build(this, arguments.Order);
        var window = arguments.Window;
        int? total = window.NeedsTotal ? await query.CountAsync(cancellationToken) : null;
        window = window.Placed(total ?? 0);
        var rows = await SortBuilder.Apply(query, keys).Skip(window.Skip).Take(window.Take + 1).ToListAsync(cancellationToken);
        return PageBuilder.Forward(rows, window, total);
    }

    public override async Task<IReadOnlyDictionary<int, Entity>> LoadByIdsAsync(
        DgeDbContext db, IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        var keys = ids.ToList();
        return await db.Set<T>().AsNoTracking().Where(e => keys.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => (Entity)e, cancellationToken);
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

    /// <summary>
    /// An output-only field with its own resolver, e.g. a view computed for this entity; not filterable or sortable.
    /// The factory runs once per schema, as graph types and fields must not be shared between schemas.
    /// </summary>
    public EntityModel<T> Computed(Func<FieldType> createField)
    {
        Add(createField);
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

    /// <summary>A one-to-many relation by foreign key on the child: a nested connection (batched), and <c>some/all/none/any</c> in filters.</summary>
    public EntityModel<T> Connection<TChild>(
        string fieldName, Func<DgeDbContext, IQueryable<TChild>> children, Expression<Func<TChild, int?>> parentKey, string fieldDescription)
        where TChild : Entity
    {
        Add(new ConnectionField<T, TChild, TChild>(fieldName, fieldDescription, children, parentKey, child: null, activeOn: null));
        return this;
    }

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

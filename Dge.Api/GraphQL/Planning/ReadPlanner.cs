using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Dge.Api.Access;
using Dge.Api.Data;
using Dge.Api.Data.Collation;
using Dge.Api.GraphQL.Model;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Dge.Api.GraphQL.Planning;

/// <summary>
/// Turns a query into a <see cref="ReadPlan"/> over the entity models, or answers null ("not planned") for anything it does
/// not know, and the query then runs the normal way. What it plans today (SQLite only): one root connection with
/// <c>where</c> (comparisons, through to-one relations), <c>order</c> (scalars) and <c>first</c>, selecting
/// <c>totalCount</c> and <c>nodes</c>; below it ids, scalars, to-one relations (by key or through dated links, with
/// <c>asOf</c>) and connections (by key or through links, with <c>asOf</c> and <c>first</c>) selecting <c>totalCount</c> and
/// <c>nodes</c>, both ordered as the normal path orders them. No two fields under one response name, no directives, fragments
/// or variables with defaults. The roles the answer needs (personal data) are noted in the plan
/// (<see cref="ReadPlan.RequiredRoles"/>), so it runs only for callers that have them.
/// </summary>
public sealed class ReadPlanner(ISchema schema, ModelRegistry models, DgeDbContext db)
{
    private readonly List<(string Name, string Type)> _variables = [];
    private readonly HashSet<string> _roles = [];
    private readonly List<(PlanValue Value, bool IsPageSize)> _checks = [];
    private int _parameters;

    /// <summary>The plan of <paramref name="operationName"/> in <paramref name="document"/>, or null when it is not planned.</summary>
    public static ReadPlan? Plan(GraphQLDocument document, string? operationName, ISchema schema, ModelRegistry models, DgeDbContext db)
    {
        if (!db.Database.IsSqlite() || DocumentParts.Operation(document, operationName) is not { Operation: OperationType.Query } operation
            || document.Definitions.Any(d => d is GraphQLFragmentDefinition))
        {
            return null;
        }

        try
        {
            return new ReadPlanner(schema, models, db).Plan(operation);
        }
        catch (NotPlannedException)
        {
            return null;
        }
    }

    private ReadPlan Plan(GraphQLOperationDefinition operation)
    {
        Require(operation.Directives is null or { Count: 0 });
        foreach (var definition in operation.Variables?.Items ?? [])
        {
            Require(definition.DefaultValue is null && definition.Directives is null or { Count: 0 });
            _variables.Add((definition.Variable.Name.StringValue, TypeText(definition.Type)));
        }

        var field = operation.SelectionSet.Selections is [GraphQLField root] && Plain(root) ? root : throw new NotPlannedException();
        var model = models.Models.SingleOrDefault(m => m.ListFieldName == field.Name.StringValue) ?? throw new NotPlannedException();
        Note((schema.Query.GetField(field.Name.StringValue) ?? throw new NotPlannedException()).RequiredRole());
        var table = Table(model.ClrType);
        var parameters = new List<(string, PlanValue)>();
        PlanValue take = new PlanValue.Literal(Paging.PageWindow.DefaultPageSize);
        var where = new List<string>();
        var orderBy = new List<string>();
        foreach (var argument in field.Arguments?.Items ?? [])
        {
            switch (argument.Name.StringValue)
            {
                case "where":
                    Filter(model, "t", argument.Value, new PlanValue.Day(null, null), where, parameters, 0);
                    break;
                case "order":
                    Order(model, "t", argument.Value, orderBy);
                    break;
                case "first":
                    take = IntValue(argument.Value);
                    break;
                default:
                    throw new NotPlannedException();
            }
        }

        var columns = new List<string> { $"t.{Key(model.ClrType)}" };
        var (level, parts) = ConnectionSelection(model, "t", field.SelectionSet, columns);
        var sql = new StringBuilder($"SELECT {string.Join(", ", columns)}, COUNT(*) OVER () FROM {table} AS t");
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
        }

        orderBy.Add($"t.{Key(model.ClrType)}");
        sql.Append(" ORDER BY ").AppendJoin(", ", orderBy).Append(" LIMIT @take");
        return new ReadPlan(field.Alias?.Name.StringValue ?? field.Name.StringValue, new RootLoad(sql.ToString(), parameters, take), level, parts, _roles, _checks);
    }

    /// <summary>A connection's selection: <c>totalCount</c> and <c>nodes</c>, the nodes' columns added to <paramref name="columns"/>.</summary>
    private (Level Level, IReadOnlyList<ConnectionPart> Parts) ConnectionSelection(EntityModel model, string alias, GraphQLSelectionSet? selectionSet, List<string> columns)
    {
        Require(selectionSet is not null);
        var parts = new List<ConnectionPart>();
        Level? level = null;
        var names = new HashSet<string>();
        foreach (var selection in selectionSet!.Selections)
        {
            var field = PlainField(selection);
            Require(field.Arguments is null or { Count: 0 });
            var responseName = field.Alias?.Name.StringValue ?? field.Name.StringValue;
            Require(names.Add(responseName));
            switch (field.Name.StringValue)
            {
                case "totalCount":
                    parts.Add(new ConnectionPart(responseName, null));
                    break;
                case "nodes" when level is null:
                    level = Selection(model, alias, field.SelectionSet, columns);
                    parts.Add(new ConnectionPart(responseName, level));
                    break;
                default:
                    throw new NotPlannedException();
            }
        }

        return (level ?? new Level(model.Name, [], [(reader, i) => reader.GetInt32(i)]), parts);
    }

    /// <summary>An entity's selection: its outputs, and its columns (key first) appended to <paramref name="columns"/>.</summary>
    private Level Selection(EntityModel model, string alias, GraphQLSelectionSet? selectionSet, List<string> columns)
    {
        Require(selectionSet is not null);
        Note(model.RequiredRole);
        var graphType = (IComplexGraphType)schema.AllTypes[model.Name]!;
        var start = columns.Count - 1;
        var readers = new List<Func<DbDataReader, int, object?>> { (reader, i) => reader.GetInt32(i) };
        var outputs = new List<LevelOutput>();
        var names = new HashSet<string>();
        foreach (var selection in selectionSet!.Selections)
        {
            var field = PlainField(selection);
            var name = field.Name.StringValue;
            var responseName = field.Alias?.Name.StringValue ?? name;
            var definition = graphType.GetField(name) ?? throw new NotPlannedException();
            Require(names.Add(responseName));
            Note(definition.RequiredRole());
            if (name == "id")
            {
                Require(field.Arguments is null or { Count: 0 } && field.SelectionSet is null);
                outputs.Add(new LevelOutput.Id(responseName));
            }
            else if (model.Scalars.FirstOrDefault(s => s.Name == name) is { } scalar)
            {
                Require(field.Arguments is null or { Count: 0 } && field.SelectionSet is null);
                Note(scalar.RequiredRole);
                var property = Property(model.ClrType, scalar.Selector);
                columns.Add($"{alias}.{Quoted(property)}");
                readers.Add(ColumnReader(property));
                outputs.Add(new LevelOutput.Scalar(responseName, columns.Count - 1 - start, (ScalarGraphType)definition.ResolvedType!.GetNamedType()));
            }
            else if (model.References.FirstOrDefault(r => r.Name == name) is { } reference)
            {
                outputs.Add(Reference(model, alias, reference, field, responseName, columns, readers, start));
            }
            else if (model.Connections.FirstOrDefault(c => c.Name == name) is { } connection)
            {
                outputs.Add(Connection(connection, field, responseName));
            }
            else
            {
                throw new NotPlannedException();
            }
        }

        return new Level(model.Name, outputs, readers);
    }

    private LevelOutput.Reference Reference(
        EntityModel model, string alias, ReferenceField reference, GraphQLField field, string responseName,
        List<string> columns, List<Func<DbDataReader, int, object?>> readers, int start)
    {
        var target = models.For(reference.TargetType);
        PlanValue? day = null;
        foreach (var argument in field.Arguments?.Items ?? [])
        {
            Require(argument.Name.StringValue == "asOf" && reference.HasAsOf);
            day = DayValue(argument.Value);
        }

        var targetColumns = new List<string> { $"r.{Key(target.ClrType)}" };
        var level = Selection(target, "r", field.SelectionSet, targetColumns);
        if (reference.Link is { } link)
        {
            var links = Table(link.LinkType);
            var parentKey = Quoted(Property(link.LinkType, link.ParentKey));
            var targetKey = Quoted(ForeignKey(link.LinkType, link.Target));
            var sql = $"SELECT l.{parentKey}, {string.Join(", ", targetColumns)} FROM {links} AS l JOIN {Table(target.ClrType)} AS r ON r.{Key(target.ClrType)} = l.{targetKey} "
                + $"WHERE l.{parentKey} IN (SELECT value FROM json_each(@ids)) AND {ActiveOn(link.LinkType, "l", "@day")} "
                + $"ORDER BY l.{parentKey}, l.{Column(link.LinkType, nameof(IPeriod.From))} DESC, l.{Key(link.LinkType)}";
            return new LevelOutput.Reference(responseName, new ReferenceLoad(sql, 0, day ?? new PlanValue.Day(null, null)), level);
        }

        Require(!reference.HasAsOf);
        var foreignKey = ForeignKeyOf(model, reference);
        columns.Add($"{alias}.{Quoted(foreignKey)}");
        readers.Add(ColumnReader(foreignKey));
        // The statement's first column is the key the parents look it up by: the target's own key.
        var byKey = $"SELECT r.{Key(target.ClrType)}, {string.Join(", ", targetColumns)} FROM {Table(target.ClrType)} AS r WHERE r.{Key(target.ClrType)} IN (SELECT value FROM json_each(@ids))";
        return new LevelOutput.Reference(responseName, new ReferenceLoad(byKey, columns.Count - 1 - start, null), level);
    }

    private LevelOutput.Connection Connection(ConnectionField connection, GraphQLField field, string responseName)
    {
        var child = models.For(connection.ChildType);
        PlanValue take = new PlanValue.Literal(Paging.PageWindow.DefaultPageSize);
        PlanValue? day = connection.HasAsOf ? new PlanValue.Day(null, null) : null;
        var orderBy = new List<string>();
        foreach (var argument in field.Arguments?.Items ?? [])
        {
            switch (argument.Name.StringValue)
            {
                case "first":
                    take = IntValue(argument.Value);
                    break;
                case "asOf" when connection.HasAsOf:
                    day = DayValue(argument.Value);
                    break;
                case "order":
                    Order(child, "c", argument.Value, orderBy);
                    break;
                default:
                    throw new NotPlannedException();
            }
        }

        var (linkType, parentKey, childOfLink, wholeTable, periodRule) = connection.Statement(db);
        Require(wholeTable && periodRule);
        var childColumns = new List<string> { $"c.{Key(child.ClrType)}" };
        var (level, parts) = ConnectionSelection(child, "c", field.SelectionSet, childColumns);
        var key = Quoted(Property(linkType, parentKey));
        // A link without its child would be a null node on the normal path: only links that always have one are planned.
        var childKey = childOfLink is null ? null : ForeignKey(linkType, childOfLink);
        Require(childKey is not { IsNullable: true });
        var from = childKey is null
            ? $"{Table(child.ClrType)} AS c"
            : $"{Table(linkType)} AS l JOIN {Table(child.ClrType)} AS c ON c.{Key(child.ClrType)} = l.{Quoted(childKey)}";
        var link = childOfLink is null ? "c" : "l";
        var active = day is null ? string.Empty : $" AND {ActiveOn(linkType, link, "@day")}";
        var sql = $"SELECT p, total, {string.Join(", ", Enumerable.Range(0, childColumns.Count).Select(i => $"k{i}"))} FROM ("
            + $"SELECT {link}.{key} AS p, COUNT(*) OVER (PARTITION BY {link}.{key}) AS total, "
            + $"ROW_NUMBER() OVER (PARTITION BY {link}.{key} ORDER BY {string.Join(", ", orderBy.Append($"c.{Key(child.ClrType)}"))}) AS n, "
            + string.Join(", ", childColumns.Select((column, i) => $"{column} AS k{i}"))
            + $" FROM {from} WHERE {link}.{key} IN (SELECT value FROM json_each(@ids)){active}) WHERE n <= @take ORDER BY p, n";
        return new LevelOutput.Connection(responseName, new ConnectionLoad(sql, day, take), level, parts);
    }

    /// <summary>
    /// A <c>where</c> object as SQL conditions on <paramref name="alias"/>: comparisons of scalars with a literal or a non-null
    /// variable, and to-one relations, which a missing target fails as in the normal path (only comparisons are planned,
    /// and each rejects a missing value).
    /// </summary>
    private void Filter(EntityModel model, string alias, GraphQLValue value, PlanValue.Day day, List<string> conditions, List<(string, PlanValue)> parameters, int depth)
    {
        Require(value is GraphQLObjectValue && depth < 4);
        foreach (var entry in ((GraphQLObjectValue)value).Fields ?? [])
        {
            var name = entry.Name.StringValue;
            if (model.Scalars.FirstOrDefault(s => s.Name == name) is { } scalar)
            {
                Note(scalar.RequiredRole);
                var property = Property(model.ClrType, scalar.Selector);
                var graphType = (ScalarGraphType)((IComplexGraphType)schema.AllTypes[model.Name]!).GetField(name)!.ResolvedType!.GetNamedType();
                Require(entry.Value is GraphQLObjectValue);
                foreach (var operation in ((GraphQLObjectValue)entry.Value).Fields ?? [])
                {
                    var comparison = operation.Name.StringValue switch
                    {
                        "eq" => "=",
                        "gt" => ">",
                        "gte" => ">=",
                        "lt" => "<",
                        "lte" => "<=",
                        _ => throw new NotPlannedException(),
                    };
                    var parameter = $"@p{_parameters++}";
                    parameters.Add((parameter, ComparedValue(operation.Value, graphType, property)));
                    conditions.Add($"{alias}.{Quoted(property)} {comparison} {parameter}");
                }
            }
            else if (model.References.FirstOrDefault(r => r.Name == name) is { } reference)
            {
                var target = models.For(reference.TargetType);
                Note(target.RequiredRole);
                var inner = $"f{depth}";
                var targetConditions = new List<string>();
                Filter(target, inner, entry.Value, day, targetConditions, parameters, depth + 1);
                Require(targetConditions.Count > 0);
                var matching = $"SELECT {inner}.{Key(target.ClrType)} FROM {Table(target.ClrType)} AS {inner} WHERE {string.Join(" AND ", targetConditions)}";
                if (reference.Link is { } link)
                {
                    // The parents whose current link on the day (latest From, then lowest key) leads to a matching target.
                    var links = Table(link.LinkType);
                    var parentKey = Quoted(Property(link.LinkType, link.ParentKey));
                    var targetKey = Quoted(ForeignKey(link.LinkType, link.Target));
                    var dayParameter = $"@p{_parameters++}";
                    parameters.Add((dayParameter, day));
                    var l = $"l{depth}";
                    var from = Column(link.LinkType, nameof(IPeriod.From));
                    var linkKey = Key(link.LinkType);
                    var o = $"o{depth}";
                    conditions.Add(
                        $"{alias}.{Key(model.ClrType)} IN (SELECT {l}.{parentKey} FROM {links} AS {l} WHERE {ActiveOn(link.LinkType, l, dayParameter)} "
                        + $"AND {l}.{targetKey} IN ({matching}) AND NOT EXISTS (SELECT 1 FROM {links} AS {o} WHERE {o}.{parentKey} = {l}.{parentKey} "
                        + $"AND {ActiveOn(link.LinkType, o, dayParameter)} "
                        + $"AND ({o}.{from} > {l}.{from} OR ({o}.{from} = {l}.{from} AND {o}.{linkKey} < {l}.{linkKey}))))");
                }
                else
                {
                    Require(!reference.HasAsOf);
                    conditions.Add($"{alias}.{Quoted(ForeignKeyOf(model, reference))} IN ({matching})");
                }
            }
            else
            {
                throw new NotPlannedException();
            }
        }
    }

    /// <summary>
    /// An <c>order</c> list as SQL sort keys on <paramref name="alias"/>, as the normal path sorts: text in Danish order,
    /// enums by the rank of their names, other values as stored, through to-one relations by key (not dated links).
    /// </summary>
    private void Order(EntityModel model, string alias, GraphQLValue value, List<string> orderBy)
    {
        var items = value is GraphQLListValue list ? list.Values ?? [] : [value];
        foreach (var item in items)
        {
            Require(item is GraphQLObjectValue { Fields: [_] });
            // The collation applies to the key as a whole: SQLite does not carry it out of a scalar subquery.
            var (key, text, descending) = SortKey(model, alias, ((GraphQLObjectValue)item).Fields![0], 0);
            orderBy.Add(key + (text ? $" COLLATE {Quote(DanishCollation.Name)}" : string.Empty) + (descending ? " DESC" : string.Empty));
        }

        Require(orderBy.Count <= Sorting.SortBuilder.MaxKeys);
    }

    private (string Key, bool Text, bool Descending) SortKey(EntityModel model, string alias, GraphQLObjectField entry, int depth)
    {
        var name = entry.Name.StringValue;
        if (model.Scalars.FirstOrDefault(s => s.Name == name) is { } scalar)
        {
            Note(scalar.RequiredRole);
            Require(entry.Value is GraphQLEnumValue);
            var descending = ((GraphQLEnumValue)entry.Value).Name.StringValue switch
            {
                "ASC" => false,
                "DESC" => true,
                _ => throw new NotPlannedException(),
            };
            var property = Property(model.ClrType, scalar.Selector);
            var column = $"{alias}.{Quoted(property)}";
            if (scalar.NonNullableType == typeof(string))
            {
                return (column, true, descending);
            }

            if (scalar.NonNullableType.IsEnum)
            {
                // The rank of the value's API name among the enum's names, as SortValues ranks it; null stays null.
                var converter = Converter(property);
                var ranks = Sorting.SortValues.ApiOrder(scalar.NonNullableType)
                    .Select((enumValue, rank) => $"WHEN {Literal(converter is null ? enumValue : converter.ConvertToProvider(enumValue))} THEN {rank}");
                return ($"CASE {column} {string.Join(" ", ranks)} END", false, descending);
            }

            return (column, false, descending);
        }

        if (model.References.FirstOrDefault(r => r.Name == name) is { HasAsOf: false, Link: null } reference && depth < 3
            && entry.Value is GraphQLObjectValue { Fields: [var inner] })
        {
            var target = models.For(reference.TargetType);
            Note(target.RequiredRole);
            var next = $"s{depth}";
            var (key, text, descending) = SortKey(target, next, inner, depth + 1);
            var foreignKey = Quoted(ForeignKeyOf(model, reference));
            return ($"(SELECT {key} FROM {Table(target.ClrType)} AS {next} WHERE {next}.{Key(target.ClrType)} = {alias}.{foreignKey})", text, descending);
        }

        throw new NotPlannedException();
    }

    /// <summary>A stored enum value as an SQL literal: its text, or its number.</summary>
    private static string Literal(object? stored) => stored switch
    {
        string text => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'",
        int number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new NotPlannedException(),
    };

    /// <summary>A compared value: a literal parsed by the field's type now, or a non-null variable of that type parsed per request.</summary>
    private PlanValue ComparedValue(GraphQLValue value, ScalarGraphType graphType, IProperty property)
    {
        // Values the normal path binds as parsed (DateTime values it converts to UTC first: not planned), and text within
        // the filter's length limit (longer text is the normal path's INVALID_FILTER).
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        Require(type == typeof(string) || type == typeof(int) || type == typeof(bool) || type == typeof(DateOnly) || type.IsEnum);
        var converter = Converter(property);
        Func<object?, object?> toColumn = converter is null ? v => v : converter.ConvertToProvider;
        if (type == typeof(string))
        {
            var stored = toColumn;
            toColumn = v => v is string { Length: > Filtering.FilterBuilder.MaxStringLength }
                ? throw new PlanNotApplicableException("The text is longer than a filter takes.")
                : stored(v);
        }

        if (value is GraphQLVariable variable)
        {
            Require(VariableType(variable) == graphType.Name + "!");
            return Checked(new PlanValue.Variable(variable.Name.StringValue, toColumn));
        }

        Require(value is not GraphQLNullValue && graphType.CanParseLiteral(value));
        try
        {
            return new PlanValue.Literal(toColumn(graphType.ParseLiteral(value)));
        }
        catch (PlanNotApplicableException)
        {
            throw new NotPlannedException();
        }
    }

    private PlanValue IntValue(GraphQLValue value)
    {
        if (value is GraphQLVariable variable)
        {
            Require(VariableType(variable) == "Int!");
            return Checked(new PlanValue.Variable(variable.Name.StringValue, v => v), isPageSize: true);
        }

        return value is GraphQLIntValue literal && int.TryParse(literal.Value.Span, System.Globalization.CultureInfo.InvariantCulture, out var size)
            ? Checked(new PlanValue.Literal(size), isPageSize: true)
            : throw new NotPlannedException();
    }

    private PlanValue.Day DayValue(GraphQLValue value)
    {
        if (value is GraphQLVariable variable)
        {
            Require(VariableType(variable) is "Date" or "Date!");
            return Checked(new PlanValue.Day(null, variable.Name.StringValue));
        }

        var date = (ScalarGraphType)schema.AllTypes["Date"]!;
        Require(value is GraphQLStringValue && date.CanParseLiteral(value));
        return Checked(new PlanValue.Day((DateOnly)date.ParseLiteral(value)!, null));
    }

    /// <summary>A value the plan checks before its first statement, so a run that cannot apply stops before it reads anything.</summary>
    private TValue Checked<TValue>(TValue value, bool isPageSize = false)
        where TValue : PlanValue
    {
        _checks.Add((value, isPageSize));
        return value;
    }

    private string VariableType(GraphQLVariable variable) =>
        _variables.FirstOrDefault(v => v.Name == variable.Name.StringValue).Type ?? throw new NotPlannedException();

    private static string TypeText(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => TypeText(nonNull.Type) + "!",
        GraphQLNamedType named => named.Name.StringValue,
        _ => "[]",
    };

    /// <summary>A role the plan's answer needs (personal data, a type only admins read): callers without it run normally.</summary>
    private void Note(string? role)
    {
        if (role is not null)
        {
            _roles.Add(role);
        }
    }

    /// <summary>A field without directives; the planner reads no fragments.</summary>
    private static bool Plain(GraphQLField field) => field.Directives is null or { Count: 0 };

    /// <summary>The selection as a field without directives (not an inline fragment or a spread), or not planned.</summary>
    private static GraphQLField PlainField(ASTNode selection) =>
        selection is GraphQLField field && Plain(field) ? field : throw new NotPlannedException();

    private string Table(Type clrType) => Quote(db.Model.FindEntityType(clrType)?.GetTableName() ?? throw new NotPlannedException());

    /// <summary>The mapped property a selector reads: <c>x => x.Property</c> (made nullable or not), nothing else.</summary>
    private IProperty Property(Type clrType, LambdaExpression selector) =>
        (selector.Body is UnaryExpression { NodeType: ExpressionType.Convert, Operand: var operand } ? operand : selector.Body)
            is MemberExpression { Member: PropertyInfo member, Expression: ParameterExpression }
        && db.Model.FindEntityType(clrType)?.FindProperty(member.Name) is { } property
            ? property
            : throw new NotPlannedException();

    /// <summary>The foreign key of a navigation <c>x => x.Navigation</c>, a single column.</summary>
    private IProperty ForeignKey(Type clrType, LambdaExpression navigation) =>
        navigation.Body is MemberExpression { Member: PropertyInfo member, Expression: ParameterExpression }
        && db.Model.FindEntityType(clrType)?.FindNavigation(member.Name) is { IsOnDependent: true, ForeignKey.Properties: [var key] }
            ? key
            : throw new NotPlannedException();

    /// <summary>The foreign key of a to-one relation stated by a navigation (not by a day).</summary>
    private IProperty ForeignKeyOf(EntityModel model, ReferenceField reference) => ForeignKey(model.ClrType, reference.NavigationOn(DateOnly.MinValue));

    /// <summary>How a column is read into the value its scalar type serializes: enums through their stored text.</summary>
    private static Func<DbDataReader, int, object?> ColumnReader(IProperty property)
    {
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        Func<DbDataReader, int, object?> read = type switch
        {
            _ when type == typeof(string) => (reader, i) => reader.GetString(i),
            _ when type == typeof(int) => (reader, i) => reader.GetInt32(i),
            _ when type == typeof(bool) => (reader, i) => reader.GetBoolean(i),
            _ when type == typeof(DateOnly) => (reader, i) => reader.GetFieldValue<DateOnly>(i),
            _ when type.IsEnum && Converter(property) is { ProviderClrType: var stored } converter && stored == typeof(string) =>
                (reader, i) => converter.ConvertFromProvider(reader.GetString(i)),
            _ => throw new NotPlannedException(),
        };
        return (reader, i) => reader.IsDBNull(i) ? null : read(reader, i);
    }

    /// <summary>How the column stores the value (an enum as text), set on the property or by its type mapping.</summary>
    private static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter(IProperty property) => property.GetValueConverter() ?? property.GetTypeMapping().Converter;

    /// <summary>The period rule (<see cref="Periods.ActiveOn{T}"/>) in SQL: the half-open period [From, To) holds the day.</summary>
    private string ActiveOn(Type period, string alias, string day)
    {
        var (from, to) = (Column(period, nameof(IPeriod.From)), Column(period, nameof(IPeriod.To)));
        return $"{alias}.{from} <= {day} AND ({alias}.{to} IS NULL OR {alias}.{to} > {day})";
    }

    /// <summary>The quoted column of a mapped property, by its CLR name (a period's From may be stored as FoundedOn).</summary>
    private string Column(Type clrType, string propertyName) =>
        Quote(db.Model.FindEntityType(clrType)?.FindProperty(propertyName)?.GetColumnName() ?? throw new NotPlannedException());

    /// <summary>The quoted column of the entity's key (<see cref="Entity.Id"/>).</summary>
    private string Key(Type clrType) => Column(clrType, nameof(Entity.Id));

    private static string Quoted(IProperty property) => Quote(property.GetColumnName());

    private static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static void Require(bool condition)
    {
        if (!condition)
        {
            throw new NotPlannedException();
        }
    }

    private sealed class NotPlannedException : Exception;
}

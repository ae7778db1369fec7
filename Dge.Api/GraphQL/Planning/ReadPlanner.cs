using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
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
/// <c>where</c> (comparisons, through to-one relations), <c>order</c> (scalars), <c>first</c> and <c>after</c>; below it ids,
/// scalars, to-one relations (by key or through dated links, with <c>asOf</c>) and connections (by key or through links, with
/// <c>asOf</c>, <c>order</c>, and <c>first</c> or <c>last</c>). A connection selects <c>totalCount</c>, <c>nodes</c>,
/// <c>edges</c> (<c>cursor</c>, <c>node</c>) and <c>pageInfo</c>, ordered, paged and with the cursors the normal path gives.
/// No two fields under one response name, no directives, fragments, <c>__typename</c> or variables with defaults. The roles
/// the answer needs (personal data) are noted in the plan (<see cref="ReadPlan.RequiredRoles"/>), so it runs only for callers
/// that have them.
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
        foreach (var variable in operation.Variables?.Items ?? [])
        {
            Require(variable.DefaultValue is null && variable.Directives is null or { Count: 0 });
            _variables.Add((variable.Variable.Name.StringValue, TypeText(variable.Type)));
        }

        var field = operation.SelectionSet.Selections is [GraphQLField root] && Plain(root) ? root : throw new NotPlannedException();
        var model = models.Models.SingleOrDefault(m => m.ListFieldName == field.Name.StringValue) ?? throw new NotPlannedException();
        var definition = schema.Query.GetField(field.Name.StringValue) ?? throw new NotPlannedException();
        Note(definition.RequiredRole());
        var table = Table(model.ClrType);
        var parameters = new List<(string, PlanValue)>();
        PlanValue take = new PlanValue.Literal(Paging.PageWindow.DefaultPageSize);
        PlanValue? after = null;
        var where = new List<string>();
        var orderBy = new List<(string, bool)>();
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
                case "after":
                    after = CursorValue(argument.Value);
                    break;
                default:
                    throw new NotPlannedException();
            }
        }

        var columns = new List<string> { $"t.{Key(model.ClrType)}" };
        var shape = ConnectionSelection(model, "t", field.SelectionSet, columns, Scope(schema.Query.Name, definition, field));
        var from = $" FROM {table} AS t" + (where.Count > 0 ? $" WHERE {string.Join(" AND ", where)}" : string.Empty);
        orderBy.Add(($"t.{Key(model.ClrType)}", false));
        var sql = $"SELECT {string.Join(", ", columns)}, COUNT(*) OVER (){from} ORDER BY {OrderText(orderBy, reversed: false)} LIMIT @take OFFSET @skip";
        var load = new RootLoad(sql, $"SELECT COUNT(*){from}", parameters, take, after, shape.Scope);
        return new ReadPlan(field.Alias?.Name.StringValue ?? field.Name.StringValue, load, shape, _roles, _checks);
    }

    /// <summary>
    /// The scope of the connection's cursors, as the normal path makes it (<see cref="Paging.CursorScope.Of"/>): from the
    /// <c>order</c> as GraphQL.NET parses it. Only literal orders are planned, so it is fixed by the document.
    /// </summary>
    private static Paging.CursorScope Scope(string typeName, FieldType definition, GraphQLField field)
    {
        // Coerced as GraphQL.NET coerces it; an argument with its own parser or validator would be read differently.
        var order = field.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == "order") is { } argument
            ? definition.Arguments?.Find("order") is { ResolvedType: { } type, Parser: null, Validator: null }
                ? global::GraphQL.Execution.ExecutionHelper.CoerceValue(type, argument.Value, null, null).Value
                : throw new NotPlannedException()
            : null;
        return Paging.CursorScope.For(typeName, definition.Name, order);
    }

    /// <summary>
    /// A connection's selection: <c>totalCount</c>, <c>nodes</c>, <c>edges</c> (<c>cursor</c>, <c>node</c>) and
    /// <c>pageInfo</c>, the items' columns added to <paramref name="columns"/>.
    /// </summary>
    private ConnectionShape ConnectionSelection(EntityModel model, string alias, GraphQLSelectionSet? selectionSet, List<string> columns, Paging.CursorScope scope)
    {
        Require(selectionSet is not null);
        var parts = new List<ConnectionPart>();
        Level? level = null;
        var names = new HashSet<string>();
        foreach (var selection in selectionSet!.Selections)
        {
            var field = PlainField(selection);
            var responseName = ResponseName(field, names);
            switch (field.Name.StringValue)
            {
                case "totalCount":
                    parts.Add(new ConnectionPart.Total(responseName));
                    break;
                case "nodes" when level is null:
                    level = Selection(model, alias, field.SelectionSet, columns);
                    parts.Add(new ConnectionPart.Nodes(responseName));
                    break;
                case "edges" when level is null:
                    var edgeFields = new List<(string, bool)>();
                    var edgeNames = new HashSet<string>();
                    foreach (var edgeField in (field.SelectionSet?.Selections ?? throw new NotPlannedException()).Select(PlainField))
                    {
                        var edgeName = ResponseName(edgeField, edgeNames, allowSelection: edgeField.Name.StringValue == "node");
                        switch (edgeField.Name.StringValue)
                        {
                            case "cursor":
                                edgeFields.Add((edgeName, false));
                                break;
                            case "node" when level is null:
                                level = Selection(model, alias, edgeField.SelectionSet, columns);
                                edgeFields.Add((edgeName, true));
                                break;
                            default:
                                throw new NotPlannedException();
                        }
                    }

                    parts.Add(new ConnectionPart.Edges(responseName, edgeFields));
                    break;
                case "pageInfo":
                    var infoNames = new HashSet<string>();
                    var infoFields = (field.SelectionSet?.Selections ?? throw new NotPlannedException()).Select(PlainField)
                        .Select(info => (ResponseName(info, infoNames), info.Name.StringValue is ConnectionPart.PageInfo.HasNextPage
                            or ConnectionPart.PageInfo.HasPreviousPage or ConnectionPart.PageInfo.StartCursor or ConnectionPart.PageInfo.EndCursor
                            ? info.Name.StringValue
                            : throw new NotPlannedException()))
                        .ToList();
                    parts.Add(new ConnectionPart.PageInfo(responseName, infoFields));
                    break;
                default:
                    throw new NotPlannedException();
            }
        }

        return new ConnectionShape(parts, level ?? new Level(model.Name, [], [(reader, i) => reader.GetInt32(i)]), scope);
    }

    /// <summary>
    /// The response name of a field without arguments (and without a selection unless <paramref name="allowSelection"/>),
    /// unique among <paramref name="names"/>: the planner writes no two fields under one name.
    /// </summary>
    private static string ResponseName(GraphQLField field, HashSet<string> names, bool allowSelection = true)
    {
        var responseName = field.Alias?.Name.StringValue ?? field.Name.StringValue;
        Require(field.Arguments is null or { Count: 0 } && (allowSelection || field.SelectionSet is null) && names.Add(responseName));
        return responseName;
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
                outputs.Add(Connection(model.Name, connection, definition, field, responseName));
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

    private LevelOutput.Connection Connection(string typeName, ConnectionField connection, FieldType definition, GraphQLField field, string responseName)
    {
        var child = models.For(connection.ChildType);
        PlanValue take = new PlanValue.Literal(Paging.PageWindow.DefaultPageSize);
        PlanValue? day = connection.HasAsOf ? new PlanValue.Day(null, null) : null;
        var orderBy = new List<(string, bool)>();
        var fromEnd = false;
        var sized = false;
        foreach (var argument in field.Arguments?.Items ?? [])
        {
            switch (argument.Name.StringValue)
            {
                case "first" or "last" when !sized:
                    take = IntValue(argument.Value);
                    (fromEnd, sized) = (argument.Name.StringValue == "last", true);
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
        var shape = ConnectionSelection(child, "c", field.SelectionSet, childColumns, Scope(typeName, definition, field));
        var key = Quoted(Property(linkType, parentKey));
        // A link without its child would be a null node on the normal path: only links that always have one are planned.
        var childKey = childOfLink is null ? null : ForeignKey(linkType, childOfLink);
        Require(childKey is not { IsNullable: true });
        var from = childKey is null
            ? $"{Table(child.ClrType)} AS c"
            : $"{Table(linkType)} AS l JOIN {Table(child.ClrType)} AS c ON c.{Key(child.ClrType)} = l.{Quoted(childKey)}";
        var link = childOfLink is null ? "c" : "l";
        var matching = $" FROM {from} WHERE {link}.{key} IN (SELECT value FROM json_each(@ids))" + (day is null ? string.Empty : $" AND {ActiveOn(linkType, link, "@day")}");
        if (shape.Parts.All(part => part is ConnectionPart.Total))
        {
            // Only the count: as the normal path, no items are read.
            return new LevelOutput.Connection(responseName, new ConnectionLoad($"SELECT {link}.{key}, COUNT(*){matching} GROUP BY {link}.{key}", day, null, fromEnd), shape);
        }

        // `last` numbers each parent's children from the end, and reads its page back in the order asked for.
        orderBy.Add(($"c.{Key(child.ClrType)}", false));
        var sql = $"SELECT p, total, {string.Join(", ", Enumerable.Range(0, childColumns.Count).Select(i => $"k{i}"))} FROM ("
            + $"SELECT {link}.{key} AS p, COUNT(*) OVER (PARTITION BY {link}.{key}) AS total, "
            + $"ROW_NUMBER() OVER (PARTITION BY {link}.{key} ORDER BY {OrderText(orderBy, fromEnd)}) AS n, "
            + string.Join(", ", childColumns.Select((column, i) => $"{column} AS k{i}"))
            + $"{matching}) WHERE n <= @take ORDER BY p, n" + (fromEnd ? " DESC" : string.Empty);
        return new LevelOutput.Connection(responseName, new ConnectionLoad(sql, day, take, fromEnd), shape);
    }

    /// <summary>Sort keys as an ORDER BY list, each in its direction or, <paramref name="reversed"/>, against it.</summary>
    private static string OrderText(IEnumerable<(string Key, bool Descending)> keys, bool reversed) =>
        string.Join(", ", keys.Select(k => k.Key + (k.Descending != reversed ? " DESC" : string.Empty)));

    /// <summary>
    /// A <c>where</c> object as SQL conditions on <paramref name="alias"/>: comparisons of scalars with a literal or a non-null
    /// variable, and to-one relations, which a missing target fails as in the normal path (only comparisons are planned,
    /// and each rejects a missing value).
    /// </summary>
    private void Filter(EntityModel model, string alias, GraphQLValue value, PlanValue.Day day, List<string> conditions, List<(string, PlanValue)> parameters, int depth)
    {
        Require(value is GraphQLObjectValue && depth < 4);
        var entries = ((GraphQLObjectValue)value).Fields ?? [];
        // Rows narrowed by their own columns (usually through an index) are few: each is checked for its current link one
        // at a time. Otherwise the links to the matching targets are listed once (one clinic's doctors by its ydernummer).
        var perRow = entries.Any(e => model.Scalars.Any(s => s.Name == e.Name.StringValue));
        foreach (var entry in entries)
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
                    var current = $"{ActiveOn(link.LinkType, l, dayParameter)} AND {l}.{targetKey} IN ({matching}) "
                        + $"AND NOT EXISTS (SELECT 1 FROM {links} AS {o} WHERE {o}.{parentKey} = {l}.{parentKey} AND {ActiveOn(link.LinkType, o, dayParameter)} "
                        + $"AND ({o}.{from} > {l}.{from} OR ({o}.{from} = {l}.{from} AND {o}.{linkKey} < {l}.{linkKey})))";
                    conditions.Add(perRow
                        ? $"EXISTS (SELECT 1 FROM {links} AS {l} WHERE {l}.{parentKey} = {alias}.{Key(model.ClrType)} AND {current})"
                        : $"{alias}.{Key(model.ClrType)} IN (SELECT {l}.{parentKey} FROM {links} AS {l} WHERE {current})");
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
    private void Order(EntityModel model, string alias, GraphQLValue value, List<(string, bool)> orderBy)
    {
        var items = value is GraphQLListValue list ? list.Values ?? [] : [value];
        foreach (var item in items)
        {
            Require(item is GraphQLObjectValue { Fields: [_] });
            // The collation applies to the key as a whole: SQLite does not carry it out of a scalar subquery.
            var (key, text, descending) = SortKey(model, alias, ((GraphQLObjectValue)item).Fields![0], 0);
            orderBy.Add((key + (text ? $" COLLATE {Quote(DanishCollation.Name)}" : string.Empty), descending));
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

    /// <summary>An <c>after</c>: a nullable String variable, or a literal cursor.</summary>
    private PlanValue CursorValue(GraphQLValue value)
    {
        if (value is GraphQLVariable variable)
        {
            Require(VariableType(variable) == "String");
            return new PlanValue.Optional(variable.Name.StringValue);
        }

        return value is GraphQLStringValue text ? new PlanValue.Literal(text.Value.ToString()) : throw new NotPlannedException();
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
            _ when type == typeof(double) => (reader, i) => reader.GetDouble(i),
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

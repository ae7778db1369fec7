using System.Buffers;
using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dge.Api.Data;
using Dge.Api.GraphQL.Relay;
using GraphQL.Types;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dge.Api.GraphQL.Planning;

/// <summary>
/// A read planned once for a trusted document (<see cref="ReadPlanner"/>): a root connection and the levels below it,
/// each read by one SQL statement of its own, made once, for all parents of the level (as the batch loaders do, without
/// EF Core's per-query work), and the answer written straight from the rows. Runs only with values it can bind as the
/// normal path would (<see cref="PlanBindings"/>); anything else goes the normal way.
/// </summary>
public sealed class ReadPlan(
    string responseName, RootLoad root, ConnectionShape shape, IReadOnlySet<string> requiredRoles, IReadOnlyList<(PlanValue Value, bool IsPageSize)> checks)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The roles its answer needs (personal data): a caller without one of them runs the normal way and gets its errors.</summary>
    public IReadOnlySet<string> RequiredRoles { get; } = requiredRoles;

    /// <summary>How many SQL statements a run makes: the root and one per relation (and one more, not counted here, to count a page past the end).</summary>
    public int Statements { get; } = 1 + shape.Nodes.CountLoads();

    /// <summary>Runs the plan and returns the value of the response's <c>data</c>.</summary>
    public async Task<JsonElement> RunAsync(DgeDbContext db, PlanBindings bindings, CancellationToken cancellationToken)
    {
        // Every value first: one the plan cannot bind (a page size or a day out of range) sends the request the normal way
        // before any statement has run, so its work is not done twice.
        foreach (var (value, isPageSize) in checks)
        {
            _ = isPageSize ? value.PageSize(bindings) : value.Resolve(bindings);
        }

        // One connection for all the plan's statements: opening one runs the store's per-connection set-up each time.
        var run = new PlanRun(db, bindings, cancellationToken);
        var connection = db.GetService<IRelationalConnection>();
        await connection.OpenAsync(cancellationToken);
        RootPage page;
        try
        {
            page = await root.ReadAsync(run, shape.Nodes);
            await shape.Nodes.LoadRelationsAsync(run, page.Rows);
        }
        finally
        {
            await connection.CloseAsync();
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            Level.WriteConnection(json, responseName, shape, page.Rows, page.Skip, page.Total, run);
            json.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}

/// <summary>The request's values: the variables as the schema's types parse them, and today.</summary>
public sealed class PlanBindings(IReadOnlyDictionary<string, object?> variables, DateOnly today)
{
    public DateOnly Today { get; } = today;

    public object? Variable(string name) => variables.GetValueOrDefault(name);
}

/// <summary>The plan does not apply to these values (a null where it binds a value, an out-of-range date): run normally.</summary>
public sealed class PlanNotApplicableException(string reason) : Exception(reason);

/// <summary>A value a statement binds: a literal fixed at planning, or a variable of the request.</summary>
public abstract record PlanValue
{
    public abstract object? Resolve(PlanBindings bindings);

    /// <summary>As a <c>first</c>: 1 to the largest page; 0 (no items) and anything the normal path refuses run normally.</summary>
    public int PageSize(PlanBindings bindings) =>
        Resolve(bindings) is int n && n is > 0 and <= Paging.PageWindow.MaxPageSize ? n : throw new PlanNotApplicableException("first is out of range.");

    public sealed record Literal(object? Value) : PlanValue
    {
        public override object? Resolve(PlanBindings bindings) => Value;
    }

    /// <summary>A variable, converted for the column (an enum to its stored text); null is not planned.</summary>
    public sealed record Variable(string Name, Func<object?, object?> Convert) : PlanValue
    {
        public override object? Resolve(PlanBindings bindings) =>
            bindings.Variable(Name) is { } value ? Convert(value) : throw new PlanNotApplicableException($"${Name} is null.");
    }

    /// <summary>A nullable variable, as given (an <c>after</c> cursor).</summary>
    public sealed record Optional(string Name) : PlanValue
    {
        public override object? Resolve(PlanBindings bindings) => bindings.Variable(Name);
    }

    /// <summary>An <c>asOf</c>: given (literal or variable), else today; a day outside the accepted range runs normally.</summary>
    public sealed record Day(DateOnly? Given, string? VariableName) : PlanValue
    {
        public override object? Resolve(PlanBindings bindings)
        {
            var day = Given ?? (VariableName is null ? null : bindings.Variable(VariableName) as DateOnly?) ?? bindings.Today;
            return day >= ResolveContextExtensions.EarliestAsOf && day <= ResolveContextExtensions.LatestAsOf
                ? day
                : throw new PlanNotApplicableException("asOf is out of range.");
        }
    }
}

/// <summary>One run of a plan: its context, values, and what each relation loaded.</summary>
public sealed class PlanRun(DgeDbContext db, PlanBindings bindings, CancellationToken cancellationToken)
{
    private readonly Dictionary<object, object> _loaded = [];

    public PlanBindings Bindings { get; } = bindings;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public void Store(object output, object loaded) => _loaded[output] = loaded;

    public T Loaded<T>(object output) => (T)_loaded[output];

    /// <summary>
    /// Runs one statement on the run's open connection through EF Core's command pipeline, so its interceptors (the
    /// interruption on cancellation, the Danish collation) and its diagnostics (statement counting, telemetry) apply as to
    /// any other query; <paramref name="onRow"/> reads each row.
    /// </summary>
    public async Task QueryAsync(string sql, IReadOnlyList<(string Name, object? Value)> parameters, Action<DbDataReader> onRow)
    {
        // Built as is: EF's raw SQL builder would format the text, reading braces as placeholders.
        var connection = db.GetService<IRelationalConnection>();
        var builder = db.GetService<IRelationalCommandBuilderFactory>().Create().Append(sql);
        var values = new Dictionary<string, object?>(parameters.Count);
        foreach (var (name, value) in parameters)
        {
            var parameter = new SqliteParameter(name, value ?? DBNull.Value);
            builder.AddRawParameter(name, parameter);
            values[name] = parameter;
        }

        await using var reader = await builder.Build().ExecuteReaderAsync(
            new RelationalCommandParameterObject(connection, values, null, db, db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.Unknown),
            CancellationToken);
        while (await reader.ReadAsync(CancellationToken))
        {
            onRow(reader.DbDataReader);
        }
    }
}

/// <summary>The entities of one selection: the columns its statement reads (the key first) and the fields it writes.</summary>
public sealed class Level(string typeName, IReadOnlyList<LevelOutput> outputs, IReadOnlyList<Func<DbDataReader, int, object?>> readers)
{
    /// <summary>How many columns a row of the level has.</summary>
    public int Width => readers.Count;

    /// <summary>Reads the level's columns from <paramref name="offset"/> on.</summary>
    public void Read(DbDataReader reader, int offset, object?[] row)
    {
        for (var i = 0; i < readers.Count; i++)
        {
            row[i] = readers[i](reader, offset + i);
        }
    }

    public int CountLoads() => outputs.Sum(o => o switch
    {
        LevelOutput.Reference r => 1 + r.Target.CountLoads(),
        LevelOutput.Connection c => 1 + c.Shape.Nodes.CountLoads(),
        _ => 0,
    });

    /// <summary>Loads every relation of the level for all its rows, level by level.</summary>
    public async Task LoadRelationsAsync(PlanRun run, IReadOnlyList<object?[]> rows)
    {
        foreach (var output in outputs)
        {
            switch (output)
            {
                case LevelOutput.Reference reference:
                    var targets = await reference.Load.LoadAsync(run, rows, reference.Target);
                    run.Store(reference, targets);
                    await reference.Target.LoadRelationsAsync(run, [.. targets.Values.Distinct()]);
                    break;
                case LevelOutput.Connection connection:
                    var pages = await connection.Load.LoadAsync(run, rows, connection.Shape.Nodes);
                    run.Store(connection, pages);
                    await connection.Shape.Nodes.LoadRelationsAsync(run, [.. pages.Values.SelectMany(p => p.Rows)]);
                    break;
            }
        }
    }

    public void Write(Utf8JsonWriter json, object?[] row, PlanRun run)
    {
        json.WriteStartObject();
        foreach (var output in outputs)
        {
            switch (output)
            {
                case LevelOutput.Id id:
                    json.WriteString(id.ResponseName, NodeId.Encode(typeName, (int)row[0]!));
                    break;
                case LevelOutput.Scalar scalar:
                    WriteScalar(json, scalar, row[scalar.Column]);
                    break;
                case LevelOutput.Reference reference:
                    var key = row[reference.Load.ParentColumn];
                    if (key is int k && run.Loaded<Dictionary<int, object?[]>>(reference).TryGetValue(k, out var target))
                    {
                        json.WritePropertyName(reference.ResponseName);
                        reference.Target.Write(json, target, run);
                    }
                    else
                    {
                        json.WriteNull(reference.ResponseName);
                    }

                    break;
                case LevelOutput.Connection connection:
                    var page = run.Loaded<Dictionary<int, ChildPage>>(connection).GetValueOrDefault((int)row[0]!) ?? new ChildPage([], 0, false);
                    WriteConnection(json, connection.ResponseName, connection.Shape, page.Rows, page.Skip, page.Total, run);
                    break;
            }
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// A connection's object, its fields in the document's order, for the page of <paramref name="rows"/> that starts at
    /// <paramref name="skip"/> of <paramref name="total"/>: as <see cref="Paging.PageBuilder.Forward"/> makes it.
    /// </summary>
    public static void WriteConnection(
        Utf8JsonWriter json, string responseName, ConnectionShape shape, IReadOnlyList<object?[]> rows, int skip, int total, PlanRun run)
    {
        json.WriteStartObject(responseName);
        foreach (var part in shape.Parts)
        {
            switch (part)
            {
                case ConnectionPart.Total:
                    json.WriteNumber(part.ResponseName, total);
                    break;
                case ConnectionPart.Nodes:
                    json.WriteStartArray(part.ResponseName);
                    foreach (var row in rows)
                    {
                        shape.Nodes.Write(json, row, run);
                    }

                    json.WriteEndArray();
                    break;
                case ConnectionPart.Edges edges:
                    json.WriteStartArray(part.ResponseName);
                    for (var i = 0; i < rows.Count; i++)
                    {
                        json.WriteStartObject();
                        foreach (var (name, isNode) in edges.Fields)
                        {
                            if (isNode)
                            {
                                json.WritePropertyName(name);
                                shape.Nodes.Write(json, rows[i], run);
                            }
                            else
                            {
                                json.WriteString(name, Paging.PageWindow.CursorAt(shape.Scope, skip + i));
                            }
                        }

                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    break;
                case ConnectionPart.PageInfo pageInfo:
                    WritePageInfo(json, pageInfo, shape.Scope, rows.Count, skip, total);
                    break;
            }
        }

        json.WriteEndObject();
    }

    private static void WritePageInfo(Utf8JsonWriter json, ConnectionPart.PageInfo pageInfo, Paging.CursorScope scope, int count, int skip, int total)
    {
        json.WriteStartObject(pageInfo.ResponseName);
        foreach (var (name, field) in pageInfo.Fields)
        {
            switch (field)
            {
                case ConnectionPart.PageInfo.HasNextPage:
                    json.WriteBoolean(name, skip + count < total);
                    break;
                case ConnectionPart.PageInfo.HasPreviousPage:
                    json.WriteBoolean(name, skip > 0);
                    break;
                case var _ when count == 0:
                    json.WriteNull(name);
                    break;
                case ConnectionPart.PageInfo.StartCursor:
                    json.WriteString(name, Paging.PageWindow.CursorAt(scope, skip));
                    break;
                default:
                    json.WriteString(name, Paging.PageWindow.CursorAt(scope, skip + count - 1));
                    break;
            }
        }

        json.WriteEndObject();
    }

    private static void WriteScalar(Utf8JsonWriter json, LevelOutput.Scalar scalar, object? value)
    {
        switch (value is null ? null : scalar.GraphType.Serialize(value))
        {
            case null:
                json.WriteNull(scalar.ResponseName);
                break;
            case string text:
                json.WriteString(scalar.ResponseName, text);
                break;
            case int number:
                json.WriteNumber(scalar.ResponseName, number);
                break;
            case long number:
                json.WriteNumber(scalar.ResponseName, number);
                break;
            case double number:
                json.WriteNumber(scalar.ResponseName, number);
                break;
            case bool flag:
                json.WriteBoolean(scalar.ResponseName, flag);
                break;
            case var other:
                throw new InvalidOperationException($"The planned read cannot write {other.GetType().Name} for '{scalar.ResponseName}'.");
        }
    }
}

/// <summary>What a level writes, in the document's order.</summary>
public abstract record LevelOutput(string ResponseName)
{
    public sealed record Id(string ResponseName) : LevelOutput(ResponseName);

    public sealed record Scalar(string ResponseName, int Column, ScalarGraphType GraphType) : LevelOutput(ResponseName);

    public sealed record Reference(string ResponseName, ReferenceLoad Load, Level Target) : LevelOutput(ResponseName);

    public sealed record Connection(string ResponseName, ConnectionLoad Load, ConnectionShape Shape) : LevelOutput(ResponseName);
}

/// <summary>What a connection's selection writes (<see cref="Parts"/>), its items' level, and the scope of its cursors.</summary>
public sealed record ConnectionShape(IReadOnlyList<ConnectionPart> Parts, Level Nodes, Paging.CursorScope Scope);

/// <summary>A field of a connection's selection.</summary>
public abstract record ConnectionPart(string ResponseName)
{
    public sealed record Total(string ResponseName) : ConnectionPart(ResponseName);

    public sealed record Nodes(string ResponseName) : ConnectionPart(ResponseName);

    /// <summary><c>edges</c>, each edge's fields in order: its <c>node</c> (true) or its <c>cursor</c>.</summary>
    public sealed record Edges(string ResponseName, IReadOnlyList<(string ResponseName, bool IsNode)> Fields) : ConnectionPart(ResponseName);

    /// <summary><c>pageInfo</c>, its fields in order.</summary>
    public sealed record PageInfo(string ResponseName, IReadOnlyList<(string ResponseName, string Field)> Fields) : ConnectionPart(ResponseName)
    {
        public const string HasNextPage = "hasNextPage";
        public const string HasPreviousPage = "hasPreviousPage";
        public const string StartCursor = "startCursor";
        public const string EndCursor = "endCursor";
    }
}

/// <summary>One parent's page of a nested connection: its rows, where it starts, and the parent's total.</summary>
public sealed record ChildPage(List<object?[]> Rows, int Total, bool FromEnd)
{
    /// <summary>The offset of the first row: 0 from the start, or the rows before a page read from the end.</summary>
    public int Skip => FromEnd ? Total - Rows.Count : 0;
}

/// <summary>The root page: its rows, where it starts, and the connection's total.</summary>
public sealed record RootPage(List<object?[]> Rows, int Skip, int Total);

/// <summary>
/// The root connection's statement: the page (and the total, by a window) in one statement, from the offset an
/// <c>after</c> cursor of <paramref name="scope"/> points at. A page past the end has no rows to carry the total: then
/// <paramref name="countSql"/> counts.
/// </summary>
public sealed class RootLoad(
    string sql, string countSql, IReadOnlyList<(string Name, PlanValue Value)> parameters, PlanValue take, PlanValue? after, Paging.CursorScope scope)
{
    public async Task<RootPage> ReadAsync(PlanRun run, Level level)
    {
        var size = take.PageSize(run.Bindings);
        var skip = 0;
        if (after?.Resolve(run.Bindings) is string cursor)
        {
            try
            {
                skip = Paging.PageWindow.From(scope, size, cursor, null, null, totalRequested: true).Skip;
            }
            catch (DgeQueryError)
            {
                throw new PlanNotApplicableException("after is not a cursor of this connection and order.");
            }
        }

        var bound = parameters.Select(p => (p.Name, p.Value.Resolve(run.Bindings))).ToList();
        var total = 0;
        var rows = new List<object?[]>();
        await run.QueryAsync(sql, [.. bound, ("@take", size), ("@skip", skip)], reader =>
        {
            var row = new object?[level.Width];
            level.Read(reader, 0, row);
            total = reader.GetInt32(level.Width);
            rows.Add(row);
        });
        if (rows.Count == 0 && skip > 0)
        {
            await run.QueryAsync(countSql, bound, reader => total = reader.GetInt32(0));
        }

        return new RootPage(rows, skip, total);
    }
}

/// <summary>
/// A to-one relation's statement for all parents of a level: by the parent's foreign key (<see cref="ParentColumn"/>),
/// or through dated links by the parent's key, where the first row per parent (latest From, then lowest key) is current.
/// </summary>
public sealed class ReferenceLoad(string sql, int parentColumn, PlanValue? day)
{
    /// <summary>The parent's column that finds its target: its foreign key, or its key (0) for dated links.</summary>
    public int ParentColumn { get; } = parentColumn;

    public async Task<Dictionary<int, object?[]>> LoadAsync(PlanRun run, IReadOnlyList<object?[]> parents, Level target)
    {
        var keys = parents.Select(p => p[ParentColumn]).OfType<int>().Distinct().ToList();
        var found = new Dictionary<int, object?[]>();
        if (keys.Count == 0)
        {
            return found;
        }

        List<(string, object?)> parameters = [("@ids", JsonSerializer.Serialize(keys))];
        if (day is not null)
        {
            parameters.Add(("@day", day.Resolve(run.Bindings)));
        }

        await run.QueryAsync(sql, parameters, reader =>
        {
            var key = reader.GetInt32(0);
            if (!found.ContainsKey(key))
            {
                var row = new object?[target.Width];
                target.Read(reader, 1, row);
                found[key] = row;
            }
        });
        return found;
    }
}

/// <summary>
/// A nested connection's statement for all parents of a level: each parent's first (or, <paramref name="fromEnd"/>, last)
/// rows by key and their count; without <paramref name="take"/>, only the count (a selection of <c>totalCount</c> alone).
/// </summary>
public sealed class ConnectionLoad(string sql, PlanValue? day, PlanValue? take, bool fromEnd)
{
    public async Task<Dictionary<int, ChildPage>> LoadAsync(PlanRun run, IReadOnlyList<object?[]> parents, Level child)
    {
        var keys = parents.Select(p => (int)p[0]!).Distinct().ToList();
        var pages = new Dictionary<int, ChildPage>();
        if (keys.Count == 0)
        {
            return pages;
        }

        List<(string, object?)> parameters = [("@ids", JsonSerializer.Serialize(keys))];
        if (take is not null)
        {
            parameters.Add(("@take", take.PageSize(run.Bindings)));
        }

        if (day is not null)
        {
            parameters.Add(("@day", day.Resolve(run.Bindings)));
        }

        await run.QueryAsync(sql, parameters, reader =>
        {
            var key = reader.GetInt32(0);
            if (!pages.TryGetValue(key, out var page))
            {
                page = new ChildPage([], reader.GetInt32(1), fromEnd);
                pages[key] = page;
            }

            if (take is not null)
            {
                var row = new object?[child.Width];
                child.Read(reader, 2, row);
                page.Rows.Add(row);
            }
        });
        return pages;
    }
}

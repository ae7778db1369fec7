using System.Globalization;
using System.Linq.Expressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using SQLitePCL;

namespace Dge.Api.Data;

/// <summary>
/// Inserts many rows of one table, mapped through the EF model so table names, column names and value conversions stay
/// those of the migrations. Used by the seed, where change tracking millions of rows would dominate the start-up time.
/// Each provider has its own writer (<see cref="Create"/>): SQLite's writes each row as it is added through one prepared
/// statement; PostgreSQL's sends the table with binary <c>COPY</c>.
/// </summary>
public abstract class BulkWriter<T> : IDisposable
    where T : Entity
{
    /// <summary>A writer on <paramref name="db"/>'s open connection, for use inside its current transaction.</summary>
    public static BulkWriter<T> Create(DgeDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().ToArray();
        var columns = properties.Select(p => new BulkColumn<T>(Quote(p.GetColumnName(table)!), p.GetColumnType(), ProviderValue(p))).ToArray();
        return db.Database.IsNpgsql()
            ? new PostgresBulkWriter<T>((NpgsqlConnection)db.Database.GetDbConnection(), Quote(table.Name), columns)
            : SqliteBulkWriter<T>.Create((SqliteConnection)db.Database.GetDbConnection(), Quote(table.Name), columns);
    }

    /// <summary>Writes <paramref name="rows"/> in order.</summary>
    public static void Insert(DgeDbContext db, IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = Create(db);
        foreach (var row in rows)
        {
            writer.Add(row, cancellationToken);
        }

        writer.Complete(cancellationToken);
    }

    /// <summary>Adds a row; it is in the table once <see cref="Complete"/> returns.</summary>
    public abstract void Add(T row, CancellationToken cancellationToken);

    /// <summary>Finishes the table: every row added is written. A writer disposed without it may have written only some.</summary>
    public abstract void Complete(CancellationToken cancellationToken);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);

    internal static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>Reads the property and applies the model's value converter, as EF does when it saves the row.</summary>
    private static Func<T, object?> ProviderValue(IProperty property)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var read = Expression.Lambda<Func<T, object?>>(Expression.Convert(Expression.Property(row, property.PropertyInfo!), typeof(object)), row).Compile();
        var converter = property.GetTypeMapping().Converter;
        return converter is null ? read : r => read(r) is { } value ? converter.ConvertToProvider(value) : null;
    }
}

/// <summary>A column as the bulk writers write it: its quoted name, its store type, and the row's value for it.</summary>
public sealed record BulkColumn<T>(string QuotedName, string StoreType, Func<T, object?> Value);

/// <summary>
/// SQLite's writer: one prepared statement for the table, each row written as it is added, so the caller can stream a table
/// instead of holding it. The statement runs on the connection's handle, in its open transaction: per row, a command of
/// Microsoft.Data.Sqlite (a reader, parameters looked up by name) costs more than SQLite's own work for the insert.
/// </summary>
internal sealed class SqliteBulkWriter<T> : BulkWriter<T>
    where T : Entity
{
    private readonly sqlite3 connection;
    private readonly sqlite3_stmt statement;
    private readonly Func<T, object?>[] providerValues;

    private SqliteBulkWriter(sqlite3 connection, sqlite3_stmt statement, Func<T, object?>[] providerValues)
    {
        this.connection = connection;
        this.statement = statement;
        this.providerValues = providerValues;
    }

    public static SqliteBulkWriter<T> Create(SqliteConnection db, string table, BulkColumn<T>[] columns)
    {
        var sql = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.QuotedName))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => $"?{i + 1}"))})";
        var connection = db.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(connection, sql, out var statement), connection);
        return new SqliteBulkWriter<T>(connection, statement, [.. columns.Select(c => c.Value)]);
    }

    public override void Add(T row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        cancellationToken.ThrowIfCancellationRequested();
        for (var i = 0; i < providerValues.Length; i++)
        {
            Check(Bind(i + 1, providerValues[i](row)), connection);
        }

        var result = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (result != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(result, connection);
        }
    }

    /// <summary>Nothing is left to write: each row was written as it was added.</summary>
    public override void Complete(CancellationToken cancellationToken) => cancellationToken.ThrowIfCancellationRequested();

    protected override void Dispose(bool disposing) => statement.Dispose();

    // The same storage Microsoft.Data.Sqlite gives these values as parameters (integers, REAL, TEXT, dates as
    // yyyy-MM-dd), for the types the seeded entities hold once the model's converters have run.
    private int Bind(int index, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(statement, index),
        string text => raw.sqlite3_bind_text(statement, index, text),
        int number => raw.sqlite3_bind_int64(statement, index, number),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        double real when !double.IsNaN(real) => raw.sqlite3_bind_double(statement, index, real),
        DateOnly date => raw.sqlite3_bind_text(statement, index, date.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException($"{typeof(T).Name}: no bulk binding for the value {value} ({value.GetType().Name})."),
    };

    private static void Check(int result, sqlite3 connection)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, connection);
        }
    }
}

/// <summary>
/// PostgreSQL's writer: the rows are held until <see cref="Complete"/>, then sent in one binary <c>COPY</c> (Npgsql's
/// importer), in the connection's open transaction. They are held because a connection runs one <c>COPY</c> at a time,
/// and the seed streams the four meeting tables side by side.
/// </summary>
internal sealed class PostgresBulkWriter<T>(NpgsqlConnection connection, string table, BulkColumn<T>[] columns) : BulkWriter<T>
    where T : Entity
{
    private readonly List<T> rows = [];

    public override void Add(T row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        cancellationToken.ThrowIfCancellationRequested();
        rows.Add(row);
    }

    public override void Complete(CancellationToken cancellationToken)
    {
        using (var importer = connection.BeginBinaryImport($"COPY {table} ({string.Join(", ", columns.Select(c => c.QuotedName))}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                importer.StartRow();
                foreach (var column in columns)
                {
                    if (column.Value(row) is { } value)
                    {
                        importer.Write(value, column.StoreType);
                    }
                    else
                    {
                        importer.WriteNull();
                    }
                }
            }

            importer.Complete();
        }

        rows.Clear();
    }

    protected override void Dispose(bool disposing) => rows.Clear();
}

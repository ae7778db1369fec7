using System.Globalization;
using System.Linq.Expressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using SQLitePCL;

namespace Dge.Api.Data;

/// <summary>
/// Inserts many rows of one table through one prepared statement, mapped through the EF model so table names, column
/// names and value conversions stay those of the migrations. Used by the seed, where change tracking millions of rows
/// would dominate the start-up time. Each row is written as it is added, so the caller can stream a table instead of
/// holding it. The statement runs on the connection's handle, in its open transaction: per row, a command of
/// Microsoft.Data.Sqlite (a reader, parameters looked up by name) costs more than SQLite's own work for the insert.
/// </summary>
public sealed class BulkWriter<T> : IDisposable
    where T : Entity
{
    private readonly sqlite3 connection;
    private readonly sqlite3_stmt statement;
    private readonly Func<T, object?>[] providerValues;

    private BulkWriter(sqlite3 connection, sqlite3_stmt statement, Func<T, object?>[] providerValues)
    {
        this.connection = connection;
        this.statement = statement;
        this.providerValues = providerValues;
    }

    /// <summary>A writer on <paramref name="db"/>'s open connection, for use inside its current transaction.</summary>
    public static BulkWriter<T> Create(DgeDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().ToArray();
        var sql = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", properties.Select(p => Quote(p.GetColumnName(table)!)))}) " +
            $"VALUES ({string.Join(", ", properties.Select((_, i) => $"?{i + 1}"))})";

        var connection = ((SqliteConnection)db.Database.GetDbConnection()).Handle
            ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(connection, sql, out var statement), connection);
        return new BulkWriter<T>(connection, statement, [.. properties.Select(ProviderValue)]);
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
    }

    public void Add(T row, CancellationToken cancellationToken)
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

    public void Dispose() => statement.Dispose();

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

    /// <summary>Reads the property and applies the model's value converter, as EF does when it saves the row.</summary>
    private static Func<T, object?> ProviderValue(IProperty property)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var read = Expression.Lambda<Func<T, object?>>(Expression.Convert(Expression.Property(row, property.PropertyInfo!), typeof(object)), row).Compile();
        var converter = property.GetTypeMapping().Converter;
        return converter is null ? read : r => read(r) is { } value ? converter.ConvertToProvider(value) : null;
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}

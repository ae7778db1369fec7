using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dge.Api.Data;

/// <summary>
/// Inserts many rows with one prepared command per table, mapped through the EF model so table names,
/// column names and value conversions stay those of the migrations. Used by the seed, where change
/// tracking millions of rows would dominate the start-up time.
/// </summary>
public static class BulkWriter
{
    public static async Task InsertAsync<T>(DgeDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : Entity
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().ToArray();

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var columns = new List<string>(properties.Length);
        var parameters = new List<(IProperty Property, DbParameter Parameter)>(properties.Length);
        for (var i = 0; i < properties.Length; i++)
        {
            var property = properties[i];
            columns.Add(Quote(property.GetColumnName(table)!));
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            command.Parameters.Add(parameter);
            parameters.Add((property, parameter));
        }

        command.CommandText =
            $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", parameters.Select(p => p.Parameter.ParameterName))})";
        await command.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            foreach (var (property, parameter) in parameters)
            {
                var value = property.PropertyInfo!.GetValue(row);
                var converter = property.GetTypeMapping().Converter;
                parameter.Value = (converter is null || value is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}

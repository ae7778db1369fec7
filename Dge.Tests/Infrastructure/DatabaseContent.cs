using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dge.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Infrastructure;

/// <summary>Reads a whole database as text, table by table in key order, to compare two databases.</summary>
public static class DatabaseContent
{
    public static async Task<IReadOnlyDictionary<string, long>> RowCountsAsync(DgeDbContext db)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        foreach (var (table, _) in Tables(db))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        return counts;
    }

    public static async Task<string> HashAsync(DgeDbContext db)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        foreach (var (table, key) in Tables(db))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY {key}";
            await using var reader = await command.ExecuteReaderAsync();
            sha.AppendData(Encoding.UTF8.GetBytes(table));
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
                    sha.AppendData(Encoding.UTF8.GetBytes(value + "|"));
                }
            }
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    /// <summary>Every table with its primary key columns, for a stable row order (the sign-in tables have no Id column).</summary>
    private static IEnumerable<(string Table, string Key)> Tables(DgeDbContext db) =>
        db.Model.GetEntityTypes()
            .Where(t => t.GetTableName() is not null && t.FindPrimaryKey() is not null)
            .Select(t => (Table: t.GetTableName()!, Key: string.Join(", ", t.FindPrimaryKey()!.Properties.Select(p => $"\"{p.GetColumnName()}\""))))
            .DistinctBy(t => t.Table)
            .OrderBy(t => t.Table, StringComparer.Ordinal);
}

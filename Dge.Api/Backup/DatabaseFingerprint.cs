using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dge.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Backup;

/// <summary>
/// What a database holds, in a form two databases can be compared by: the row count of every table and a SHA-256 over
/// every row of every table in key order. A backup records it from the copy it wrote, so a restore (or a test) can check
/// that a database holds exactly what the backup held.
/// </summary>
public sealed record DatabaseFingerprint(IReadOnlyDictionary<string, long> RowCounts, string Checksum)
{
    public long TotalRows => RowCounts.Values.Sum();

    /// <summary>Reads the fingerprint over <paramref name="connection"/> (open), all in one read transaction so it is one moment's.</summary>
    public static async Task<DatabaseFingerprint> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var counts = await RowCountsAsync(connection, transaction, cancellationToken);
        var checksum = await ChecksumAsync(connection, transaction, cancellationToken);
        return new DatabaseFingerprint(counts, checksum);
    }

    public static async Task<IReadOnlyDictionary<string, long>> RowCountsAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (table, _) in Tables)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        return counts;
    }

    public static async Task<string> ChecksumAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (table, key) in Tables)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY {key}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            sha.AppendData(Encoding.UTF8.GetBytes(table));
            while (await reader.ReadAsync(cancellationToken))
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

    /// <summary>Every table of the model with its primary key columns, for a stable row order (the sign-in tables have no Id column).</summary>
    private static readonly IReadOnlyList<(string Table, string Key)> Tables = ReadTables();

    private static List<(string Table, string Key)> ReadTables()
    {
        using var db = DgeDbContext.ModelOnly();
        return
        [
            .. db.Model.GetEntityTypes()
                .Where(t => t.GetTableName() is not null && t.FindPrimaryKey() is not null)
                .Select(t => (Table: t.GetTableName()!, Key: string.Join(", ", t.FindPrimaryKey()!.Properties.Select(p => $"\"{p.GetColumnName()}\""))))
                .DistinctBy(t => t.Table)
                .OrderBy(t => t.Table, StringComparer.Ordinal),
        ];
    }
}

using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Dge.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dge.Api.Audit;

/// <summary>
/// Writes a change's audit entries in one statement (<c>INSERT … VALUES (…), (…)</c>) in its transaction: an entry is
/// written once and never changed, so it needs nothing of the tracker's (a key back, a snapshot, a state), and a change
/// of many rows (a meeting with its links) writes its entries at the cost of one. Columns, conversions and parameters are
/// the model's own, so the rows are those a save would write, on either provider; the statement goes through EF Core, so
/// its interceptors and diagnostics see it.
/// </summary>
public static class AuditRows
{
    /// <summary>Rows per statement: far below the variables a statement may bind (SQLite 32,766; PostgreSQL 65,535).</summary>
    public const int RowsPerStatement = 500;

    /// <summary>Per model (SQLite's, PostgreSQL's): the statement's head and the columns it writes, worked out once.</summary>
    private static readonly ConditionalWeakTable<IModel, Insert> Statements = [];

    private sealed record Insert(string Head, IReadOnlyList<IProperty> Columns);

    private static Insert Statement(IModel model, ISqlGenerationHelper sql)
    {
        var entityType = model.FindEntityType(typeof(AuditEntry)) ?? throw new InvalidOperationException("The model has no audit entries.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never && p.GetColumnName(table) is not null).ToList();
        return new Insert(
            $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ",
            columns);
    }

    public static async Task InsertAsync(DgeDbContext db, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        var (head, columns) = Statements.GetValue(db.Model, model => Statement(model, sql));

        // Parameters are made as the model's type mappings make them for a save: the same conversions and database types.
        await using var factory = db.Database.GetDbConnection().CreateCommand();
        foreach (var chunk in entries.Chunk(RowsPerStatement))
        {
            var text = new StringBuilder(head);
            var parameters = new List<DbParameter>(chunk.Length * columns.Count);
            for (var row = 0; row < chunk.Length; row++)
            {
                text.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < columns.Count; column++)
                {
                    var property = columns[column];
                    var name = $"a{parameters.Count}";
                    parameters.Add(property.GetRelationalTypeMapping().CreateParameter(factory, name, property.GetGetter().GetClrValueUsingContainingEntity(chunk[row]), property.IsNullable));
                    text.Append(column == 0 ? string.Empty : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                }

                text.Append(')');
            }

            try
            {
                await db.Database.ExecuteSqlRawAsync(text.ToString(), parameters, cancellationToken);
            }
            catch (DbException failed)
            {
                // As a save would report it: the write path answers a refused row and a busy database from this one type.
                throw new DbUpdateException("The audit entries could not be written; see the inner exception.", failed);
            }
        }
    }
}

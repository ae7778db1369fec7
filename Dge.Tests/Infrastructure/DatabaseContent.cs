using Dge.Api.Backup;
using Dge.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Infrastructure;

/// <summary>
/// Reads a whole database as text, table by table in key order, to compare two databases: the same fingerprint a
/// backup records (<see cref="DatabaseFingerprint"/>), so a test compares a restored database with its backup's manifest.
/// </summary>
public static class DatabaseContent
{
    public static async Task<IReadOnlyDictionary<string, long>> RowCountsAsync(DgeDbContext db)
    {
        await db.Database.OpenConnectionAsync();
        return await DatabaseFingerprint.RowCountsAsync(db.Database.GetDbConnection(), transaction: null, CancellationToken.None);
    }

    public static async Task<string> HashAsync(DgeDbContext db)
    {
        await db.Database.OpenConnectionAsync();
        return await DatabaseFingerprint.ChecksumAsync(db.Database.GetDbConnection(), transaction: null, CancellationToken.None);
    }
}

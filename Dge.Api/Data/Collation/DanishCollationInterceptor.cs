using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dge.Api.Data.Collation;

/// <summary>
/// Registers <see cref="DanishCollation"/> on every SQLite connection as it opens, so <c>COLLATE DANISH</c> works in any
/// statement. SQLite keeps collations per connection, and a pooled connection may be opened anew, so it is done on each open.
/// </summary>
public sealed class DanishCollationInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private static void Register(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            sqlite.CreateCollation(DanishCollation.Name, DanishCollation.Compare);
        }
    }
}

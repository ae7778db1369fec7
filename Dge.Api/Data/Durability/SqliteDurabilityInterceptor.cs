using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dge.Api.Data.Durability;

/// <summary>
/// Sets the per-connection pragmas that decide what an acknowledged write survives and how writers wait for each other,
/// on every SQLite connection as it opens (SQLite keeps both per connection, and a pooled connection may be opened anew).
/// <c>journal_mode=WAL</c> is a property of the file and is set once at start-up by <see cref="DatabaseInitializer"/>.
/// </summary>
public sealed class SqliteDurabilityInterceptor(DurabilityOptions options) : DbConnectionInterceptor
{
    private readonly string pragmas = string.Create(
        CultureInfo.InvariantCulture,
        $"PRAGMA synchronous = {options.Synchronous.ToString().ToUpperInvariant()}; PRAGMA busy_timeout = {(int)options.BusyTimeout.TotalMilliseconds};");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection sqlite)
        {
            using var command = sqlite.CreateCommand();
            command.CommandText = pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection sqlite)
        {
            await using var command = sqlite.CreateCommand();
            command.CommandText = pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

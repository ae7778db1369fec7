using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dge.Api.Data.Durability;

/// <summary>
/// Sets the per-connection pragmas that decide what an acknowledged write survives and how writers wait for each other,
/// on every SQLite connection (SQLite keeps both per connection). <c>journal_mode=WAL</c> is a property of the file and is
/// set once at start-up by <see cref="DatabaseInitializer"/>.
/// </summary>
/// <remarks>
/// The driver pools connections: an open usually takes one already open from the pool, and a read opens one per statement.
/// The pragmas stay set on it, so they run once per database connection (its native handle), not on every open, where
/// preparing them again cost every statement of a read a little.
/// </remarks>
public sealed class SqliteDurabilityInterceptor(DurabilityOptions options) : DbConnectionInterceptor
{
    /// <summary>
    /// The pragmas last set on each native connection, for every interceptor in the process: two hosts in one process (as
    /// in tests) may share a pool with different settings, and each must find its own on every connection it opens. An
    /// entry goes when its connection is closed for good.
    /// </summary>
    private static readonly ConditionalWeakTable<object, string> SetOn = new();

    private readonly string pragmas = string.Create(
        CultureInfo.InvariantCulture,
        $"PRAGMA synchronous = {options.Synchronous.ToString().ToUpperInvariant()}; PRAGMA busy_timeout = {(int)options.BusyTimeout.TotalMilliseconds};");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite && !AlreadySet(handle))
        {
            using var command = sqlite.CreateCommand();
            command.CommandText = pragmas;
            command.ExecuteNonQuery();
            SetOn.AddOrUpdate(handle, pragmas);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite && !AlreadySet(handle))
        {
            await using var command = sqlite.CreateCommand();
            command.CommandText = pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            SetOn.AddOrUpdate(handle, pragmas);
        }
    }

    private bool AlreadySet(object handle) => SetOn.TryGetValue(handle, out var set) && set == pragmas;
}

using Microsoft.Data.Sqlite;

namespace Dge.Api.Data;

/// <summary>The SQLite connections, queries and checks that the start-up, backup and restore share.</summary>
internal static class SqliteFiles
{
    /// <summary>A connection of its own (no pool, so the file is closed when it is disposed) to an existing file.</summary>
    public static async Task<SqliteConnection> OpenAsync(string path, SqliteOpenMode mode, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);

        // A host may be committing; wait for its lock as the host's own connections do rather than fail at once.
        await ExecuteAsync(connection, "PRAGMA busy_timeout = 5000;", cancellationToken);
        return connection;
    }

    public static async Task<List<string>> QueryAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    public static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// <c>PRAGMA quick_check</c>: reads every page once and finds torn or overwritten pages (milliseconds for the national
    /// database, over a second at 100×); its answer goes through <see cref="ProblemOf"/>.
    /// </summary>
    public const string QuickCheck = "PRAGMA quick_check(3);";

    /// <summary>Null when <c>PRAGMA integrity_check</c> answers ok, else what it found.</summary>
    public static async Task<string?> IntegrityProblemAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        ProblemOf(await QueryAsync(connection, "PRAGMA integrity_check(5);", cancellationToken));

    /// <summary>Null when an integrity check answered ok, else what it found.</summary>
    public static string? ProblemOf(IReadOnlyList<string> lines) => lines is ["ok"] ? null : string.Join("; ", lines);

    /// <summary>The database's own files: the write-ahead log and its index, which belong to it and to no other file.</summary>
    public static IEnumerable<string> CompanionFiles(string databasePath) => [databasePath + "-wal", databasePath + "-shm", databasePath + "-journal"];

    public static void DeleteWithCompanions(string path)
    {
        foreach (var file in CompanionFiles(path).Prepend(path))
        {
            File.Delete(file);
        }
    }
}

using System.Data.Common;
using System.Text.Json;

namespace Dge.Benchmarks.Baselines;

/// <summary>
/// What the mutations' baselines share: who their audit entries name, how a write begins on PostgreSQL, how a refusal is
/// answered and how a write that did not commit is undone.
/// </summary>
public static class MutationBaseline
{
    /// <summary>
    /// Who the audit names: the baseline endpoint takes no credentials, so a fixed API key stands for the caller the API would
    /// have authenticated.
    /// </summary>
    public const string ActorId = "apikey:baseline";

    public const string ActorName = "baseline";

    /// <summary>
    /// On SQLite, how a baseline's write begins, in its first statement: <c>synchronous = FULL</c> is the API's durability (set
    /// on each of its connections as it opens) and may not change inside a transaction; <c>temp_store = MEMORY</c> keeps the
    /// undo journal of a statement in memory, as the API's write transactions do (reset by <see cref="WriteAsync"/>).
    /// </summary>
    public const string SqliteBegin = "PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;\nBEGIN IMMEDIATE;\n";

    /// <summary>
    /// On PostgreSQL, as the API: READ COMMITTED, then the cross-instance write lock; the reads follow in statements of their
    /// own (a snapshot taken after the lock was granted).
    /// </summary>
    public static string PostgresBeginSql { get; } = $"""
        BEGIN ISOLATION LEVEL READ COMMITTED;
        SELECT set_config('lock_timeout', '5000ms', true);
        SELECT pg_advisory_xact_lock({Dge.Api.GraphQL.Mutations.WriteTransaction.PostgresWriteLock});
        """;

    /// <summary>
    /// Runs a baseline's write as the API runs its own: one writer at a time in this process (<see cref="BaselineSql.Writers"/>),
    /// on PostgreSQL after the write lock. <paramref name="write"/> gets the command and whether the store is PostgreSQL; it
    /// begins the transaction on SQLite itself (in its first statement) and answers true once it has committed. Anything
    /// else, a refusal or a failure, is rolled back. On SQLite its first statement also keeps temporary storage in memory for
    /// the transaction, as the API's writer does, and the connection is given back to the pool, which the reads share, with
    /// the default again.
    /// </summary>
    public static async Task WriteAsync(DbConnection connection, Func<DbCommand, bool, Task<bool>> write, CancellationToken cancellationToken)
    {
        await BaselineSql.Writers.WaitAsync(cancellationToken);
        var committed = false;
        var postgres = BaselineSql.IsPostgres(connection);
        try
        {
            await using var command = connection.CreateCommand();
            if (postgres)
            {
                command.CommandText = PostgresBeginSql;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            committed = await write(command, postgres);
        }
        finally
        {
            if (!committed)
            {
                // Leaves nothing written. It fails only when no transaction was open (the statement that would begin it
                // failed first).
                await ExecuteQuietlyAsync(connection, "ROLLBACK;");
            }

            if (!postgres)
            {
                // A transaction still open would refuse it; the connection then keeps the setting.
                await ExecuteQuietlyAsync(connection, "PRAGMA temp_store = DEFAULT;");
            }

            BaselineSql.Writers.Release();
        }
    }

    /// <summary>Runs a statement whose failure each caller expects and says why it does not matter.</summary>
    private static async Task ExecuteQuietlyAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (DbException)
        {
            // Expected by the caller.
        }
    }

    /// <summary>
    /// A connection as the example documents select it: <c>{ totalCount?, nodes: [ … ] }</c>, each node written by
    /// <paramref name="node"/>; the total only where given.
    /// </summary>
    public static void WriteNodes<T>(Utf8JsonWriter json, ReadOnlySpan<byte> connection, IEnumerable<T> nodes, Action<Utf8JsonWriter, T> node, int? totalCount = null)
    {
        json.WriteStartObject(connection);
        if (totalCount is { } total)
        {
            json.WriteNumber("totalCount"u8, total);
        }

        json.WriteStartArray("nodes"u8);
        foreach (var item in nodes)
        {
            json.WriteStartObject();
            node(json, item);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// The end of an accepted mutation's payload, after its result: no errors, the warnings (for a payload that has them; null
    /// for one that has none), and the payload and <c>data</c> objects closed.
    /// </summary>
    public static void WriteAccepted(Utf8JsonWriter json, IEnumerable<(string Code, string Message)>? warnings)
    {
        json.WriteNull("errors"u8);
        if (warnings is not null)
        {
            json.WriteStartArray("warnings"u8);
            foreach (var (code, message) in warnings)
            {
                json.WriteStartObject();
                json.WriteString("code"u8, code);
                json.WriteString("message"u8, message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// The payload of a refusal: the result field null, the one error with what the example documents select of its type (in
    /// their order: message, a conflict's current version, a validation error's path and code, a missing row's id), and no
    /// warnings where the payload has them.
    /// </summary>
    public static void WriteRefusal(Utf8JsonWriter json, ReadOnlySpan<byte> resultField, Refusal refusal, bool warnings = true)
    {
        json.WriteNull(resultField);
        json.WriteStartArray("errors"u8);
        json.WriteStartObject();
        json.WriteString("__typename"u8, refusal.TypeName);
        json.WriteString("message"u8, refusal.Message);
        if (refusal.CurrentVersion is { } currentVersion)
        {
            json.WriteNumber("currentVersion"u8, currentVersion);
        }

        if (refusal.Field is { } field)
        {
            json.WriteStartArray("path"u8);
            json.WriteStringValue("input"u8);
            json.WriteStringValue(field);
            json.WriteEndArray();
            json.WriteString("code"u8, refusal.Code);
        }

        if (refusal.Id is { } id)
        {
            json.WriteString("id"u8, id);
        }

        json.WriteEndObject();
        json.WriteEndArray();
        if (warnings)
        {
            json.WriteStartArray("warnings"u8);
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}

/// <summary>
/// A refusal as the payload's error: a ValidationError names its field and code, a ConflictError the current version, a
/// NotFoundError the id (where the document selects it).
/// </summary>
public sealed record Refusal(string TypeName, string Message, string? Field = null, string? Code = null, string? Id = null, int? CurrentVersion = null)
{
    public static Refusal Invalid(string field, string code, string message) => new("ValidationError", message, field, code);
}

using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Api.Data.Providers;
using Dge.Api.Data.Seed;
using Dge.Api.GraphQL.Model;
using Dge.Tests.GraphQL.Http;
using Dge.Tests.Infrastructure;
using GraphQL;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dge.Tests.Reliability;

/// <summary>
/// The real host in process over a private copy of the national database, with every log entry kept and the clock fixed
/// on the seed's anchor day (so the generated dates mean the same on any day a seed is replayed).
/// </summary>
public sealed class HostileWriteHost : IAsyncLifetime
{
    /// <summary>Overrides the property's seed, e.g. to replay a failure seen in CI: <c>DGE_PROPERTY_SEED=123</c>.</summary>
    public const string SeedVariable = "DGE_PROPERTY_SEED";

    private const ulong DefaultSeed = 20261204;

    private DgeAppFactory? _factory;

    public CollectingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => (_factory ?? throw new InvalidOperationException("The host has not started.")).Services;

    public string DatabasePath { get; private set; } = string.Empty;

    public static DateOnly Today => SeedCalendar.Anchor;

    public static ulong Seed =>
        ulong.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var seed) ? seed : DefaultSeed;

    public ModelRegistry Models => Services.GetRequiredService<ModelRegistry>();

    public async Task InitializeAsync()
    {
        DatabasePath = await TestDatabases.CopyNationalAsync();
        var clock = new FixedClock(new DateTimeOffset(Today.ToDateTime(new TimeOnly(12, 0)), TimeZoneInfo.Local.GetUtcOffset(DateTime.Now)));

        // Durability is CrashSafety's subject, not this test's: NORMAL spares tens of thousands of fsyncs on a shared machine
        // (SQLite's setting; PostgreSQL's server is the run's).
        _factory = new DgeAppFactory(
            DatabasePath,
            configureServices: services =>
            {
                services.AddSingleton<ILoggerProvider>(Logs);
                services.AddSingleton<TimeProvider>(clock);
            },
            settings: new Dictionary<string, string> { ["Dge:Database:Synchronous"] = "Normal" });
        using var ready = await _factory.CreateReadyClientAsync();
        await SchemaExecution.ExecuteAsync(Services, "{ __typename }");
        if (TestDatabases.ProviderOf(DatabasePath) == DatabaseProvider.Postgres)
        {
            await CountCommitsAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_watch is not null)
        {
            await _watch.DisposeAsync();
        }

        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (TestDatabases.ProviderOf(DatabasePath) == DatabaseProvider.Sqlite)
        {
            File.Delete(DatabasePath);
        }
    }

    public Dge.Api.Data.DgeDbContext OpenDb() => TestDatabases.Open(DatabasePath);

    /// <summary>
    /// A number that moves whenever the host commits a change, read on a connection of our own that never writes, so an
    /// unchanged value proves nothing was written anywhere in the database. On SQLite it is the file's
    /// <c>data_version</c>; on PostgreSQL the count kept by <see cref="CountCommitsAsync"/>.
    /// </summary>
    public long DataVersion()
    {
        var postgres = TestDatabases.ProviderOf(DatabasePath) == DatabaseProvider.Postgres;
        if (_watch is null)
        {
            _watch = postgres
                ? new NpgsqlConnection(TestDatabases.ConnectionString(DatabasePath))
                : new SqliteConnection(TestDatabases.ConnectionString(DatabasePath));
            _watch.Open();
        }

        using var command = _watch.CreateCommand();
        command.CommandText = postgres ? $"SELECT \"Count\" FROM \"{CommitCounter}\"" : "PRAGMA data_version";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private DbConnection? _watch;

    private const string CommitCounter = "TestCommitCounter";

    /// <summary>
    /// PostgreSQL has no <c>data_version</c>: a trigger on every table of the test's database adds one to a counter for
    /// each statement that inserts, updates, deletes or truncates. The counter's row is written in the statement's
    /// transaction, so it moves only when that transaction commits, as <c>data_version</c> does.
    /// </summary>
    private async Task CountCommitsAsync()
    {
        await using var connection = new NpgsqlConnection(TestDatabases.ConnectionString(DatabasePath));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $$"""
            CREATE TABLE "{{CommitCounter}}" ("Count" bigint NOT NULL);
            INSERT INTO "{{CommitCounter}}" VALUES (0);
            CREATE FUNCTION test_count_commit() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
                UPDATE "{{CommitCounter}}" SET "Count" = "Count" + 1;
                RETURN NULL;
            END $body$;
            DO $body$
            DECLARE t text;
            BEGIN
                FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '{{CommitCounter}}' LOOP
                    EXECUTE format('CREATE TRIGGER test_count_commit AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION test_count_commit()', t);
                END LOOP;
            END $body$;
            """,
            connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Runs a mutation as an Editor with its variables parsed from JSON as the endpoint parses them; null when the JSON
    /// reader refuses the variables (the endpoint answers 400 before anything runs).
    /// </summary>
    public async Task<JsonElement?> ExecuteAsync(string query, string variablesJson)
    {
        Inputs variables;
        try
        {
            variables = Services.GetRequiredService<IGraphQLTextSerializer>().Deserialize<Inputs>(variablesJson)!;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }

        return await SchemaExecution.ExecuteAsync(Services, query, variables, TestPrincipals.WithRole(Roles.Editor));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Local;
    }
}

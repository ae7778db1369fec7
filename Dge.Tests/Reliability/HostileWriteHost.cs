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
        DatabasePath = await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite);
        var clock = new FixedClock(new DateTimeOffset(Today.ToDateTime(new TimeOnly(12, 0)), TimeZoneInfo.Local.GetUtcOffset(DateTime.Now)));

        // Durability is CrashSafety's subject, not this test's: NORMAL spares tens of thousands of fsyncs on a shared machine.
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

        File.Delete(DatabasePath);
    }

    public Dge.Api.Data.DgeDbContext OpenDb() => TestDatabases.Open(DatabasePath);

    /// <summary>
    /// SQLite's <c>data_version</c> as seen by a connection of our own that never writes: it moves whenever another
    /// connection (the host's) commits, so an unchanged value proves nothing was written, anywhere in the file.
    /// </summary>
    public long DataVersion()
    {
        if (_watch is null)
        {
            _watch = new SqliteConnection(TestDatabases.ConnectionString(DatabasePath));
            _watch.Open();
        }

        using var command = _watch.CreateCommand();
        command.CommandText = "PRAGMA data_version";
        return (long)command.ExecuteScalar()!;
    }

    private SqliteConnection? _watch;

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

using System.Globalization;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Api.Data.Seed;
using Dge.Api.GraphQL.Http;
using Dge.Tests.GraphQL.Http;
using Dge.Tests.Infrastructure;
using FsCheck;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dge.Tests.GraphQL.ReadPath;

/// <summary>
/// The real host over a private copy of the national database, with every log entry kept and the clock fixed on the
/// seed's anchor day (so "today" in filters through dated relations is the oracle's today), shared by the property tests of one class.
/// </summary>
public sealed class ReadPathHost : IAsyncLifetime
{
    /// <summary>Overrides the properties' seed, e.g. to replay a failure seen in CI: <c>DGE_PROPERTY_SEED=123</c>.</summary>
    public const string SeedVariable = "DGE_PROPERTY_SEED";

    private const ulong DefaultSeed = 20261202;

    private DgeAppFactory? factory;

    public CollectingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => Factory.Services;

    public DgeAppFactory Factory => factory ?? throw new InvalidOperationException("The host has not started.");

    public string DatabasePath { get; private set; } = string.Empty;

    /// <summary>The seed's own "now", so a seed replays the same cases with the same answers on any day.</summary>
    public DateOnly Today { get; } = SeedCalendar.Anchor;

    /// <summary>The schema the host serves, initialised by a first request.</summary>
    public ISchema Schema => Services.GetRequiredService<ISchema>();

    public static ulong Seed =>
        ulong.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var seed) ? seed : DefaultSeed;

    public async Task InitializeAsync()
    {
        DatabasePath = await TestDatabases.CopyNationalAsync();
        var clock = new FixedClock(new DateTimeOffset(Today.ToDateTime(new TimeOnly(12, 0)), TimeZoneInfo.Local.GetUtcOffset(DateTime.Now)));
        factory = new DgeAppFactory(DatabasePath, configureServices: services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            services.AddSingleton<TimeProvider>(clock);
        });
        using var ready = await factory.CreateReadyClientAsync();
        await SchemaExecution.ExecuteAsync(Services, "{ __typename }");
    }

    public async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        File.Delete(DatabasePath);
    }

    /// <summary>The FsCheck configuration of every property here: this many cases from the run's seed, failing with the shrunk case.</summary>
    public static Config Cases(int count) =>
        Config.QuickThrowOnFailure
            .WithMaxTest(count)
            .WithQuietOnSuccess(true)
            .WithReplay(new Replay(new Rnd(Seed, 0x9E3779B97F4A7C15UL), null));

    /// <summary>
    /// Runs a document through the host's runner in a request scope, with its variables parsed as the endpoint parses JSON,
    /// as a Reader: the generated documents read and filter personal fields too (anonymous access is Access/PersonalDataTests').
    /// </summary>
    public Task<JsonElement> ExecuteAsync(string query, string? variablesJson)
    {
        var variables = variablesJson is null ? null : Services.GetRequiredService<IGraphQLTextSerializer>().Deserialize<Inputs>(variablesJson);
        return SchemaExecution.ExecuteAsync(Services, query, variables, TestPrincipals.WithRole(Roles.Reader));
    }

    /// <summary>
    /// Why a response breaks the error contract, or null when it keeps it: every error typed with a code, none an
    /// internal error, the storage engine never named, nothing logged at error level since <paramref name="logged"/> entries.
    /// </summary>
    public string? ContractBreach(string response, int logged)
    {
        if (response.Contains("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return "the response names the storage engine";
        }

        using var json = JsonDocument.Parse(response);
        if (json.RootElement.TryGetProperty("errors", out var errors))
        {
            foreach (var error in errors.EnumerateArray())
            {
                var code = error.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("code", out var value) && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
                if (string.IsNullOrEmpty(code) || code == UnhandledResolverErrors.Code)
                {
                    return $"an error is {(string.IsNullOrEmpty(code) ? "untyped" : code)}: {error}";
                }
            }
        }

        var entry = Logs.Entries.Skip(logged).FirstOrDefault(e => e.Level >= LogLevel.Error);
        return entry is null ? null : $"logged at {entry.Level}: {entry.Message} {entry.Exception}";
    }

    /// <summary>The first error code of a response, or "data" when it has none: tallied so a run shows what its cases exercised.</summary>
    public static string Outcome(string response)
    {
        using var json = JsonDocument.Parse(response);
        return json.RootElement.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0
            ? errors[0].GetProperty("extensions").GetProperty("code").GetString() ?? "untyped"
            : "data";
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Local;
    }
}

using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Dge.Api.Access;
using Dge.Api.Data;
using Dge.Api.GraphQL;
using Dge.Tests.GraphQL.Http;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dge.Tests.Reliability;

/// <summary>
/// A mutation that commits and whose payload then runs out of time is saved: the answer says so with its own code, so a
/// client that retries on <c>TIMEOUT</c> does not make the change twice. Found by the hostile review of 2026-12-05: the
/// answer was <c>TIMEOUT</c>, the same as for an operation that changed nothing.
/// </summary>
public sealed class TimeoutAfterCommitTests
{
    private const string UpdateTheme =
        """
        mutation($input: UpdateThemeInput!) {
          updateTheme(input: $input) { theme { nameEn materials(first: 3) { nodes { title } } } errors { __typename } }
        }
        """;

    [Fact]
    public async Task Post_PayloadRunsPastTheTimeoutAfterTheCommit_AnswersTimeoutAfterCommitAndKeepsTheChange()
    {
        var stall = new StallReadsAfterCommit();
        var logs = new CollectingLoggerProvider();
        await using var host = await StartAsync(stall, logs);
        using var editor = await host.SignedInClientAsync(Roles.Editor);
        var (themeId, version) = await FirstThemeAsync(host);

        using var response = await PostStalledAsync(
            editor, stall, stall.Arm, new { query = UpdateTheme, variables = new { input = new { id = themeId, expectedVersion = version, nameEn = "Saved before the timeout" } } });

        Assert.True(stall.Stalled, "No statement of the payload ran after the commit: the test shows nothing.");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GraphQLRunner.TimeoutAfterCommitCode, await GraphQLHttp.ErrorCodeAsync(response));
        var saved = Assert.Single(Saved(await GraphQLHttp.JsonAsync(response)));
        Assert.Equal(("updateTheme", "", themeId, ""), saved);
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<DgeDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal("Saved before the timeout", await db.Themes.Where(t => t.Version == version + 1).Select(t => t.NameEn).SingleAsync());
        }

        Assert.DoesNotContain(logs.Entries, entry => entry.Level >= LogLevel.Error);
    }

    /// <summary>
    /// A create answered <c>TIMEOUT_AFTER_COMMIT</c> names the id of what it created, which the payload that ran out of time
    /// would have carried: the client neither makes it again nor has to search for it (review of 2026-12-05).
    /// </summary>
    [Fact]
    public async Task Post_CreateWhosePayloadRunsPastTheTimeout_NamesTheCreatedId()
    {
        var stall = new StallReadsAfterCommit();
        await using var host = await StartAsync(stall);
        using var editor = await host.SignedInClientAsync(Roles.Editor);

        // A created theme's connection in the default order comes from its transaction (CommittedEntities): one with an
        // order of its own is read after the commit, which is the read this test stalls.
        using var response = await PostStalledAsync(
            editor,
            stall,
            stall.Arm,
            new
            {
                query = """
                    mutation { a: createTheme(input: { code: "T-TAC", nameDa: "Gemt", nameEn: "Saved", category: "process" }) {
                      theme { id materials(first: 3, order: [{ title: ASC }]) { nodes { title } } } errors { __typename } } }
                    """,
            });

        Assert.True(stall.Stalled, "No statement of the payload ran after the commit: the test shows nothing.");
        Assert.Equal(GraphQLRunner.TimeoutAfterCommitCode, await GraphQLHttp.ErrorCodeAsync(response));
        var (mutation, created, updated, deleted) = Assert.Single(Saved(await GraphQLHttp.JsonAsync(response)));
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<DgeDbContext>>().CreateDbContextAsync();
        var stored = await db.Themes.Where(t => t.Code == "T-TAC").Select(t => t.Id).SingleAsync();
        Assert.Equal(("createTheme", Dge.Api.GraphQL.Relay.NodeId.Encode("Theme", stored), "", ""), (mutation, created, updated, deleted));
    }

    [Fact]
    public async Task Post_QueryRunsPastTheTimeout_StillAnswersTimeout()
    {
        var stall = new StallReadsAfterCommit();
        await using var host = await StartAsync(stall);
        using var editor = await host.SignedInClientAsync(Roles.Editor);

        using var response = await PostStalledAsync(editor, stall, stall.StallEveryRead, new { query = "{ themes(first: 1) { nodes { nameEn } } }" });


        Assert.True(stall.Stalled);
        Assert.Equal(GraphQLRunner.TimeoutCode, await GraphQLHttp.ErrorCodeAsync(response));
    }

    /// <summary>The host on a copy of the national database with <paramref name="stall"/>, ready, and a 10 s execution timeout.</summary>
    private static async Task<DgeAppFactory> StartAsync(StallReadsAfterCommit stall, CollectingLoggerProvider? logs = null)
    {
        var host = new DgeAppFactory(
            await TestDatabases.CopyNationalAsync(),
            configureServices: services =>
            {
                services.AddSingleton<IInterceptor>(stall);
                if (logs is not null)
                {
                    services.AddSingleton<ILoggerProvider>(logs);
                }
            },
            settings: new Dictionary<string, string> { ["Dge:GraphQL:ExecutionTimeout"] = "00:00:10" });
        (await host.CreateReadyClientAsync()).Dispose();
        return host;
    }

    /// <summary>Posts <paramref name="body"/> with the stall that <paramref name="start"/> sets, which is lifted afterwards.</summary>
    private static async Task<HttpResponseMessage> PostStalledAsync(HttpClient client, StallReadsAfterCommit stall, Action start, object body)
    {
        try
        {
            start();
            return await client.PostAsJsonAsync("graphql", body);
        }
        finally
        {
            stall.Disarm();
        }
    }

    /// <summary>extensions.saved of the first error: each mutation with its created, updated and deleted ids (comma-separated).</summary>
    private static List<(string Mutation, string Created, string Updated, string Deleted)> Saved(System.Text.Json.JsonElement body) =>
        [.. body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("saved").EnumerateArray().Select(s => (
            s.GetProperty("mutation").GetString()!,
            string.Join(",", s.GetProperty("created").EnumerateArray().Select(i => i.GetString())),
            string.Join(",", s.GetProperty("updated").EnumerateArray().Select(i => i.GetString())),
            string.Join(",", s.GetProperty("deleted").EnumerateArray().Select(i => i.GetString()))))];

    private static async Task<(string Id, long Version)> FirstThemeAsync(DgeAppFactory host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<DgeDbContext>>().CreateDbContextAsync();
        var theme = await db.Themes.OrderBy(t => t.Id).Select(t => new { t.Id, t.Version }).FirstAsync();
        return (Dge.Api.GraphQL.Relay.NodeId.Encode("Theme", theme.Id), theme.Version);
    }

    /// <summary>
    /// Once armed, lets the next commit through and then holds every read until its statement is cancelled (or a minute has
    /// passed): the payload of the committed mutation runs out of time, as a slow one would.
    /// </summary>
    private sealed class StallReadsAfterCommit : DbTransactionInterceptor, IDbCommandInterceptor
    {
        private volatile bool _armed;
        private volatile bool _stalling;

        public bool Stalled { get; private set; }

        public void Arm() => _armed = true;

        public void StallEveryRead() => _stalling = true;

        public void Disarm() => _armed = _stalling = false;

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            _stalling |= _armed;
            return Task.CompletedTask;
        }

        public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (_stalling)
            {
                Stalled = true;
                // Bounded, so a read whose token never ends cannot hold the test: the execution timeout is far shorter.
                await Task.Delay(TimeSpan.FromMinutes(1), cancellationToken);
            }

            return result;
        }
    }
}
